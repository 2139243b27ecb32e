// Benchmarks of the engine (QtCore): launching a real Session, the real
// Sampler thread's CPU cost, event capture through the real Sampler, and the
// memory a long Recording takes. Prints "key value" lines for bench/run.py.
//
//   ipcscope-bench-engine [--smoke] [--only launch|sampler|capture|capture-lockoff|memory]
//   [--rounds N] [--event-budget-share FRACTION]
//
// Every number comes from the engine as shipped: Session::start() launching
// real ipcscope-worker processes, Sampler (the QThread the window runs),
// Recording. Nothing here changes the engine.
#include "BenchReport.h"
#include "Recording.h"
#include "Sampler.h"
#include "Scenario.h"
#include "Session.h"
#include "ipc/Clock.h"
#include "ipc/Primitives.h"
#include "ipc/Segment.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ipcscope;
using bench::median;
using bench::report;

namespace {

bool g_smoke = false;
int g_rounds = 0; // 0: the default
// --event-budget-share: the capture benchmark's Sampler with another budget
// than the shipped one (to see what a budget costs and drops); < 0: shipped.
double g_eventBudgetShare = -1;

// Runs the event loop (QProcess signals, Session timers) for `ms`.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Stops a session and waits (event loop running) until it has finished:
// every worker reaped, the segment gone.
bool stopAndWait(Session& session, int timeoutMs = 20'000)
{
    session.stop();
    if (session.state() == Session::State::Finished)
        return true;
    QEventLoop loop;
    QObject::connect(&session, &Session::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return session.state() == Session::State::Finished;
}

// --- CPU time of one thread of this process ---------------------------------

// The thread whose name (prctl, 15 characters) starts with `prefix`; QThread
// names its OS thread after objectName(), and the Sampler's is "ipcscope sampler".
long findThread(const char* prefix)
{
    const QStringList tasks =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& tid : tasks) {
        QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith(prefix))
            return tid.toLong();
    }
    return -1;
}

// Nanoseconds the thread has spent on a CPU (schedstat), or from its stat
// (utime + stime, clock ticks) when schedstat is not there.
double threadCpuNs(long tid)
{
    QFile schedstat(QStringLiteral("/proc/self/task/%1/schedstat").arg(tid));
    if (schedstat.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = schedstat.readAll().split(' ');
        if (!fields.isEmpty())
            return fields[0].toDouble();
    }
    QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the ") " that closes the command name: state is field 3,
    // utime field 14, stime field 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks * 1e9 / double(sysconf(_SC_CLK_TCK));
}

double rssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() * 1024;
    return 0;
}

Scenario counterScenario(int workers)
{
    Scenario scenario(ScenarioKind::Counter);
    QString error;
    if (!scenario.setValue(QStringLiteral("workers"), workers, &error) ||
        !scenario.setValue(QStringLiteral("iterations"), 1'000'000'000, &error) ||
        !scenario.setValue(QStringLiteral("lock"), 1, &error) ||
        !scenario.setValue(QStringLiteral("think_us"), 0, &error))
        qFatal("counter scenario: %s", qPrintable(error));
    return scenario;
}

// --- row 11: launching 64 workers -------------------------------------------

// Session::start() returns once every worker reported ready and the run began.
void benchLaunch()
{
    const int workers = g_smoke ? 8 : 64;
    std::vector<double> ms;
    const int rounds = g_rounds > 0 ? g_rounds : (g_smoke ? 1 : 3);
    for (int round = 0; round < rounds; ++round) {
        Session session(counterScenario(workers));
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!session.start(&error))
            qFatal("launch: %s", qPrintable(error));
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (int(session.livePids().size()) != workers)
            qFatal("launch: %d workers alive, %d expected", int(session.livePids().size()),
                   workers);
        if (!stopAndWait(session))
            qFatal("launch: the session did not finish after stop()");
    }
    report("launch_workers", workers);
    report("launch_ms", median(ms));
    report("launch_ms_max", *std::max_element(ms.begin(), ms.end()));
}

// --- row 7: the Sampler's CPU cost -------------------------------------------

