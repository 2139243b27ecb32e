#include "Session.h"

#include "Sampler.h"
#include "WaitForGraph.h"
#include "ipc/Clock.h"
#include "ipc/Segment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ipcscope {

namespace {

constexpr int kReadyTimeoutMs = 10'000;
// Nice levels the workers run below the GUI (see launch): weight 335 against
// our 1024, so 64 busy workers leave the Sampler about a tenth of a core.
constexpr int kWorkerNiceIncrement = 5;
constexpr int kWorkerExitStopped = 3;

bool isBlocked(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    return state == S::WaitingLock || state == S::BlockedPut || state == S::BlockedGet ||
           state == S::WaitingPermit || state == S::WaitingEvent || state == S::WaitingBarrier ||
           state == S::WaitingCondition || state == S::WaitingJoin;
}

} // namespace

Session::Session(const Scenario& scenario, QObject* parent) : QObject(parent), m_scenario(scenario)
{
    m_healthTimer.setInterval(100);
    connect(&m_healthTimer, &QTimer::timeout, this, &Session::checkHealth);
    m_stopGraceTimer.setSingleShot(true);
    connect(&m_stopGraceTimer, &QTimer::timeout, this, &Session::killRemaining);
}

Session::~Session()
{
    // Nothing left running, whatever state we are in: stop asks, then SIGKILL, then reap.
    if (m_segment)
        m_segment->segment().control.runState.store(uint32_t(ipc::RunState::Stopping));
    for (Child& c : m_children) {
        c.process->disconnect(this); // no signals from a half-destroyed session
        if (c.process->state() != QProcess::NotRunning) {
            c.process->kill();
            c.process->waitForFinished(3000);
        }
    }
    m_sampler.reset();
    m_segment.reset();
}

QString Session::workerProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("IPCSCOPE_WORKER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ipcscope-worker"));
}

QString Session::segmentName() const
{
    return m_segment ? QString::fromStdString(m_segment->name()) : QString();
}

double Session::now() const
{
    if (!m_segment)
        return 0;
    const uint64_t start = m_segment->segment().control.startNs.load();
    return start ? ipc::secondsAfter(start, ipc::monotonicNs()) : 0.0;
}

double Session::elapsedSeconds() const
{
    return m_finishedAt >= 0 ? m_finishedAt : now();
}

