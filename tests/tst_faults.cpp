// Faults on purpose: workers killed at the worst moments, a kill storm, the
// parent itself killed, hostile worker arguments, foreign segments. Whatever
// breaks, ipcscope itself must not: it keeps responding, reports what
// happened and leaves no process and no segment behind.
#include "Session.h"
#include "TestSupport.h"
#include "ipc/Segment.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;
namespace bip = boost::interprocess;

namespace {

// The session's segment exactly as the workers see it, mapped read-only:
// the test looks at the real lock holder and the real worker states.
class SegmentView
{
public:
    explicit SegmentView(const QString& name)
        : m_object(bip::open_only, name.toLocal8Bit().constData(), bip::read_only),
          m_region(m_object, bip::read_only)
    {
    }
    const ipc::Segment& operator*() const
    {
        return *static_cast<const ipc::Segment*>(m_region.get_address());
    }
    const ipc::Segment* operator->() const { return &**this; }
    ipc::WorkerState state(int id) const
    {
        return ipc::WorkerState((*this)->workerSlots[id].state.load());
    }

private:
    bip::shared_memory_object m_object;
    bip::mapped_region m_region;
};

// How late the event loop of this (the parent) process runs a 10 ms timer:
// the window would freeze by exactly that much.
class EventLoopLatency : public QObject
{
public:
    EventLoopLatency()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_worstLateMs = std::max(m_worstLateMs, m_sinceLast.restart() - kIntervalMs);
        });
        m_sinceLast.start();
        m_timer.start();
    }
    qint64 worstLateMs() const { return m_worstLateMs; }

private:
    static constexpr qint64 kIntervalMs = 10;
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    qint64 m_worstLateMs = 0;
};

struct ProcessRun
{
    int exitCode = -1; // -2: killed by a signal, -1: did not finish
    QString err;
};

ProcessRun runToCompletion(QProcess& process, int timeoutMs)
{
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QStringLiteral("timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromLocal8Bit(process.readAllStandardError())};
}

QString binary(const char* name)
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QLatin1String(name));
}

// setpriv in front of a command line runs it as `nobody` (we must be root).
std::optional<passwd> nobody()
{
    if (geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        return std::nullopt;
    const passwd* entry = getpwnam("nobody");
    return entry ? std::optional<passwd>(*entry) : std::nullopt;
}

void runAsNobody(QProcess& process, const QString& program, const QStringList& arguments)
{
    process.start(QStringLiteral("setpriv"),
                  QStringList{QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                              QStringLiteral("--clear-groups"), QStringLiteral("--")} +
                      QStringList{program} + arguments);
}

// Children of `parent` named `name`, from /proc.
QList<qint64> childrenOf(qint64 parent, const QByteArray& name)
{
    QList<qint64> found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...; comm may hold spaces, so split at the last ')'
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QByteArray comm = line.mid(line.indexOf('(') + 1, close - line.indexOf('(') - 1);
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (rest.size() > 1 && rest[1].toLongLong() == parent && comm == name.left(15))
            found.append(pid);
    }
    return found;
}

// Gone = no such process, or a zombie (dead, only its exit status is left);
// zombies handed to us as subreaper are reaped on the way.
bool processGone(qint64 pid)
{
    ::waitpid(pid_t(pid), nullptr, WNOHANG);
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1) == "Z";
}

