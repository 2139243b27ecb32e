#include "DataExport.h"

#include "SessionFile.h"
#include "TraceExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace ipcscope {

namespace {

QString cannotWrite(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("DataExport", "cannot write %1: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

// The state a worker was in at time t (intervals are in time order).
ipc::WorkerState stateAt(const WorkerRecord& worker, double t, qsizetype* cursor)
{
    const auto& intervals = worker.intervals;
    while (*cursor + 1 < intervals.size() && intervals[*cursor + 1].start <= t)
        ++*cursor;
    if (intervals.isEmpty() || intervals[*cursor].start > t)
        return ipc::WorkerState::Starting;
    return intervals[*cursor].state;
}

// workerStateName as bytes, made once per state: CSV rows are written by the million.
const QByteArray& stateNameBytes(ipc::WorkerState state)
{
    static const QByteArray unknown = QByteArrayLiteral("unknown");
    static const QVector<QByteArray> names = [] {
        QVector<QByteArray> all;
        for (quint32 s = 0; s <= quint32(ipc::WorkerState::Count); ++s)
            all.append(workerStateName(ipc::WorkerState(s)).toLatin1());
        return all;
    }();
    return qsizetype(state) < names.size() ? names[qsizetype(state)] : unknown;
}

} // namespace

ExportFile::ExportFile(const QString& path) : m_file(std::make_unique<QSaveFile>(path)) {}

ExportFile::~ExportFile() = default; // not committed: QSaveFile removes its temporary file

bool ExportFile::open(QString* error)
{
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        *error = cannotWrite(m_file->fileName(), m_file->errorString());
        return false;
    }
    return true;
}

void ExportFile::write(QByteArrayView data)
{
    while (m_failure.isEmpty() && !data.isEmpty()) {
        const qint64 written = m_file->write(data.constData(), data.size());
        if (written <= 0)
            m_failure = m_file->errorString(); // e.g. "No space left on device"
        else
            data = data.sliced(written);
    }
}

void ExportFile::append(QByteArrayView text)
{
    constexpr qsizetype kChunk = 1 << 20;
    if (m_pending.capacity() < kChunk)
        m_pending.reserve(kChunk + 4096);
    m_pending.append(text);
    if (m_pending.size() >= kChunk) {
        write(m_pending);
        m_pending.resize(0); // keeps the capacity
    }
}

ExportFile& ExportFile::fixed(double value, int decimals)
{
    char digits[64];
    const auto [end, failed] =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals);
    if (failed == std::errc())
        append(QByteArrayView(digits, end - digits));
    else // beyond 10^60: no time or count of ours, but say it rather than drop it
        append(QByteArray::number(value, 'g', 17));
    return *this;
}

bool ExportFile::commit(QString* error)
{
    write(m_pending);
    m_pending.clear();
    if (!m_failure.isEmpty()) {
        m_file->cancelWriting();
        *error = cannotWrite(m_file->fileName(), m_failure);
        return false;
    }
    if (!m_file->commit()) {
        *error = cannotWrite(m_file->fileName(), m_file->errorString());
        return false;
    }
    return true;
}