void Session::setSamplingRateHz(int hz)
{
    m_samplingRateHz = std::clamp(hz, 1, 10'000);
    if (m_sampler)
        m_sampler->setRateHz(m_samplingRateHz);
}

void Session::say(const QString& text)
{
    m_recording.addMessage(elapsedSeconds(), text);
    emit message(text);
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

Session::Child* Session::child(int id)
{
    for (Child& c : m_children)
        if (c.id == id)
            return &c;
    return nullptr;
}

const Session::Child* Session::child(int id) const
{
    return const_cast<Session*>(this)->child(id);
}

QList<int> Session::workerIds() const
{
    QList<int> ids;
    for (const Child& c : m_children)
        ids.append(c.id);
    return ids;
}

ipc::Role Session::workerRole(int id) const
{
    const Child* c = child(id);
    return c ? c->role : ipc::Role::None;
}

QList<qint64> Session::livePids() const
{
    QList<qint64> pids;
    for (const Child& c : m_children)
        if (!c.exited && c.process->processId() > 0)
            pids.append(c.process->processId());
    return pids;
}

bool Session::start(QString* error)
{
    if (m_state != State::Idle) {
        *error = tr("this session has already run");
        return false;
    }
    if (!QFileInfo(workerProgram()).isExecutable()) {
        *error = tr("worker program not found or not executable: %1").arg(workerProgram());
        return false;
    }
    for (const std::string& name : ipc::removeStaleSegments())
        say(tr("removed stale segment %1 (its creator is gone)").arg(QString::fromStdString(name)));

    const ScenarioKind kind = m_scenario.kind();
    auto value = [this](const char* key) { return m_scenario.value(QLatin1String(key)); };
    try {
        const auto capacity = kind == ScenarioKind::Queue || kind == ScenarioKind::JoinableQueue
                                  ? uint32_t(value("capacity"))
                                  : 1u;
        const auto permits = kind == ScenarioKind::Semaphore ? uint32_t(value("permits")) : 1u;
        m_segment = std::make_unique<ipc::OwnedSegment>(ipc::randomToken(), capacity, permits);
    } catch (const std::exception& e) {
        *error = QString::fromLocal8Bit(e.what());
        return false;
    }
    ipc::Segment& segment = m_segment->segment();
    for (const QString& key : m_scenario.values().keys()) {
        const ParameterSpec* spec = Scenario::findSpec(m_scenario.kind(), key);
        if (spec && spec->live) {
            QString ignored;
            setLiveValue(key, m_scenario.value(key), &ignored);
        }
    }

    // Everything workers read at start-up is in place before the first one runs.
    switch (kind) {
    case ScenarioKind::Counter:
        segment.control.counterShared.store(value("shared") ? 1 : 0);
        break;
    case ScenarioKind::Queue:
        segment.queue.producersRunning.store(int(value("producers")));
        segment.queue.sentinelsToSend.store(int(value("consumers")));
        segment.control.putTimeoutMs.store(uint32_t(value("put_timeout_ms")));
        segment.control.getTimeoutMs.store(uint32_t(value("get_timeout_ms")));
        segment.control.noWait.store(value("nowait") ? 1 : 0);
        segment.control.checkFirst.store(value("check_first") ? 1 : 0);
        break;
    case ScenarioKind::Array:
        segment.array.length = uint32_t(value("length"));
        break;
    case ScenarioKind::Semaphore:
        segment.semaphore.workersRunning.store(int(value("workers")));
        segment.control.boundedSemaphore.store(value("bounded") ? 1 : 0);
        segment.control.overRelease.store(value("over_release") ? 1 : 0);
        break;
    case ScenarioKind::Event:
        segment.control.setAfterMs.store(uint32_t(value("set_after_ms")));
        break;
    case ScenarioKind::Barrier:
        segment.barrier.parties = uint32_t(value("parties"));
        break;
    case ScenarioKind::Deadlock:
        segment.control.oppositeOrder.store(value("opposite_order") ? 1 : 0);
        segment.control.gapUs.store(uint32_t(value("gap_us")));
        break;
    case ScenarioKind::AbandonedLock:
        segment.control.robustLocks.store(value("robust") ? 1 : 0);
        break;
    case ScenarioKind::Condition:
        segment.condition.producersRunning.store(int(value("producers")));
        segment.condition.sentinelsToSend.store(int(value("consumers")));
        segment.control.notifyAll.store(value("notify_all") ? 1 : 0);
        segment.control.recheckInLoop.store(value("use_while") ? 1 : 0);
        break;
    case ScenarioKind::JoinableQueue:
        segment.control.joinable.store(1);
        break;
    case ScenarioKind::Pipe:
    case ScenarioKind::Socket:
    case ScenarioKind::Manager:
        if (!prepareChannels(error)) {
            m_segment.reset();
            return false;
        }
        segment.control.messagesPerWorker.store(
            uint32_t(value(kind == ScenarioKind::Manager ? "rounds" : "messages")));
        segment.control.expectedClients.store(
            kind == ScenarioKind::Pipe ? 0u : uint32_t(value("clients")));
        break;
    }
    QList<int> ids;
    bool launched = true;
    for (const ipc::Role role : plannedRoles(m_scenario)) {
        const int id = int(ids.size());
        ids.append(id);
        if (!(launched = launch(id, role, error)))
            break;
    }
    // The children have their ends now; the parent keeping a copy would hide
    // the end of file each end must see when the other closes.
    closePipeFds();
    if (!launched || !waitUntilReady(ids, error)) {
        segment.control.runState.store(uint32_t(ipc::RunState::Stopping));
        for (Child& c : m_children) {
            c.process->disconnect(this);
            c.process->kill();
            c.process->waitForFinished(3000);
        }
        m_children.clear();
        m_segment.reset();
        return false;
    }

    m_sampler = std::make_unique<Sampler>(segment, m_recording);
    m_sampler->setRateHz(m_samplingRateHz);
    m_sampler->setScenarioKind(Scenario::kindName(m_scenario.kind()));
    segment.control.startNs.store(ipc::monotonicNs());
    // release: everything set up above is visible to a worker that sees Running
    segment.control.runState.store(uint32_t(ipc::RunState::Running), std::memory_order_release);
    m_sampler->start(QThread::HighPriority);
    m_sinceProgress.start();
    m_healthTimer.start();
    if (kind == ScenarioKind::AbandonedLock && value("kill_after_ms") > 0)
        m_killHolderAt = double(value("kill_after_ms")) / 1000.0;
    setState(State::Running);
    return true;
}

int Session::guardLockTakenBy(ScenarioKind kind, ipc::Role role)
{
    return Scenario::hasPutAndGetLocks(kind) && role == ipc::Role::Consumer ? 1 : 0;
}

QList<ipc::Role> Session::plannedRoles(const Scenario& scenario)
{
    auto times = [&scenario](const char* key, ipc::Role role) {
        return QList<ipc::Role>(
            qsizetype(std::clamp<qint64>(scenario.value(QLatin1String(key)), 0, ipc::kMaxWorkers)),
            role);
    };
    switch (scenario.kind()) {
    case ScenarioKind::Counter:
    case ScenarioKind::AbandonedLock:
        return times("workers", ipc::Role::Incrementer);
    case ScenarioKind::Queue:
    case ScenarioKind::JoinableQueue:
        return times("producers", ipc::Role::Producer) + times("consumers", ipc::Role::Consumer);
    case ScenarioKind::Array:
        return times("workers", ipc::Role::ArrayWriter);
    case ScenarioKind::Semaphore:
        return times("workers", ipc::Role::SemaphoreUser);
    case ScenarioKind::Event:
        // Untimed waiters first, then the timed ones (prepareSlot counts them), then the setter.
        return times("waiters", ipc::Role::EventWaiter) +
               times("timed_waiters", ipc::Role::EventWaiter) + QList{ipc::Role::EventSetter};
    case ScenarioKind::Barrier:
        return times("parties", ipc::Role::BarrierParty);
    case ScenarioKind::Deadlock:
        return times("workers", ipc::Role::LockPair);
    case ScenarioKind::Condition:
        return times("producers", ipc::Role::ListProducer) +
               times("consumers", ipc::Role::ListConsumer);
    case ScenarioKind::Pipe:
        return {ipc::Role::PipeEnd, ipc::Role::PipeEnd};
    case ScenarioKind::Socket:
        return QList{ipc::Role::SocketServer} + times("clients", ipc::Role::SocketClient);
    case ScenarioKind::Manager:
        return QList{ipc::Role::ManagerServer} + times("clients", ipc::Role::ManagerClient);
    }
    return {};
}

QStringList Session::roleArguments(ipc::Role role)
{
    switch (role) {
    case ipc::Role::Incrementer:
        return {QStringLiteral("--iterations"),
                QString::number(m_scenario.value(QStringLiteral("iterations")))};
    case ipc::Role::Producer:
    case ipc::Role::ListProducer:
        return {QStringLiteral("--items"),
                QString::number(m_scenario.value(QStringLiteral("items"))),
                QStringLiteral("--producer-id"), QString::number(m_producersLaunched++)};
    case ipc::Role::PipeEnd:
        return {QStringLiteral("--fd"),
                QString::number(m_pipeFds.value(int(m_pipeEndsLaunched++)))};
    case ipc::Role::SocketServer:
    case ipc::Role::SocketClient:
    case ipc::Role::ManagerServer:
    case ipc::Role::ManagerClient:
        return {QStringLiteral("--path"), m_socketDir->filePath(QStringLiteral("socket"))};
    default: // the others read theirs from their slot (prepareSlot)
        break;
    }
    return {};
}

bool Session::prepareChannels(QString* error)
{
    if (m_scenario.kind() == ScenarioKind::Pipe) {
        int ends[2];
        // SOCK_CLOEXEC: no other child inherits them; each end's own child
        // clears the flag on its end only (see launch()).
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
            *error =
                tr("cannot create the pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        m_pipeFds = {{0, ends[0]}, {1, ends[1]}};
        return true;
    }
    // The socket lives in a private directory (0700) removed with the session.
    m_socketDir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ipcscope-XXXXXX"));
    if (!m_socketDir->isValid()) {
        *error = tr("cannot create a directory for the socket: %1").arg(m_socketDir->errorString());
        return false;
    }
    return true;
}

void Session::closePipeFds()
{
    for (const int fd : std::as_const(m_pipeFds))
        if (fd >= 0)
            ::close(fd);
    m_pipeFds.clear();
}

void Session::prepareSlot(ipc::WorkerSlot& slot, ipc::Role role)
{
    auto value = [this](const char* key) { return uint32_t(m_scenario.value(QLatin1String(key))); };
    switch (role) {
    case ipc::Role::ArrayWriter:
        slot.iterations.store(value("iterations"));
        break;
    case ipc::Role::SemaphoreUser:
        slot.iterations.store(value("entries"));
        break;
    case ipc::Role::BarrierParty:
        slot.iterations.store(value("rounds"));
        break;
    case ipc::Role::LockPair:
        slot.iterations.store(value("iterations"));
        break;

    case ipc::Role::EventWaiter:
        slot.timeoutMs.store(m_eventWaitersLaunched++ >= int(value("waiters")) ? value("timeout_ms")
                                                                               : 0);
        break;
    default:
        break;
    }
}

bool Session::launch(int id, ipc::Role role, QString* error)
{
    ipc::WorkerSlot& slot = m_segment->segment().workerSlots[id];
    prepareSlot(slot, role);
    slot.role.store(uint32_t(role));
    slot.inUse.store(1, std::memory_order_release);

    auto* process = new QProcess(this);
    process->setProgram(workerProgram());
    QStringList arguments{
        QStringLiteral("--segment"), QString::fromStdString(m_segment->name()),
        QStringLiteral("--token"),   QString::number(m_segment->token(), 16),
        QStringLiteral("--slot"),    QString::number(id),
        QStringLiteral("--role"),    roleName(role),
        QStringLiteral("--parent"),  QString::number(QCoreApplication::applicationPid())};
    process->setArguments(arguments + roleArguments(role));
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardInputFile(QProcess::nullDevice());
    // Dies with us even if we are SIGKILLed: set before exec, in the child.
    // A pipe end is inherited across exec like Python's Pipe() across fork:
    // its descriptor loses FD_CLOEXEC in this child only.
    const int inheritedFd = m_pipeFds.value(id, -1);
    // Workers run a few nice levels below us: 64 workers spinning on a lock
    // would otherwise hold the observer (the Sampler thread, the window) to
    // a 65th of the cores, and an oscilloscope that stalls when its subject
    // is busy shows nothing. They are all niced alike, so how they compete
    // with one another (the races and the contention on show) is unchanged;
    // they only give way to us and to the rest of the desktop.
    process->setChildProcessModifier([inheritedFd] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (inheritedFd >= 0)
            ::fcntl(inheritedFd, F_SETFD, 0);
        errno = 0; // getpriority can return -1 as a value
        const int niceness = ::getpriority(PRIO_PROCESS, 0);
        if (errno == 0)
            ::setpriority(PRIO_PROCESS, 0, niceness + kWorkerNiceIncrement);
    });
    connect(process, &QProcess::finished, this,
            [this, id](int exitCode, QProcess::ExitStatus status) {
                onChildFinished(id, exitCode, status == QProcess::CrashExit);
            });
    m_children.push_back({id, role, process});
    process->start();
    if (!process->waitForStarted(5000)) {
        *error = tr("cannot start worker %1 (%2): %3")
                     .arg(id)
                     .arg(workerProgram(), process->errorString());
        return false;
    }
    m_recording.addWorker(id, role, process->processId(), now());
    return true;
}

bool Session::waitUntilReady(const QList<int>& ids, QString* error)
{
    QElapsedTimer waited;
    waited.start();
    for (int id : ids) {
        const ipc::WorkerSlot& slot = m_segment->segment().workerSlots[id];
        Child* c = child(id);
        while (slot.state.load(std::memory_order_acquire) == uint32_t(ipc::WorkerState::Starting)) {
            // waitForFinished(0) notices a worker that died before saying ready
            if (c->process->state() == QProcess::NotRunning || c->process->waitForFinished(0)) {
                const QString said =
                    QString::fromLocal8Bit(c->process->readAllStandardError()).trimmed();
                *error = tr("worker %1 exited before it was ready: %2").arg(id).arg(said);
                return false;
            }
            if (waited.elapsed() > kReadyTimeoutMs) {
                *error = tr("worker %1 did not report ready within %2 s")
                             .arg(id)
                             .arg(kReadyTimeoutMs / 1000);
                return false;
            }
            QThread::usleep(500);
        }
    }
    return true;
}

void Session::pause()
{
    if (m_state != State::Running)
        return;
    m_segment->segment().control.runState.store(uint32_t(ipc::RunState::Paused));
    setState(State::Paused);
}

void Session::resume()
{
    if (m_state != State::Paused)
        return;
    m_segment->segment().control.runState.store(uint32_t(ipc::RunState::Running));
    setState(State::Running);
}

void Session::stop()
{
    if (!isActive())
        return;
    m_segment->segment().control.runState.store(uint32_t(ipc::RunState::Stopping));
    setState(State::Stopping);
    m_stopGraceTimer.start(kStopGraceMs);
    finishIfAllExited();
}

void Session::killRemaining()
{
    for (Child& c : m_children) {
        if (!c.exited && c.process->state() != QProcess::NotRunning) {
            say(tr("worker %1 did not stop within %2 ms: killed").arg(c.id).arg(kStopGraceMs));
            c.killedOnPurpose = true;
            c.process->kill();
        }
    }
}

bool Session::killWorker(int id)
{
    Child* c = child(id);
    if (!c || c->exited || c->process->state() == QProcess::NotRunning)
        return false;
    c->killedOnPurpose = true;
    say(tr("killing worker %1 (pid %2)").arg(id).arg(c->process->processId()));
    // SIGKILL: no chance to release a lock or post a semaphore, on purpose.
    ::kill(pid_t(c->process->processId()), SIGKILL);
    return true;
}

bool Session::setWorkerPaused(int id, bool paused)
{
    Child* c = child(id);
    if (!c || c->exited || !m_segment)
        return false;
    m_segment->segment().workerSlots[id].pauseRequested.store(paused ? 1 : 0);
    return true;
}

bool Session::isWorkerPaused(int id) const
{
    return m_segment && child(id) &&
           m_segment->segment().workerSlots[id].pauseRequested.load() != 0;
}

bool Session::setLiveValue(const QString& key, qint64 value, QString* error)
{
    const ParameterSpec* spec = Scenario::findSpec(m_scenario.kind(), key);
    if (!spec || !spec->live) {
        *error = tr("%1 cannot be changed while the session runs").arg(key);
        return false;
    }
    if (!m_scenario.setValue(key, value, error))
        return false;
    if (!m_segment)
        return true;
    ipc::ControlBlock& control = m_segment->segment().control;
    if (key == QLatin1String("lock")) {
        // One switch for all of a scenario's locks (the queue has two).
        for (auto& enabled : control.lockEnabled)
            enabled.store(value ? 1 : 0);
    } else if (key == QLatin1String("think_us"))
        control.thinkUs.store(uint32_t(value));
    else if (key == QLatin1String("produce_us"))
        control.produceDelayUs.store(uint32_t(value));
    else if (key == QLatin1String("consume_us"))
        control.consumeDelayUs.store(uint32_t(value));
    else if (key == QLatin1String("hold_us"))
        control.holdUs.store(uint32_t(value));
    else if (key == QLatin1String("work_us"))
        control.workUs.store(uint32_t(value));
    else if (key == QLatin1String("send_us"))
        control.sendGapUs.store(uint32_t(value));
    return true;
}

int Session::addWorker(ipc::Role role, QString* error)
{
    if (!isActive() || m_scenario.kind() != ScenarioKind::Queue ||
        (role != ipc::Role::Producer && role != ipc::Role::Consumer)) {
        *error = tr("producers and consumers can only be added to a running queue session");
        return -1;
    }
    int id = 0;
    while (id < ipc::kMaxWorkers && m_segment->segment().workerSlots[id].inUse.load() != 0)
        ++id;
    if (id == ipc::kMaxWorkers) {
        *error = tr("no free worker slot (at most %1 workers)").arg(ipc::kMaxWorkers);
        return -1;
    }
    ipc::BoundedQueue& queue = m_segment->segment().queue;
    if (role == ipc::Role::Producer)
        queue.producersRunning.fetch_add(1);
    else
        queue.sentinelsToSend.fetch_add(1);
    if (!launch(id, role, error))
        return -1;
    say(tr("added %1 %2").arg(roleLabel(role)).arg(id));
    return id;
}

void Session::onChildFinished(int id, int exitCode, bool crashed)
{
    Child* c = child(id);
    if (!c || c->exited)
        return;
    c->exited = true;
    QString exit;
    if (crashed || c->killedOnPurpose)
        exit = QStringLiteral("killed");
    else if (exitCode == 0)
        exit = QStringLiteral("ok");
    else if (exitCode == kWorkerExitStopped)
        exit = QStringLiteral("stopped");
    else
        exit = QStringLiteral("error");
    const QString said = QString::fromLocal8Bit(c->process->readAllStandardError()).trimmed();
    m_recording.setWorkerExit(id, exit, now(), said);
    if (m_segment) {
        ipc::WorkerSlot& slot = m_segment->segment().workerSlots[id];
        c->stateAtExit = ipc::WorkerState(slot.state.load());
        const auto final = exit == QLatin1String("killed")  ? ipc::WorkerState::Killed
                           : exit == QLatin1String("error") ? ipc::WorkerState::Failed
                                                            : ipc::WorkerState(slot.state.load());
        slot.state.store(uint32_t(final));
        // A producer that died without finishing will never hand over the
        // sentinels: count it out, as Python's join() would.
        if (c->role == ipc::Role::Producer && exit != QLatin1String("ok") && isActive())
            m_segment->segment().queue.producersRunning.fetch_sub(1);
    }
    if (exit == QLatin1String("killed"))
        say(tr("worker %1 (%2) was killed").arg(id).arg(roleLabel(c->role)));
    else if (exit == QLatin1String("error"))
        say(tr("worker %1 failed (exit code %2): %3").arg(id).arg(exitCode).arg(said));
    emit workerExited(id, exit);
    stopDaemonsWhenProducersDone();
    finishIfAllExited();
}

void Session::stopDaemonsWhenProducersDone()
{
    if (m_scenario.kind() != ScenarioKind::JoinableQueue || !isActive())
        return;
    for (const Child& c : m_children)
        if (c.role == ipc::Role::Producer && !c.exited)
            return;
    // Python ends daemon processes when the main program exits after join().
    say(tr("every producer's join() returned: the daemon consumers end with the session"));
    stop();
}

void Session::finishIfAllExited()
{
    if (m_state == State::Finished || m_state == State::Idle)
        return;
    for (const Child& c : m_children)
        if (!c.exited)
            return;
    m_finishedAt = now();
    m_healthTimer.stop();
    m_stopGraceTimer.stop();
    if (m_sampler) {
        m_sampler->requestStop();
        m_sampler->wait();
        m_sampler->sampleOnce(true); // what the workers wrote last
        m_sampler.reset();
    }
    reportMisuse();
    m_finalPut = itemTotals(ipc::Role::Producer);
    m_finalGot = itemTotals(ipc::Role::Consumer);
    if (m_scenario.kind() == ScenarioKind::Queue ||
        m_scenario.kind() == ScenarioKind::JoinableQueue)
        recordItemTotals();
    m_segment.reset(); // unlinks the segment: nothing of the session remains
    setState(State::Finished);
    emit finished();
}

QList<int> Session::stuckWorkers() const
{
    QList<int> stuck;
    if (!m_segment)
        return stuck;
    const ipc::Segment& segment = m_segment->segment();
    auto stateOf = [&segment](const Child& c) {
        return ipc::WorkerState(segment.workerSlots[c.id].state.load());
    };
    auto add = [&stuck](int id) {
        if (!stuck.contains(id))
            stuck.append(id);
    };
    // A robust lock's next taker repairs it (EOWNERDEAD): only a plain one
    // held by the dead stays taken.
    const bool robust = segment.control.robustLocks.load() != 0;
    for (int lock = 0; lock < ipc::kMaxLocks && !robust; ++lock) {
        const int holder = segment.locks[lock].holderWorker.load();
        const Child* holding = holder >= 0 ? child(holder) : nullptr;
        if (!holding || !holding->exited)
            continue;
        for (const Child& c : m_children)
            if (!c.exited && stateOf(c) == ipc::WorkerState::WaitingLock &&
                segment.workerSlots[c.id].waitingForLock.load() == lock)
                add(c.id);
    }
    // Every permit taken by a process that died with it: nobody gives one back.
    if (segment.semaphore.permits > 0 && permitsHeldByDead() >= int(segment.semaphore.permits))
        for (const Child& c : m_children)
            if (!c.exited && stateOf(c) == ipc::WorkerState::WaitingPermit)
                add(c.id);
    // In a deadlock, every worker of the cycle is stuck for good.
    for (const WaitEdge& edge : findWaitCycle(waitForEdges(segment)))
        add(edge.worker);
    if (m_everyoneBlockedForGood)
        for (const Child& c : m_children)
            if (!c.exited && isBlocked(stateOf(c)))
                add(c.id);
    return stuck;
}

// The workers' own count of the items into the recording's delivery verdict,
// with what is still in the queue.
void Session::recordItemTotals()
{
    ItemTotals left;
    m_segment->segment().queue.forEachQueued([&](uint64_t key) {
        if (key != 0 && key != ipc::kSentinelKey) // 0: a slot nobody wrote
            left.add(key);
    });
    DeliveryFigures figures = m_recording.deliveryFigures();
    figures.counted = true;
    figures.put = m_finalPut;
    figures.got = m_finalGot;
    figures.left = left;
    m_recording.setDeliveryFigures(figures);
}

Session::ItemTotals Session::itemTotals(ipc::Role role) const
{
    if (!m_segment)
        return role == ipc::Role::Producer ? m_finalPut : m_finalGot;
    ItemTotals totals;
    for (const Child& c : m_children) {
        if (c.role != role)
            continue;
        const ipc::WorkerSlot& slot = m_segment->segment().workerSlots[c.id];
        totals.count += slot.itemCount.load();
        totals.keySum += slot.itemKeySum.load();
        totals.keySumSq += slot.itemKeySumSq.load();
    }
    return totals;
}

int Session::permitsHeldByDead() const
{
    int held = 0;
    for (const Child& c : m_children)
        if (c.exited && c.stateAtExit == ipc::WorkerState::HoldingPermit)
            ++held;
    return held;
}

QString Session::waitDescription(int id) const
{
    const Child* c = child(id);
    if (!c || c->exited || !m_segment)
        return {};
    const ipc::Segment& segment = m_segment->segment();
    const ipc::WorkerSlot& slot = segment.workerSlots[id];
    using S = ipc::WorkerState;
    switch (S(slot.state.load())) {
    case S::WaitingLock: {
        const int lock = std::clamp(slot.waitingForLock.load(), 0, ipc::kMaxLocks - 1);
        const int holder = segment.locks[lock].holderWorker.load();
        const Child* holding = holder >= 0 ? child(holder) : nullptr;
        // A queue's two locks by their names, others by number.
        const QString name = !Scenario::hasPutAndGetLocks(m_scenario.kind())
                                 ? tr("lock %1").arg(lock)
                             : lock == 0 ? tr("the put lock")
                                         : tr("the get lock");
        if (!holding)
            return name;
        if (holding->exited)
            return tr("%1, held by worker %2, which is dead").arg(name).arg(holder);
        return tr("%1, held by worker %2").arg(name).arg(holder);
    }
    case S::BlockedPut: {
        const ipc::BoundedQueue& queue = segment.queue;
        const quint64 puts = queue.puts.load(), gets = queue.gets.load();
        return tr("a free slot in the queue (%1 of %2 taken)")
            .arg(puts > gets ? puts - gets : 0)
            .arg(queue.capacity);
    }
    case S::BlockedGet:
        return tr("an item in the empty queue");
    case S::WaitingPermit:
        return tr("a permit of the semaphore (%1 permits, %2 of them held by dead workers)")
            .arg(segment.semaphore.permits)
            .arg(permitsHeldByDead());
    case S::WaitingEvent:
        return tr("the event to be set");
    case S::WaitingBarrier:
        return tr("the barrier (%1 of %2 parties arrived)")
            .arg(segment.barrier.arrived.load())
            .arg(segment.barrier.parties);
    case S::WaitingCondition:
        return tr("a notify on the condition");
    case S::WaitingJoin:
        return tr("every queued item to be marked done (join)");
    default:
        return {};
    }
}

void Session::reportStuck()
{
    const QList<int> stuck = stuckWorkers();
    for (int id : stuck) {
        if (m_reportedStuck.contains(id))
            continue;
        m_reportedStuck.append(id);
        const QString waitsOn = waitDescription(id);
        say(tr("worker %1 (%2) is stuck, waiting for %3")
                .arg(id)
                .arg(roleLabel(workerRole(id)),
                     waitsOn.isEmpty() ? tr("nothing it can name") : waitsOn));
    }
    // Unstuck again (e.g. a robust lock repaired): a later stall is news.
    m_reportedStuck.removeIf([&stuck](int id) { return !stuck.contains(id); });
}

void Session::reportMisuse()
{
    if (!m_segment)
        return;
    const ipc::SemaphoreBlock& semaphore = m_segment->segment().semaphore;
    const quint32 refused = semaphore.refusedReleases.load();
    const quint32 accepted = semaphore.overReleases.load();
    if (refused > m_refusedReleasesReported) {
        m_refusedReleasesReported = refused;
        say(tr("error: BoundedSemaphore refused a release() that had no matching acquire() "
               "(Python raises ValueError: Semaphore released too many times)"));
    }
    if (accepted > m_acceptedReleasesReported) {
        m_acceptedReleasesReported = accepted;
        say(tr("warning: the plain Semaphore accepted a release() without acquire(): it now lets "
               "%1 processes in at once instead of %2")
                .arg(semaphore.permits + accepted)
                .arg(semaphore.permits));
    }
}

void Session::killLockHolderWhenDue()
{
    if (m_killHolderAt < 0 || m_state != State::Running || elapsedSeconds() < m_killHolderAt)
        return;
    // Kill inside the critical section, for sure: ask the next holder to stay
    // between its read and its write, then kill it there.
    ipc::ControlBlock& control = m_segment->segment().control;
    if (!m_freezeAsked) {
        control.freezeNextHolder.store(1);
        m_freezeAsked = true;
        return;
    }
    const int holder = control.frozenHolder.load(std::memory_order_acquire);
    if (holder < 0)
        return;
    m_killHolderAt = -1;
    say(tr("killing worker %1 while it holds the lock").arg(holder));
    killWorker(holder);
}

void Session::reportDeadlock()
{
    const QJsonObject figures = m_recording.mechanismFigures();
    const QJsonArray cycle = figures.value(QStringLiteral("cycle")).toArray();
    if (m_deadlockReported || cycle.isEmpty())
        return;
    m_deadlockReported = true;
    QStringList steps;
    for (const QJsonValue& value : cycle) {
        const QJsonObject edge = value.toObject();
        steps.append(tr("worker %1 waits for lock %2 held by worker %3")
                         .arg(edge.value(QStringLiteral("worker")).toInt())
                         .arg(edge.value(QStringLiteral("waits_for_lock")).toInt())
                         .arg(edge.value(QStringLiteral("held_by")).toInt()));
    }
    say(tr("deadlock: %1; none of them can ever go on").arg(steps.join(QStringLiteral(", "))));
}

void Session::checkHealth()
{
    if (!isActive() || !m_segment)
        return;
    reportMisuse();
    reportDeadlock();
    killLockHolderWhenDue();
    const ipc::Segment& segment = m_segment->segment();
    for (int lock = 0; lock < ipc::kMaxLocks; ++lock) {
        const int holder = segment.locks[lock].holderWorker.load();
        const Child* holding = holder >= 0 ? child(holder) : nullptr;
        if (holding && holding->exited && !m_reportedDeadHolders.contains(holder)) {
            m_reportedDeadHolders.append(holder);
            QStringList waiting;
            for (int id : stuckWorkers())
                waiting.append(QString::number(id));
            say(tr("lock %1 is held by worker %2, which is dead: a plain lock is never released "
                   "(waiting: %3)")
                    .arg(lock)
                    .arg(holder)
                    .arg(waiting.isEmpty() ? tr("nobody yet")
                                           : waiting.join(QStringLiteral(", "))));
        }
    }

    // Progress = any operation done or any event written by anyone.
    quint64 progress = 0;
    bool allBlocked = true;
    QStringList blocked;
    for (const Child& c : m_children) {
        const ipc::WorkerSlot& slot = segment.workerSlots[c.id];
        progress += slot.ops.load() + slot.ring.head.load();
        if (c.exited)
            continue;
        const auto state = ipc::WorkerState(slot.state.load());
        if (!isBlocked(state) || slot.pauseRequested.load()) {
            allBlocked = false;
        } else {
            blocked.append(QStringLiteral("%1 (%2)").arg(c.id).arg(workerStateName(state)));
        }
    }
    if (progress != m_lastProgress || !allBlocked || m_state == State::Paused) {
        m_lastProgress = progress;
        m_sinceProgress.restart();
        m_everyoneBlockedForGood = false;
    } else if (m_sinceProgress.elapsed() >= kStuckAfterMs) {
        m_everyoneBlockedForGood = true;
    }
    reportStuck();
    if (m_stopWhenStuck && m_everyoneBlockedForGood) {
        say(tr("every remaining worker is stuck: %1; stopping them")
                .arg(blocked.join(QStringLiteral(", "))));
        stop();
    }
}

} // namespace ipcscope