QStringList segmentsOf(uint uid, qint64 pid)
{
    return QDir(QStringLiteral("/dev/shm"))
        .entryList({QStringLiteral("ipcscope_%1_%2_*").arg(uid).arg(pid)}, QDir::Files);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

    static bool saidStartingWith(const Session& session, const QString& start, const QString& text)
    {
        for (const auto& [time, message] : session.recording().messages())
            if (message.startsWith(start) && message.contains(text))
                return true;
        return false;
    }

    // Stop must end everything within 2 s, however wedged the workers are.
    static void stopWithin2s(Session& session, const QList<qint64>& pids)
    {
        QElapsedTimer stopping;
        stopping.start();
        session.stop();
        QVERIFY(test::runToEnd(session, 10'000));
        QVERIFY2(stopping.elapsed() < 2'000,
                 qPrintable(QStringLiteral("stop took %1 ms").arg(stopping.elapsed())));
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }

    // SIGKILLs a worker that is in `state` right now (as the segment says;
    // Count: in any state) and of `role` (None: any); the worker's slot id.
    static int killOneIn(Session& session, const SegmentView& view, ipc::WorkerState state,
                         ipc::Role role = ipc::Role::None)
    {
        int victim = -1;
        QElapsedTimer waited;
        waited.start();
        while (victim < 0 && waited.elapsed() < 20'000) {
            for (int id : session.workerIds())
                if (session.recording().worker(id).exit.isEmpty() &&
                    (state == ipc::WorkerState::Count || view.state(id) == state) &&
                    (role == ipc::Role::None || session.workerRole(id) == role))
                    victim = id;
            if (victim < 0)
                QTest::qWait(5);
        }
        if (victim >= 0)
            session.killWorker(victim);
        return victim;
    }

    static void waitUntilExited(Session& session, int id)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!session.recording().worker(id).exit.isEmpty(), 10'000);
    }

    // Every stuck worker was named, with what it waits on; at least one of
    // them waits on `waitsOn`.
    static bool reportedStuck(const Session& session, const QList<int>& ids, const QString& waitsOn)
    {
        bool named = false;
        for (int id : ids) {
            if (!saidStartingWith(session, QStringLiteral("worker %1 (").arg(id),
                                  QStringLiteral("is stuck, waiting for")))
                return false;
            named |= saidStartingWith(session, QStringLiteral("worker %1 (").arg(id), waitsOn);
        }
        return named;
    }

    // Runs a session to its own end: every worker ends "ok", nothing is left.
    static void runToEndAllOk(Session& session, const char* what)
    {
        QString error;
        QElapsedTimer took;
        took.start();
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QVERIFY(test::runToEnd(session, 300'000));
        qInfo("%s in %lld ms", what, took.elapsed());
        for (const WorkerRecord& worker : session.recording().workers())
            QCOMPARE(worker.exit, QStringLiteral("ok"));
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }

    static int aliveCount(const Session& session)
    {
        int alive = 0;
        for (const WorkerRecord& worker : session.recording().workers())
            alive += worker.exit.isEmpty();
        return alive;
    }

    // Kills at the worst moments. First (optionally) a kill the others must
    // survive, then one that wedges them for good: they are reported stuck,
    // with what they wait on, and Stop still ends everything within 2 s.
    struct WorstMoment
    {
        const char* name;
        Scenario scenario;
        ipc::WorkerState harmless; // Count: no harmless kill first
        ipc::WorkerState wedging;  // Count: in whatever state
        ipc::Role wedgingRole;     // None: any role
        const char* waitsOn;       // %1: the wedging victim
    };
    static QList<WorstMoment> worstMoments()
    {
        using S = ipc::WorkerState;
        using test::scenarioWith;
        return {
            // 20 ms inside the lock per increment: a kill almost always lands inside.
            {"holding the lock",
             scenarioWith(ScenarioKind::Counter,
                          {{"workers", 4}, {"iterations", 1'000'000'000}, {"think_us", 20'000}}),
             S::Count, S::HoldingLock, ipc::Role::None, "lock 0, held by worker %1, which is dead"},
            // A waiter killed inside sem_wait harms nobody; the holder of the
            // only permit takes it to the grave.
            {"in a semaphore wait, then the permit holder",
             scenarioWith(
                 ScenarioKind::Semaphore,
                 {{"workers", 4}, {"permits", 1}, {"entries", 1'000'000}, {"hold_us", 50'000}}),
             S::WaitingPermit, S::HoldingPermit, ipc::Role::None, "1 of them held by dead workers"},
            // A futex condition has no owner: a dead waiter does not hang the
            // notifier. Without the producer, nobody ever notifies.
            {"in a condition wait, then the producer",
             scenarioWith(ScenarioKind::Condition, {{"producers", 1},
                                                    {"consumers", 3},
                                                    {"items", 1'000'000},
                                                    {"produce_us", 30'000}}),
             S::WaitingCondition, S::Count, ipc::Role::ListProducer, "a notify on the condition"},
            // Each put spends 20 ms between reading the tail and writing the
            // item, the queue's lock held.
            {"mid-put",
             scenarioWith(ScenarioKind::Queue, {{"producers", 2},
                                                {"consumers", 2},
                                                {"capacity", 4},
                                                {"items", 1'000'000},
                                                {"think_us", 20'000}}),
             S::Count, S::HoldingLock, ipc::Role::Producer,
             "the put lock, held by worker %1, which is dead"},
        };
    }

private slots:
    void initTestCase()
    {
        // Workers orphaned by a killed ipcscope come to us, not to a pid 1
        // that may never reap them: a reaped pid is a gone pid.
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }

    void killedAtTheWorstMoment_othersReportedStuck_stopEnds_data()
    {
        QTest::addColumn<int>("index");
        const QList<WorstMoment> moments = worstMoments();
        for (int i = 0; i < moments.size(); ++i)
            QTest::newRow(moments[i].name) << i;
    }

    void killedAtTheWorstMoment_othersReportedStuck_stopEnds()
    {
        QFETCH(int, index);
        const WorstMoment moment = worstMoments()[index];
        Session session(moment.scenario);
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        SegmentView view(session.segmentName());
        if (moment.harmless != ipc::WorkerState::Count) {
            const int victim = killOneIn(session, view, moment.harmless);
            QVERIFY(victim >= 0);
            waitUntilExited(session, victim);
            auto opsSoFar = [&] {
                quint64 ops = 0;
                for (int id : session.workerIds())
                    ops += view->workerSlots[id].ops.load();
                return ops;
            };
            const quint64 before = opsSoFar();
            QTRY_VERIFY_WITH_TIMEOUT(opsSoFar() >= before + 3, 10'000);
            QVERIFY(session.stuckWorkers().isEmpty());
        }
        // Inside the lock means the lock still names it after its death; if
        // it had just let go, try again.
        int victim = -1;
        for (int attempt = 0; attempt < 5; ++attempt) {
            victim = killOneIn(session, view, moment.wedging, moment.wedgingRole);
            QVERIFY(victim >= 0);
            waitUntilExited(session, victim);
            if (moment.wedging != ipc::WorkerState::HoldingLock ||
                view->locks[0].holderWorker.load() == victim)
                break;
        }
        if (moment.wedging == ipc::WorkerState::HoldingLock)
            QCOMPARE(view->locks[0].holderWorker.load(), victim);
        QTRY_COMPARE_WITH_TIMEOUT(int(session.stuckWorkers().size()), aliveCount(session), 10'000);
        QVERIFY(aliveCount(session) >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            reportedStuck(session, session.stuckWorkers(),
                          QString::fromLatin1(moment.waitsOn)
                              .replace(QStringLiteral("%1"), QString::number(victim))),
            10'000);
        stopWithin2s(session, pids);
    }

    void killStorm_parentResponds_everyDeathReported_nothingLeft()
    {
        Session session(test::scenarioWith(ScenarioKind::Queue, {{"producers", 4},
                                                                 {"consumers", 4},
                                                                 {"capacity", 8},
                                                                 {"items", 1'000'000'000},
                                                                 {"produce_us", 100},
                                                                 {"consume_us", 100}}));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        EventLoopLatency latency;
        QSet<qint64> everyPid;
        struct Kill
        {
            int id;
            double at;
        };
        QList<Kill> kills;
        QStringList failures;
        QTimer storm;
        storm.setInterval(100);
        connect(&storm, &QTimer::timeout, this, [&] {
            QList<int> alive;
            for (int id : session.workerIds())
                if (session.recording().worker(id).exit.isEmpty())
                    alive.append(id);
            for (qint64 pid : session.livePids())
                everyPid.insert(pid);
            if (alive.isEmpty())
                return;
            const int victim = alive[QRandomGenerator::global()->bounded(int(alive.size()))];
            const double at = session.elapsedSeconds();
            if (!session.killWorker(victim))
                return;
            kills.append({victim, at});
            QString why;
            const int replacement = session.addWorker(session.workerRole(victim), &why);
            if (replacement < 0)
                failures.append(why);
            for (qint64 pid : session.livePids())
                everyPid.insert(pid);
        });
        storm.start();
        QTest::qWait(10'000);
        storm.stop();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY2(kills.size() >= 80, qPrintable(QString::number(kills.size())));
        qInfo("kill storm: %lld kills, worst event-loop delay %lld ms", qlonglong(kills.size()),
              latency.worstLateMs());
        QVERIFY2(latency.worstLateMs() < 200,
                 qPrintable(QStringLiteral("event loop %1 ms late").arg(latency.worstLateMs())));

        // Every death is known, with its time, and said.
        for (const Kill& kill : kills) {
            QTRY_COMPARE_WITH_TIMEOUT(session.recording().worker(kill.id).exit,
                                      QStringLiteral("killed"), 10'000);
            const double exitedAt = session.recording().worker(kill.id).exitedAt;
            QVERIFY2(exitedAt >= kill.at - 0.01 && exitedAt < kill.at + 2.0,
                     qPrintable(QStringLiteral("worker %1 killed at %2 s, reported at %3 s")
                                    .arg(kill.id)
                                    .arg(kill.at)
                                    .arg(exitedAt)));
            QVERIFY(saidStartingWith(session, QStringLiteral("worker %1 (").arg(kill.id),
                                     QStringLiteral("was killed")));
        }
        const QString segment = session.segmentName();
        QVERIFY(!segment.isEmpty());
        for (const WorkerRecord& worker : session.recording().workers())
            everyPid.insert(worker.pid);
        stopWithin2s(session, everyPid.values());
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/") + segment));
    }

    void parentKilled_workersGoWithin1s_nextStartRemovesStaleSegment()
    {
        // As `nobody` when we can: the stale segment is then in nobody's
        // name, and no other ipcscope running meanwhile (a parallel test) can
        // clean it up before the one this test starts.
        const std::optional<passwd> other = nobody();
        const uint uid = other ? other->pw_uid : getuid();
        auto start = [&](QProcess& process, const QStringList& arguments) {
            if (other)
                runAsNobody(process, binary("ipcscope"), arguments);
            else
                process.start(binary("ipcscope"), arguments);
        };
        QProcess parent;
        start(parent,
              {QStringLiteral("--headless"), QStringLiteral("--scenario"),
               QStringLiteral("counter"), QStringLiteral("--set"), QStringLiteral("workers=4"),
               QStringLiteral("--set"), QStringLiteral("iterations=1000000000"),
               QStringLiteral("--duration"), QStringLiteral("120")});
        QVERIFY(parent.waitForStarted(10'000));
        const qint64 parentPid = parent.processId();
        QList<qint64> workers;
        QTRY_VERIFY_WITH_TIMEOUT((workers = childrenOf(parentPid, "ipcscope-worker")).size() == 4,
                                 20'000);
        const QStringList stale = segmentsOf(uid, parentPid);
        QCOMPARE(stale.size(), 1);

        ::kill(pid_t(parentPid), SIGKILL);
        QElapsedTimer sinceKill;
        sinceKill.start();
        auto allGone = [&] {
            for (qint64 pid : workers)
                if (!processGone(pid))
                    return false;
            return true;
        };
        while (!allGone() && sinceKill.elapsed() < 5'000)
            QTest::qWait(5);
        const qint64 goneAfterMs = sinceKill.elapsed();
        qInfo("workers gone %lld ms after the parent's SIGKILL", goneAfterMs);
        QVERIFY2(allGone(), "workers outlived their killed parent");
        QVERIFY2(goneAfterMs < 1'000, qPrintable(QString::number(goneAfterMs)));
        parent.waitForFinished(5'000);
        // Nobody unlinked it: the parent had no chance to.
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm/") + stale[0]));

        QProcess next;
        start(next,
              {QStringLiteral("--headless"), QStringLiteral("--scenario"),
               QStringLiteral("counter"), QStringLiteral("--set"), QStringLiteral("workers=1"),
               QStringLiteral("--set"), QStringLiteral("iterations=10")});
        const ProcessRun run = runToCompletion(next, 60'000);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/") + stale[0]));
        if (!other && !run.err.contains(stale[0]))
            QSKIP("another ipcscope of this user removed the stale segment first (run as root to "
                  "isolate it as nobody)");
        QVERIFY2(run.err.contains(QStringLiteral("removed stale segment %1").arg(stale[0])),
                 qPrintable(run.err));
    }

    void randomArgv_neverCrashesTheWorker()
    {
        // Reproducible: IPCSCOPE_FUZZ_SEED=n repeats a run.
        const quint32 seed = qEnvironmentVariableIsSet("IPCSCOPE_FUZZ_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("IPCSCOPE_FUZZ_SEED"))
                                 : QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        const QStringList options = {QStringLiteral("--segment"), QStringLiteral("--token"),
                                     QStringLiteral("--slot"),    QStringLiteral("--role"),
                                     QStringLiteral("--parent"),  QStringLiteral("--iterations"),
                                     QStringLiteral("--items"),   QStringLiteral("--producer-id"),
                                     QStringLiteral("--fd"),      QStringLiteral("--path"),
                                     QStringLiteral("-"),         QStringLiteral("--")};
        auto randomBytes = [&](int length) {
            QByteArray bytes;
            for (int i = 0; i < length; ++i)
                bytes.append(char(1 + random.bounded(255))); // argv cannot hold a NUL
            return QString::fromLocal8Bit(bytes);
        };
        auto randomValue = [&]() -> QString {
            switch (random.bounded(10)) {
            case 0:
                return QString::number(random.generate64(), 16);
            case 1:
                return QString::number(qint64(random.generate64()));
            case 2:
                return QString::number(random.bounded(300));
            case 3:
                return QStringLiteral("-") + QString::number(random.bounded(1000));
            case 4:
                return QString();
            case 5:
                return randomBytes(1 + random.bounded(16));
            case 6:
                return QString(random.bounded(100'000) + 1, QLatin1Char('9'));
            case 7:
                return QLatin1String(
                    ipc::roleId(ipc::kAllRoles[random.bounded(int(std::size(ipc::kAllRoles)))]));
            case 8:
                return QStringLiteral("/") + randomBytes(random.bounded(200));
            default:
                return QStringLiteral("0x") + QString::number(random.bounded(1 << 20), 16);
            }
        };
        int crashes = 0, hangs = 0;
        QStringList failures;
        const int runs = 2000;
        QElapsedTimer took;
        took.start();
        for (int run = 0; run < runs; ++run) {
            QStringList argv;
            const int count = random.bounded(14);
            for (int i = 0; i < count; ++i) {
                const int pick = random.bounded(3);
                argv.append(pick == 0   ? randomBytes(1 + random.bounded(8))
                            : pick == 1 ? randomValue()
                                        : options[random.bounded(int(options.size()))]);
            }
            QProcess worker;
            worker.setStandardOutputFile(QProcess::nullDevice());
            worker.start(Session::workerProgram(), argv);
            const ProcessRun result = runToCompletion(worker, 10'000);
            // 0: ran (nothing to do), 1: refused the segment, 2: bad arguments.
            if (result.exitCode < 0 || result.exitCode > 2) {
                (result.exitCode == -1 ? hangs : crashes)++;
                if (failures.size() < 5)
                    failures.append(
                        QStringLiteral("exit %1 for argv [%2]: %3")
                            .arg(result.exitCode)
                            .arg(argv.join(QStringLiteral("] [")).left(500), result.err.left(300)));
            } else if (result.err.trimmed().isEmpty() && result.exitCode != 0) {
                failures.append(QStringLiteral("exit %1 without a word for argv [%2]")
                                    .arg(result.exitCode)
                                    .arg(argv.join(QStringLiteral("] [")).left(500)));
            }
        }
        qInfo("%d random argvs in %lld ms", runs, took.elapsed());
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("seed %1, %2 crashes, %3 hangs:\n")
                                                    .arg(seed)
                                                    .arg(crashes)
                                                    .arg(hangs) +
                                                failures.join(QLatin1Char('\n'))));
        QCOMPARE(test::ourSegments(), QStringList());
    }

    void otherUsers_segment_isRefused_data()
    {
        QTest::addColumn<bool>("giveSegmentToNobody");
        QTest::addColumn<bool>("runWorkerAsNobody");
        QTest::addColumn<QStringList>("refusal");
        // Root opens anything: there it is the owner check that refuses.
        QTest::newRow("nobody's segment, our worker")
            << true << false << QStringList{QStringLiteral("belongs to uid")};
        // Our segment is 0600: nobody cannot even open it.
        QTest::newRow("our segment, nobody's worker")
            << false << true
            << QStringList{QStringLiteral("cannot open segment"),
                           QStringLiteral("ermission denied")};
    }

    void otherUsers_segment_isRefused()
    {
        QFETCH(bool, giveSegmentToNobody);
        QFETCH(bool, runWorkerAsNobody);
        QFETCH(QStringList, refusal);
        const std::optional<passwd> other = nobody();
        if (!other)
            QSKIP("needs root and setpriv to act as user nobody");
        const uint64_t token = ipc::randomToken();
        ipc::OwnedSegment owned(token, 4);
        owned.segment().workerSlots[0].inUse.store(1);
        owned.segment().workerSlots[0].role.store(uint32_t(ipc::Role::Incrementer));
        const std::string path = "/dev/shm/" + owned.name();
        struct stat info;
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        if (giveSegmentToNobody)
            QCOMPARE(::chown(path.c_str(), other->pw_uid, other->pw_gid), 0);
        // The real worker, with the right name and token.
        QProcess worker;
        const QStringList arguments = test::workerAttachArguments(owned.name(), token);
        if (runWorkerAsNobody)
            runAsNobody(worker, Session::workerProgram(), arguments);
        else
            worker.start(Session::workerProgram(), arguments);
        const ProcessRun run = runToCompletion(worker, 10'000);
        QCOMPARE(run.exitCode, 1);
        for (const QString& words : refusal)
            QVERIFY2(run.err.contains(words), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one clear line
        QCOMPARE(owned.segment().workerSlots[0].state.load(), uint32_t(ipc::WorkerState::Starting));
    }

    void nothingLost_counter_8x1e6()
    {
        Session session(test::scenarioWith(
            ScenarioKind::Counter, {{"workers", 8}, {"iterations", 1'000'000}, {"lock", 1}}));
        runToEndAllOk(session, "8 x 10^6 locked increments");
        if (QTest::currentTestFailed())
            return;
        const CounterFigures figures = session.recording().counterFigures();
        QCOMPARE(figures.expected, 8'000'000);
        QCOMPARE(figures.actual, 8'000'000);
        QCOMPARE(figures.lostUpdates, 0);
    }

    void nothingLost_queue_8x1e6()
    {
        Session session(test::scenarioWith(ScenarioKind::Queue, {{"producers", 8},
                                                                 {"consumers", 8},
                                                                 {"capacity", 1024},
                                                                 {"items", 1'000'000},
                                                                 {"lock", 1}}));
        runToEndAllOk(session, "8 x 10^6 queue items");
        if (QTest::currentTestFailed())
            return;
        // 16 processes on 2 cores outrun the sampler: events are dropped (and
        // counted), so the exact check is the workers' own totals: every key
        // put was got, once (count, sum and sum of squares of the keys).
        const Session::ItemTotals put = session.itemsPut(), got = session.itemsGot();
        Session::ItemTotals expected;
        for (uint32_t producer = 0; producer < 8; ++producer)
            for (uint64_t seq = 0; seq < 1'000'000; ++seq)
                expected.add(ipc::itemKey(producer, seq));
        QCOMPARE(put.count, expected.count);
        QVERIFY(put == expected);
        QCOMPARE(got.count, expected.count);
        QVERIFY2(got == expected, "an item was lost or got twice");
        // What the event audit did see holds no duplicate and no phantom.
        const DeliveryFigures figures = session.recording().deliveryFigures();
        qInfo("events dropped: %llu; the audit saw %llu puts, %llu gets",
              qulonglong(session.recording().eventsDropped()), qulonglong(figures.produced),
              qulonglong(figures.consumed));
        QCOMPARE(figures.duplicated, 0u);
        QCOMPARE(figures.phantom, 0u);
        // The verdict a user reads (summary.json, the report) is the exact one.
        QVERIFY(figures.counted);
        QVERIFY(figures.put == expected);
        QVERIFY(figures.everyItemOnce());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