QJsonObject sessionSummary(const Scenario& scenario, const Recording& recording, double durationS)
{
    QJsonObject summary;
    summary[QStringLiteral("scenario")] = scenario.name();
    summary[QStringLiteral("kind")] = Scenario::kindName(scenario.kind());
    QJsonObject parameters;
    for (auto it = scenario.values().cbegin(); it != scenario.values().cend(); ++it) {
        const ParameterSpec* spec = Scenario::findSpec(scenario.kind(), it.key());
        if (spec && spec->type == ParameterSpec::Type::Switch)
            parameters[it.key()] = formatParameterValue(*spec, it.value());
        else
            parameters[it.key()] = double(it.value());
    }
    summary[QStringLiteral("parameters")] = parameters;
    summary[QStringLiteral("duration_s")] = durationS;

    QJsonArray workers;
    for (const WorkerRecord& worker : recording.workers()) {
        QJsonObject w;
        w[QStringLiteral("id")] = worker.id;
        w[QStringLiteral("role")] = roleName(worker.role);
        w[QStringLiteral("pid")] = double(worker.pid);
        w[QStringLiteral("exit")] = worker.exit.isEmpty() ? QStringLiteral("running") : worker.exit;
        w[QStringLiteral("ops")] = double(worker.ops);
        w[QStringLiteral("blocked_s")] = double(worker.blockedNs) * 1e-9;
        if (worker.exitedAt >= 0)
            w[QStringLiteral("exited_at_s")] = worker.exitedAt;
        if (!worker.errorText.isEmpty())
            w[QStringLiteral("error")] = worker.errorText;
        workers.append(w);
    }
    summary[QStringLiteral("workers")] = workers;

    if (scenario.kind() == ScenarioKind::Counter) {
        const CounterFigures counter = recording.counterFigures();
        summary[QStringLiteral("counter")] = QJsonObject{
            {QStringLiteral("expected"), double(counter.expected)},
            {QStringLiteral("actual"), double(counter.actual)},
            {QStringLiteral("lost_updates"), double(counter.lostUpdates)},
            {QStringLiteral("overlapping_windows"), double(counter.overlappingWindows)},
        };
    }
    if (scenario.kind() == ScenarioKind::Queue) {
        const DeliveryFigures queue = recording.deliveryFigures();
        QJsonArray lostPerProducer, duplicatedPerProducer;
        for (quint64 n : queue.lostPerProducer)
            lostPerProducer.append(double(n));
        for (quint64 n : queue.duplicatedPerProducer)
            duplicatedPerProducer.append(double(n));
        QJsonObject section{
            {QStringLiteral("capacity"), double(scenario.value(QStringLiteral("capacity")))},
            {QStringLiteral("produced"), double(queue.produced)},
            {QStringLiteral("consumed"), double(queue.consumed)},
            {QStringLiteral("lost"), double(queue.lost)},
            {QStringLiteral("duplicated"), double(queue.duplicated)},
            {QStringLiteral("phantom"), double(queue.phantom)},
            {QStringLiteral("left_in_queue"), double(queue.leftInQueue)},
            {QStringLiteral("max_depth"), double(queue.maxDepth)},
            {QStringLiteral("lost_per_producer"), lostPerProducer},
            {QStringLiteral("duplicated_per_producer"), duplicatedPerProducer},
        };
        if (queue.counted) // exact, from the workers' own totals
            section[QStringLiteral("counted_by_workers")] =
                QJsonObject{{QStringLiteral("put"), double(queue.put.count)},
                            {QStringLiteral("got"), double(queue.got.count)},
                            {QStringLiteral("left_in_queue"), double(queue.left.count)},
                            {QStringLiteral("every_item_once"), queue.everyItemOnce()}};
        summary[QStringLiteral("queue")] = section;
    }
    // The scenario's own defining figures, e.g. semaphore.max_inside.
    const QJsonObject mechanism = recording.mechanismFigures();
    if (!mechanism.isEmpty()) {
        const QString section = Scenario::kindName(scenario.kind());
        QJsonObject merged = summary.value(section).toObject();
        for (auto it = mechanism.begin(); it != mechanism.end(); ++it)
            merged[it.key()] = it.value();
        summary[section] = merged;
    }
    // samples.csv has one row per kept sample; on long sessions the oldest
    // were folded (min/max queue depth per group), so fewer are kept than taken.
    summary[QStringLiteral("samples")] = QJsonObject{
        {QStringLiteral("taken"), double(recording.sampleCount())},
        {QStringLiteral("kept"), double(recording.samplesFrom(0).size())},
    };
    summary[QStringLiteral("events")] = QJsonObject{
        {QStringLiteral("recorded"), double(recording.eventsRecorded())},
        {QStringLiteral("dropped"), double(recording.eventsDropped())},
        {QStringLiteral("not_kept"), double(recording.eventsNotKept())},
    };
    QJsonArray messages;
    for (const auto& [time, text] : recording.messages())
        messages.append(
            QJsonObject{{QStringLiteral("time_s"), time}, {QStringLiteral("text"), text}});
    summary[QStringLiteral("messages")] = messages;
    return summary;
}