// A real counter session, 64 workers incrementing as fast as they can with the
// lock on, sampled at 1 kHz. The Sampler thread's own CPU time over a window
// after warm-up, against the wall time of that window.
void benchSampler()
{
    const int workers = g_smoke ? 8 : 64;
    const int warmupMs = g_smoke ? 200 : 1000;
    const int windowMs = g_smoke ? 500 : 5000;
    Session session(counterScenario(workers));
    session.setSamplingRateHz(1000);
    QString error;
    if (!session.start(&error))
        qFatal("sampler: %s", qPrintable(error));
    spin(warmupMs);
    const long tid = findThread("ipcscope sampl");
    if (tid < 0)
        qFatal("sampler: thread not found");
    const Recording& recording = session.recording();
    const double cpu0 = threadCpuNs(tid);
    const qsizetype samples0 = recording.sampleCount();
    const quint64 events0 = recording.eventsRecorded();
    const quint64 dropped0 = recording.eventsDropped();
    QElapsedTimer wall;
    wall.start();
    spin(windowMs);
    const double cpu1 = threadCpuNs(tid);
    const double seconds = double(wall.nsecsElapsed()) * 1e-9;
    const qsizetype samples1 = recording.sampleCount();
    const quint64 events1 = recording.eventsRecorded();
    const quint64 dropped1 = recording.eventsDropped();
    if (!stopAndWait(session))
        qFatal("sampler: the session did not finish after stop()");

    const double cpuSeconds = (cpu1 - cpu0) * 1e-9;
    const double samples = double(samples1 - samples0);
    report("sampler_workers", workers);
    report("sampler_cpu_fraction", cpuSeconds / seconds);
    report("sampler_rate_hz", samples / seconds);
    report("sampler_events_per_s", double(events1 - events0) / seconds);
    report("sampler_events_dropped_per_s", double(dropped1 - dropped0) / seconds);
    report("sampler_cpu_us_per_sample", samples > 0 ? cpuSeconds * 1e6 / samples : 0);
    // What one core would carry if every one of 1000 samples a second cost that much.
    report("sampler_cpu_fraction_at_1khz", samples > 0 ? cpuSeconds / samples * 1000 : 0);
}

// --- row 9: event capture through the real Sampler ---------------------------

