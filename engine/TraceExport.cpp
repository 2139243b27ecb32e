#include "TraceExport.h"

#include "DataExport.h"

#include <QHash>

#include <cmath>
#include <functional>

namespace ipcscope {

namespace {

// Real pids never reach pid_max (at most 2^22 on Linux): the session's own
// track and workers that never got a pid live above it.
constexpr qint64 kSessionPid = 1'000'000'000;
constexpr qint64 kUnlaunchedPidBase = 1'000'000'001;
// A worker's extra tracks (one per lock, one for the semaphore's permits)
// get thread ids of their own, unique across processes like real tids.
constexpr qint64 kLaneTidBase = 1'100'000'000;
constexpr int kLanesPerWorker = 16;
constexpr int kPermitLane = ipc::kMaxLocks + 1;
static_assert(kPermitLane < kLanesPerWorker);

QByteArray jsonString(const QString& text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray microseconds(double seconds)
{
    return QByteArray::number(seconds * 1e6, 'f', 3); // as ExportFile::fixed writes slices
}

bool isFinalState(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    return state == S::Exited || state == S::Stopped || state == S::Killed || state == S::Failed;
}

// Appends events to the "traceEvents" array of the file (which takes them
// in chunks).
class TraceWriter
{
public:
    explicit TraceWriter(ExportFile* file) : m_file(file) {}

    void begin(const QByteArray& metadata)
    {
        m_file->append("{\"displayTimeUnit\":\"ms\",\"otherData\":" + metadata +
                       ",\"traceEvents\":[\n");
    }
    void event(const QByteArray& json)
    {
        separate();
        m_file->append(json);
    }
    void end() { m_file->append("\n]}\n"); }

    void processName(qint64 pid, const QString& name, int sortIndex)
    {
        event("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":" + QByteArray::number(pid) +
              ",\"args\":{\"name\":" + jsonString(name) + "}}");
        event("{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":" + QByteArray::number(pid) +
              ",\"args\":{\"sort_index\":" + QByteArray::number(sortIndex) + "}}");
    }
    void threadName(qint64 pid, qint64 tid, const QString& name)
    {
        event("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":" + QByteArray::number(pid) +
              ",\"tid\":" + QByteArray::number(tid) + ",\"args\":{\"name\":" + jsonString(name) +
              "}}");
    }
    // A slice [start, end] on one track; callers give each track's slices in
    // time order. name: already a JSON string (jsonString). The busiest
    // writer of all, so written piece by piece into the file's buffer.
    void slice(qint64 pid, qint64 tid, const QByteArray& name, const char* category, double start,
               double end)
    {
        separate();
        *m_file << "{\"ph\":\"B\",\"name\":" << name << ",\"cat\":\"" << category << "\",\"ts\":";
        m_file->fixed(start * 1e6, 3) << ",\"pid\":" << pid << ",\"tid\":" << tid << '}';
        separate();
        *m_file << "{\"ph\":\"E\",\"ts\":";
        m_file->fixed(std::max(start, end) * 1e6, 3)
            << ",\"pid\":" << pid << ",\"tid\":" << tid << '}';
    }
    // args: the inside of a JSON object, e.g. "\"expected\":3".
    void instant(qint64 pid, qint64 tid, const QString& name, const char* scope, double at,
                 const QByteArray& args)
    {
        event("{\"ph\":\"i\",\"s\":\"" + QByteArray(scope) + "\",\"name\":" + jsonString(name) +
              ",\"ts\":" + microseconds(at) + ",\"pid\":" + QByteArray::number(pid) +
              ",\"tid\":" + QByteArray::number(tid) + ",\"args\":{" + args + "}}");
    }
    void counter(const char* name, double at, const QByteArray& args)
    {
        event("{\"ph\":\"C\",\"name\":\"" + QByteArray(name) + "\",\"ts\":" + microseconds(at) +
              ",\"pid\":" + QByteArray::number(kSessionPid) +
              ",\"tid\":" + QByteArray::number(kSessionPid) + ",\"args\":{" + args + "}}");
    }

private:
    void separate()
    {
        if (m_events++ > 0)
            m_file->append(",\n");
    }
    ExportFile* m_file;
    qint64 m_events = 0;
};

// One gauge of the Sample as a counter track: written only where it changes.
struct Gauge
{
    const char* track;
    QList<QPair<const char*, std::function<qint64(const Sample&)>>> series;
    bool always; // the scenario's own gauge: drawn even when it stays 0
};

QList<Gauge> gaugesOf(ScenarioKind kind)
{
    using K = ScenarioKind;
    const bool queue = kind == K::Queue || kind == K::JoinableQueue;
    return {
        {"queue depth", {{"depth", [](const Sample& s) { return qint64(s.queueDepth); }}}, queue},
        {"counter",
         {{"expected", [](const Sample& s) { return s.counterExpected; }},
          {"actual", [](const Sample& s) { return s.counterActual; }}},
         kind == K::Counter},
        {"items",
         {{"produced", [](const Sample& s) { return s.produced; }},
          {"consumed", [](const Sample& s) { return s.consumed; }}},
         queue},
        {"semaphore inside",
         {{"inside", [](const Sample& s) { return qint64(s.semaphoreInside); }}},
         kind == K::Semaphore},
        {"event",
         {{"waiting", [](const Sample& s) { return qint64(s.eventWaiting); }},
          {"set", [](const Sample& s) { return qint64(s.eventSet); }}},
         kind == K::Event},
        {"barrier",
         {{"arrived", [](const Sample& s) { return qint64(s.barrierArrived); }},
          {"generation", [](const Sample& s) { return qint64(s.barrierGeneration); }}},
         kind == K::Barrier},
        {"messages in flight",
         {{"in_flight", [](const Sample& s) { return qint64(s.messagesInFlight); }}},
         kind == K::Pipe || kind == K::Socket || kind == K::Manager},
    };
}

void writeGauges(TraceWriter& out, ScenarioKind kind, const QVector<Sample>& samples)
{
    for (const Gauge& gauge : gaugesOf(kind)) {
        const auto valuesAt = [&](const Sample& s) {
            QVector<qint64> values;
            for (const auto& series : gauge.series)
                values.append(series.second(s));
            return values;
        };
        const bool used =
            gauge.always || std::any_of(samples.cbegin(), samples.cend(), [&](const Sample& s) {
                return valuesAt(s) != QVector<qint64>(gauge.series.size(), 0);
            });
        if (!used)
            continue;
        QVector<qint64> previous;
        for (qsizetype i = 0; i < samples.size(); ++i) {
            const QVector<qint64> values = valuesAt(samples[i]);
            // The last sample too, so the track reaches the end of the recording.
            if (values == previous && i + 1 < samples.size())
                continue;
            QByteArray args;
            for (qsizetype k = 0; k < values.size(); ++k)
                args += (k ? ",\"" : "\"") + QByteArray(gauge.series[k].first) +
                        "\":" + QByteArray::number(values[k]);
            out.counter(gauge.track, samples[i].time, args);
            previous = values;
        }
    }
}

} // namespace

bool writeChromeTrace(const QString& path, const Scenario& scenario, const Recording& recording,
                      QString* error)
{
    ExportFile file(path);
    if (!file.open(error))
        return false;

    const QVector<WorkerRecord> workers = recording.workers();
    const QVector<Sample> samples = recording.samplesFrom(0);
    const QVector<RecordedEvent> events = recording.eventsFrom(0);

    // Where the recording ends: open slices are closed there.
    double end = recording.lastTime();
    if (!samples.isEmpty())
        end = std::max(end, samples.last().time);
    for (const WorkerRecord& worker : workers) {
        end = std::max(end, worker.exitedAt);
        for (const StateInterval& interval : worker.intervals)
            end = std::max({end, interval.start, interval.end});
    }

    QHash<int, qint64> pidOf;
    for (const WorkerRecord& worker : workers)
        pidOf[worker.id] = worker.pid > 0 ? worker.pid : kUnlaunchedPidBase + worker.id;
    const auto laneTid = [](int worker, int lane) {
        return kLaneTidBase + qint64(worker) * kLanesPerWorker + lane;
    };

    TraceWriter out(&file);
    out.begin("{\"scenario\":" + jsonString(scenario.name()) +
              ",\"kind\":" + jsonString(Scenario::kindName(scenario.kind())) +
              ",\"events_recorded\":" + QByteArray::number(recording.eventsRecorded()) +
              ",\"events_dropped\":" + QByteArray::number(recording.eventsDropped()) +
              ",\"events_not_kept\":" + QByteArray::number(recording.eventsNotKept()) + "}");

    out.processName(kSessionPid, QStringLiteral("ipcscope: %1").arg(scenario.name()), -1);
    out.threadName(kSessionPid, kSessionPid, QStringLiteral("session"));
    for (const WorkerRecord& worker : workers) {
        const qint64 pid = pidOf[worker.id];
        out.processName(pid,
                        worker.pid > 0
                            ? QStringLiteral("%1 %2 (pid %3)")
                                  .arg(roleName(worker.role))
                                  .arg(worker.id)
                                  .arg(worker.pid)
                            : QStringLiteral("%1 %2").arg(roleName(worker.role)).arg(worker.id),
                        worker.id);
        out.threadName(pid, pid, QStringLiteral("state"));
    }

    QVector<QByteArray> stateNames; // as JSON strings, made once
    for (quint32 state = 0; state < quint32(ipc::WorkerState::Count); ++state)
        stateNames.append(jsonString(workerStateName(ipc::WorkerState(state))));
    // Worker states. The final state (exited, killed, ...) is no slice: the
    // process's track ends there; a death is an instant below.
    for (const WorkerRecord& worker : workers) {
        const qint64 pid = pidOf[worker.id];
        for (const StateInterval& interval : worker.intervals)
            if (!isFinalState(interval.state))
                out.slice(pid, pid, stateNames[qsizetype(interval.state)], "state", interval.start,
                          interval.end < 0 ? end : interval.end);
    }

    // Holding a lock (or a permit), from the acquire and release events.
    // Events are in time order per worker, so each track's slices are too.
    QHash<qint64, double> heldSince; // lane tid -> acquisition time
    QHash<qint64, int> laneWorker;
    const auto laneName = [](int lane) {
        return lane == kPermitLane ? QStringLiteral("permit held")
                                   : QStringLiteral("lock %1 held").arg(lane - 1);
    };
    QVector<QByteArray> laneNames(kLanesPerWorker); // as JSON strings
    for (int lane = 1; lane <= kPermitLane; ++lane)
        laneNames[lane] = jsonString(laneName(lane));
    const auto release = [&](qint64 tid, double at) {
        const auto it = heldSince.find(tid);
        if (it == heldSince.end())
            return; // the acquisition was lost with a full ring
        const int worker = laneWorker[tid];
        const int lane = int((tid - kLaneTidBase) % kLanesPerWorker);
        out.slice(pidOf.value(worker, kUnlaunchedPidBase + worker), tid, laneNames[lane], "lock",
                  it.value(), at);
        heldSince.erase(it);
    };
    QHash<qint64, bool> laneNamed;
    double lastKeptEvent = 0;
    for (const RecordedEvent& e : events) {
        lastKeptEvent = std::max(lastKeptEvent, e.time);
        using E = ipc::EventType;
        int lane = -1;
        if ((e.type == E::LockAcquired || e.type == E::LockReleased) && e.object < ipc::kMaxLocks)
            lane = 1 + e.object;
        else if (e.type == E::PermitAcquired || e.type == E::PermitReleased)
            lane = kPermitLane;
        if (lane < 0 || !pidOf.contains(e.worker))
            continue;
        const qint64 tid = laneTid(e.worker, lane);
        if (!laneNamed.value(tid)) {
            out.threadName(pidOf[e.worker], tid, laneName(lane));
            laneNamed[tid] = true;
        }
        // A second acquisition without a release: the release was lost with a full ring.
        release(tid, e.time);
        if (e.type == E::LockAcquired || e.type == E::PermitAcquired) {
            heldSince[tid] = e.time;
            laneWorker[tid] = e.worker;
        }
    }
    // Still held when the recording ended (or by a worker that died holding
    // it). Past Recording::kMaxEvents no event is kept: what was held then is
    // known only until the last kept event, not until the end.
    const double heldKnownUntil = recording.eventsNotKept() > 0 ? lastKeptEvent : end;
    QList<qint64> stillHeld = heldSince.keys();
    std::sort(stillHeld.begin(), stillHeld.end()); // the same file every time
    for (const qint64 tid : stillHeld)
        release(tid, heldKnownUntil);

    // Races: two read-modify-write windows overlapped, on the second worker's track.
    for (const RaceOverlap& overlap : recording.overlapsFrom(0)) {
        const qint64 pid = pidOf.value(overlap.secondWorker, kSessionPid);
        out.instant(pid, pid, QStringLiteral("race"), "t", overlap.time,
                    "\"first_worker\":" + QByteArray::number(overlap.firstWorker) +
                        ",\"second_worker\":" + QByteArray::number(overlap.secondWorker) +
                        ",\"first_read\":" + QByteArray::number(overlap.firstRead) +
                        ",\"second_read\":" + QByteArray::number(overlap.secondRead));
    }
    // Deaths: killed or failed workers.
    for (const WorkerRecord& worker : workers) {
        if (worker.exit != QLatin1String("killed") && worker.exit != QLatin1String("error"))
            continue;
        const qint64 pid = pidOf[worker.id];
        out.instant(pid, pid, worker.exit, "p", std::max(0.0, worker.exitedAt),
                    "\"worker\":" + QByteArray::number(worker.id) +
                        ",\"error\":" + jsonString(worker.errorText));
    }
    // What the session said (deadlocks named, dead holders, misuse).
    for (const auto& [time, text] : recording.messages())
        out.instant(kSessionPid, kSessionPid, text, "g", time, {});

    writeGauges(out, scenario.kind(), samples);
    out.end();
    return file.commit(error);
}

} // namespace ipcscope