bool writeSummaryJson(const QString& path, const QJsonObject& summary, QString* error)
{
    ExportFile file(path);
    if (!file.open(error))
        return false;
    file.write(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    return file.commit(error);
}

bool writeSamplesCsv(const QString& path, const Recording& recording, QString* error)
{
    ExportFile file(path);
    if (!file.open(error))
        return false;
    const QVector<WorkerRecord> workers = recording.workers();
    file << "time_s,queue_depth,produced,consumed,counter_expected,counter_actual,"
            "lost_updates,lock_holder,second_lock_holder";
    for (const WorkerRecord& worker : workers)
        file << ",worker" << worker.id << "_state";
    file << '\n';
    QVector<qsizetype> cursors(workers.size(), 0);
    for (const Sample& s : recording.samplesFrom(0)) {
        file.fixed(s.time, 6) << ',' << s.queueDepth << ',' << s.produced << ',' << s.consumed
                              << ',' << s.counterExpected << ',' << s.counterActual << ','
                              << std::max<qint64>(0, s.counterExpected - s.counterActual) << ','
                              << s.lockHolder << ',' << s.secondLockHolder;
        for (qsizetype w = 0; w < workers.size(); ++w)
            file << ',' << stateNameBytes(stateAt(workers[w], s.time, &cursors[w]));
        file << '\n';
    }
    return file.commit(error);
}

bool writeEventsCsv(const QString& path, const Recording& recording, QString* error)
{
    ExportFile file(path);
    if (!file.open(error))
        return false;
    // detail: what a and b mean where a name says it better (a State event's new state).
    file << "time_s,worker,type,object,a,b,detail\n";
    QHash<quint16, QByteArray> typeNames;
    // One shared copy (QList::mid of the whole list shares it), not millions of copies.
    for (const RecordedEvent& e : recording.eventsFrom(0)) {
        auto typeName = typeNames.find(quint16(e.type));
        if (typeName == typeNames.end())
            typeName = typeNames.insert(quint16(e.type), eventTypeName(e.type).toLatin1());
        file.fixed(e.time, 9) << ',' << e.worker << ',' << *typeName << ',' << e.object << ','
                              << e.a << ',' << e.b << ',';
        if (e.type == ipc::EventType::State)
            file << stateNameBytes(ipc::WorkerState(e.a));
        file << '\n';
    }
    return file.commit(error);
}

QString eventTypeName(ipc::EventType type)
{
    using E = ipc::EventType;
    switch (type) {
    case E::State:
        return QStringLiteral("state");
    case E::LockAcquired:
        return QStringLiteral("lock_acquired");
    case E::LockReleased:
        return QStringLiteral("lock_released");
    case E::CounterRead:
        return QStringLiteral("counter_read");
    case E::CounterWrite:
        return QStringLiteral("counter_write");
    case E::ItemPut:
        return QStringLiteral("item_put");
    case E::ItemGot:
        return QStringLiteral("item_got");
    case E::SentinelPut:
        return QStringLiteral("sentinel_put");
    case E::SentinelGot:
        return QStringLiteral("sentinel_got");
    case E::ArrayRead:
        return QStringLiteral("array_read");
    case E::ArrayWrite:
        return QStringLiteral("array_write");
    case E::PermitAcquired:
        return QStringLiteral("permit_acquired");
    case E::PermitReleased:
        return QStringLiteral("permit_released");
    case E::OverRelease:
        return QStringLiteral("over_release");
    case E::EventWaitBegin:
        return QStringLiteral("event_wait_begin");
    case E::EventReleased:
        return QStringLiteral("event_released");
    case E::EventSet:
        return QStringLiteral("event_set");
    case E::BarrierArrive:
        return QStringLiteral("barrier_arrive");
    case E::BarrierPass:
        return QStringLiteral("barrier_pass");
    case E::LockRecovered:
        return QStringLiteral("lock_recovered");
    case E::ConditionNotify:
        return QStringLiteral("condition_notify");
    case E::ConditionWoken:
        return QStringLiteral("condition_woken");
    case E::ListAppend:
        return QStringLiteral("list_append");
    case E::ListPop:
        return QStringLiteral("list_pop");
    case E::TaskDone:
        return QStringLiteral("task_done");
    case E::JoinReturned:
        return QStringLiteral("join_returned");
    case E::MessageSent:
        return QStringLiteral("message_sent");
    case E::MessageReceived:
        return QStringLiteral("message_received");
    case E::ChannelClosed:
        return QStringLiteral("channel_closed");
    case E::OutOfOrder:
        return QStringLiteral("out_of_order");
    case E::ManagerRequest:
        return QStringLiteral("manager_request");
    case E::QueueFull:
        return QStringLiteral("queue_full");
    case E::QueueEmpty:
        return QStringLiteral("queue_empty");
    case E::StaleAnswer:
        return QStringLiteral("stale_answer");
    }
    return QStringLiteral("unknown_%1").arg(quint16(type));
}

QStringList exportFileNames()
{
    return {QStringLiteral("summary.json"), QStringLiteral("samples.csv"),
            QStringLiteral("events.csv"), QStringLiteral("trace.json"),
            QStringLiteral("session.ipcscope")};
}

bool exportSessionData(const QString& dir, const Scenario& scenario, const Recording& recording,
                       double durationS, QStringList* written, QString* error)
{
    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("DataExport", "cannot create directory %1")
                     .arg(QDir::toNativeSeparators(dir));
        return false;
    }
    const QDir into(dir);
    const auto wrote = [&](const QString& path, bool ok) {
        if (ok && written)
            written->append(path);
        return ok;
    };
    const QString summary = into.filePath(QStringLiteral("summary.json"));
    const QString samples = into.filePath(QStringLiteral("samples.csv"));
    const QString events = into.filePath(QStringLiteral("events.csv"));
    const QString trace = into.filePath(QStringLiteral("trace.json"));
    const QString session = into.filePath(QStringLiteral("session.ipcscope"));
    return wrote(summary, writeSummaryJson(summary, sessionSummary(scenario, recording, durationS),
                                           error)) &&
           wrote(samples, writeSamplesCsv(samples, recording, error)) &&
           wrote(events, writeEventsCsv(events, recording, error)) &&
           wrote(trace, writeChromeTrace(trace, scenario, recording, error)) &&
           wrote(session, saveSession(session, scenario, recording, durationS, error));
}

} // namespace ipcscope