// 8 forked incrementers run the real incrementCounter() (LockAcquired,
// CounterRead, CounterWrite, LockReleased: 4 events each, plus State events
// when one waits for the lock), paced per millisecond so that together they
// write 1 M events/s into their rings. The real Sampler drains at 1 kHz,
// feeds its analyzers and the Recording. Nothing may be dropped.
// `lock` off: the same with the counter's lock switched off (CounterRead and
// CounterWrite only, the windows overlap, the RaceAnalyzer finds races),
// reported as a detail.
void benchCaptureWith(bool lock, const std::string& prefix)
{
    const int workers = 8;
    const double seconds = g_smoke ? 0.3 : 3.0;
    const double eventsPerIncrement = lock ? 4 : 2; // lock off: no LockAcquired/LockReleased
    const double incrementsPerWorkerPerNs = 1e6 / eventsPerIncrement / workers / 1e9;
    ipc::OwnedSegment owned(ipc::randomToken(), 1);
    ipc::Segment& segment = owned.segment();
    Recording recording;
    for (int i = 0; i < workers; ++i) {
        segment.workerSlots[i].role.store(uint32_t(ipc::Role::Incrementer));
        segment.workerSlots[i].inUse.store(1);
        recording.addWorker(i, ipc::Role::Incrementer, 0, 0);
    }
    segment.control.lockEnabled[0].store(lock ? 1 : 0);
    segment.control.startNs.store(ipc::monotonicNs());
    segment.control.runState.store(uint32_t(ipc::RunState::Running));

    Sampler sampler(segment, recording);
    sampler.setRateHz(1000);
    sampler.setScenarioKind(QStringLiteral("counter"));
    if (g_eventBudgetShare >= 0)
        sampler.setEventBudgetShare(g_eventBudgetShare);
    sampler.start(QThread::HighPriority);
    long tid = -1;
    while ((tid = findThread("ipcscope sampl")) < 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const double cpu0 = threadCpuNs(tid);

    std::vector<pid_t> children;
    for (int i = 0; i < workers; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            ipc::WorkerContext context(segment, i);
            const uint64_t start = ipc::monotonicNs();
            const uint64_t end = start + uint64_t(seconds * 1e9);
            uint64_t done = 0;
            for (uint64_t now = start; now < end; now = ipc::monotonicNs()) {
                const auto due =
                    uint64_t(double(now - start + 1'000'000) * incrementsPerWorkerPerNs);
                for (; done < due; ++done)
                    ipc::incrementCounter(context);
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            _exit(0);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children)
        waitpid(pid, nullptr, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the Sampler's last round or two
    const double cpu1 = threadCpuNs(tid);
    sampler.requestStop();
    sampler.wait();
    sampler.sampleOnce(true);

    // Every record push the probe attempted (written: head, or dropped), and
    // the events riding on them: with the lock on, each increment's
    // LockAcquired rides on its CounterRead and its LockReleased on its
    // CounterWrite (4 events in 2 records).
    uint64_t produced = 0, records = 0, dropped = 0;
    for (int i = 0; i < workers; ++i) {
        const ipc::WorkerSlot& slot = segment.workerSlots[i];
        records += slot.ring.head.load() + slot.ring.dropped.load();
        produced += (lock ? 2 * slot.ops.load() : 0);
        dropped += slot.ring.dropped.load();
    }
    produced += records;
    report(prefix + "_workers", workers);
    report(prefix + "_events_produced", double(produced));
    report(prefix + "_ring_records", double(records));
    report(prefix + "_events_captured", double(recording.eventsRecorded()));
    report(prefix + "_events_dropped", double(dropped));
    report(prefix + "_events_not_kept", double(recording.eventsNotKept()));
    report(prefix + "_events_per_s", double(produced) / seconds);
    report(prefix + "_sampler_cpu_fraction", (cpu1 - cpu0) * 1e-9 / seconds);
}

void benchCapture()
{
    benchCaptureWith(true, "capture");
}

void benchCaptureLockOff()
{
    benchCaptureWith(false, "capture_lockoff");
}

// --- row 10: memory of a long recording --------------------------------------

// One hour at 1 kHz with 16 workers, fed into a real Recording as the Sampler
// feeds it, but as fast as it goes: every millisecond one Sample, the worker
// counters, and the events of that millisecond. The workload: 16 incrementers,
// each one locked increment every 10 ms (100 a second: LockAcquired,
// CounterRead, CounterWrite, LockReleased), i.e. 6 400 events/s and 3 200
// state changes/s. RSS at every quarter of the hour.
void benchMemory()
{
    const int workers = 16;
    const qint64 ticksPerQuarter = g_smoke ? 5'000 : 900'000; // 15 min at 1 kHz
    const double rssLimit = 8e9; // stop early rather than take the machine down
    const double rss0 = rssBytes();
    Recording recording;
    for (int i = 0; i < workers; ++i)
        recording.addWorker(i, ipc::Role::Incrementer, 1000 + i, 0);
    QVector<RecordedEvent> batch;
    qint64 value = 0;
    quint64 ops[workers] = {};
    QElapsedTimer timer;
    timer.start();
    report("memory_workers", workers);
    report("memory_events_per_s", workers * 100 * 4);
    report("memory_rss_start_mb", rss0 / 1e6);
    for (int quarter = 1; quarter <= 4; ++quarter) {
        for (qint64 tick = (quarter - 1) * ticksPerQuarter; tick < quarter * ticksPerQuarter;
             ++tick) {
            const double t = double(tick) * 1e-3;
            batch.clear();
            int holder = -1;
            for (int w = 0; w < workers; ++w) {
                if (tick % 10 != w % 10)
                    continue;
                const double at = t + double(w) * 1e-5;
                batch.append({at, w, ipc::EventType::LockAcquired, 0, 1500, 0});
                batch.append({at + 1e-6, w, ipc::EventType::CounterRead, 0, value, 0});
                batch.append({at + 2e-6, w, ipc::EventType::CounterWrite, 0, value + 1, value});
                batch.append({at + 3e-6, w, ipc::EventType::LockReleased, 0, 3000, 0});
                ++value;
                ++ops[w];
                holder = w;
            }
            for (int w = 0; w < workers; ++w)
                recording.setWorkerCounters(w, ops[w], 0, 0);
            recording.appendEvents(batch);
            Sample sample{};
            sample.time = t;
            sample.counterActual = value;
            sample.counterExpected = value;
            sample.lockHolder = holder;
            recording.appendSample(sample);
        }
        const int minutes = g_smoke ? quarter * 5 : quarter * 15; // smoke: seconds
        const double rss = rssBytes();
        report("memory_rss_mb_at_" + std::to_string(minutes), rss / 1e6);
        if (rss > rssLimit) {
            report("memory_stopped_early_at", minutes);
            break;
        }
    }
    // Where it goes: the three growing collections of the Recording.
    qint64 intervals = 0;
    for (const WorkerRecord& worker : recording.workers())
        intervals += worker.intervals.size();
    const qint64 eventsKept = qint64(recording.eventsRecorded() - recording.eventsNotKept());
    report("memory_feed_seconds", double(timer.nsecsElapsed()) * 1e-9);
    // Kept, not appended: the Recording folds old samples (min/max decimation).
    const qsizetype samplesKept = recording.samplesFrom(0).size();
    report("memory_samples_appended", double(recording.sampleCount()));
    report("memory_samples", double(samplesKept));
    report("memory_samples_mb", double(samplesKept) * sizeof(Sample) / 1e6);
    report("memory_events_kept", double(eventsKept));
    report("memory_events_mb", double(eventsKept) * sizeof(RecordedEvent) / 1e6);
    report("memory_intervals", double(intervals));
    report("memory_intervals_mb", double(intervals) * sizeof(StateInterval) / 1e6);
    report("sizeof_sample", sizeof(Sample));
    report("sizeof_recorded_event", sizeof(RecordedEvent));
    report("sizeof_state_interval", sizeof(StateInterval));
}

int usage()
{
    std::fprintf(stderr, "usage: ipcscope-bench-engine [--smoke] [--only "
                         "launch|sampler|capture|capture-lockoff|memory] [--rounds N]\n"
                         "       [--event-budget-share FRACTION]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--smoke"))
            g_smoke = true;
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc)
            g_rounds = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--event-budget-share") && i + 1 < argc)
            g_eventBudgetShare = std::atof(argv[++i]);
        else
            return usage();
    }
    const bool all = only.empty();
    bool ran = false;
    auto run = [&](const char* name, void (*bench)()) {
        if (all || only == name) {
            bench();
            ran = true;
        }
    };
    run("launch", benchLaunch);
    run("sampler", benchSampler);
    run("capture", benchCapture);
    run("capture-lockoff", benchCaptureLockOff);
    run("memory", benchMemory);
    return ran ? 0 : usage();
}
