#pragma once
// One run of a scenario with real processes: creates the segment, launches
// ipcscope-worker children, pauses/resumes/stops them through the control
// block, kills one on request, reaps every child and removes the segment at
// the end. Lives in the GUI (or headless main) thread; never takes an
// interprocess lock, so a wedged worker cannot freeze its owner.
#include "Recording.h"
#include "Scenario.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <vector>

class QProcess;

namespace ipcscope {

namespace ipc {
class OwnedSegment;
}
class Sampler;

class Session : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Paused,
        Stopping,
        Finished
    };
    Q_ENUM(State)

    // How long stopping workers get before they are SIGKILLed.
    static constexpr int kStopGraceMs = 1500;
    // Everything still alive blocked, and nothing happening, for this long: stuck.
    static constexpr int kStuckAfterMs = 1000;

    explicit Session(const Scenario& scenario, QObject* parent = nullptr);
    ~Session() override;

    // Creates the segment and launches the workers; returns once every one of
    // them reported ready and the run began. False + *error otherwise (and
    // nothing is left running).
    bool start(QString* error);
    void pause();
    void resume();
    void stop();

    bool killWorker(int id);
    bool setWorkerPaused(int id, bool paused);
    bool isWorkerPaused(int id) const;
    // Parameters marked live in the spec (lock, think_us, produce_us, consume_us).
    bool setLiveValue(const QString& key, qint64 value, QString* error);
    // Adds a producer or consumer to a running queue session; its id or -1.
    int addWorker(ipc::Role role, QString* error);

    // Headless runs end by themselves when every remaining worker is stuck
    // (e.g. consumers whose sentinel was lost with the lock off). The window
    // leaves them stuck so the user can see it.
    // The workers a scenario starts with, in slot order (the views draw them
    // before Start, too).
    static QList<ipc::Role> plannedRoles(const Scenario& scenario);
    // The guard lock a process of `role` takes (and waits for): a queue's
    // consumers its get lock (1), everyone else lock 0. A waiting process's
    // state says "waiting for a lock"; this says which.
    static int guardLockTakenBy(ScenarioKind kind, ipc::Role role);

    void setStopWhenStuck(bool stop) { m_stopWhenStuck = stop; }
    void setSamplingRateHz(int hz);
    int samplingRateHz() const { return m_samplingRateHz; }

    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Running || m_state == State::Paused; }
    const Scenario& scenario() const { return m_scenario; }
    Recording& recording() { return m_recording; }
    const Recording& recording() const { return m_recording; }
    QString segmentName() const;
    double elapsedSeconds() const; // run time so far (frozen once finished)
    QList<int> workerIds() const;
    ipc::Role workerRole(int id) const;
    // Alive but never going on: waiting on a lock or for a permit held by a
    // dead worker, in a wait-for cycle, or (after kStuckAfterMs without any
    // progress) every remaining worker blocked.
    QList<int> stuckWorkers() const;
    // What a blocked worker waits on, in words ("lock 0, held by worker 3,
    // which is dead"); empty when it is not blocked.
    QString waitDescription(int id) const;
    QList<qint64> livePids() const;

    // Queue items put by every producer and got by every consumer, added up
    // by the workers themselves (Recording.h). Frozen when the session
    // finishes, and written into the Recording's DeliveryFigures then.
    using ItemTotals = ipcscope::ItemTotals;
    ItemTotals itemsPut() const { return itemTotals(ipc::Role::Producer); }
    ItemTotals itemsGot() const { return itemTotals(ipc::Role::Consumer); }

    // ipcscope-worker beside the running executable, or $IPCSCOPE_WORKER.
    static QString workerProgram();

signals:
    void stateChanged(ipcscope::Session::State state);
    void workerExited(int id, const QString& exit);
    void message(const QString& text);
    void finished();

private:
    struct Child
    {
        int id;
        ipc::Role role;
        QProcess* process;
        bool exited = false;
        bool killedOnPurpose = false;
        // What it was doing when it died (a permit it held stays taken).
        ipc::WorkerState stateAtExit = ipc::WorkerState::Starting;
    };

    QStringList roleArguments(ipc::Role role); // a worker's role-specific arguments
    bool prepareChannels(QString* error); // pipe: the socketpair; socket/manager: a private dir
    void closePipeFds();
    void prepareSlot(ipc::WorkerSlot& slot, ipc::Role role); // per-worker figures, before launch
    bool launch(int id, ipc::Role role, QString* error);
    bool waitUntilReady(const QList<int>& ids, QString* error);
    void onChildFinished(int id, int exitCode, bool crashed);
    void checkHealth();
    void reportMisuse(); // e.g. a semaphore released once too often
    void reportDeadlock();
    void reportStuck(); // each worker once, when it becomes stuck, with what it waits on
    int permitsHeldByDead() const;
    ItemTotals itemTotals(ipc::Role role) const;
    void recordItemTotals();
    void stopDaemonsWhenProducersDone(); // joinable-queue
    void killLockHolderWhenDue();        // abandoned-lock: kill the holder inside the lock
    void finishIfAllExited();
    void killRemaining();
    void setState(State state);
    void say(const QString& text);
    Child* child(int id);
    const Child* child(int id) const;
    double now() const;

    Scenario m_scenario;
    Recording m_recording;
    std::unique_ptr<ipc::OwnedSegment> m_segment;
    std::unique_ptr<Sampler> m_sampler;
    std::vector<Child> m_children;
    State m_state = State::Idle;
    QTimer m_healthTimer;
    QTimer m_stopGraceTimer;
    bool m_stopWhenStuck = false;
    int m_samplingRateHz = 1000;
    int m_producersLaunched = 0;
    int m_eventWaitersLaunched = 0;
    int m_pipeEndsLaunched = 0;
    QHash<int, int> m_pipeFds; // worker id -> its end of the pipe, until launched
    std::unique_ptr<QTemporaryDir> m_socketDir;
    quint32 m_refusedReleasesReported = 0;
    quint32 m_acceptedReleasesReported = 0;
    bool m_deadlockReported = false;
    double m_killHolderAt = -1; // session seconds; -1: nothing to kill
    bool m_freezeAsked = false;
    quint64 m_lastProgress = 0;
    QElapsedTimer m_sinceProgress;
    QList<int> m_reportedDeadHolders;
    QList<int> m_reportedStuck;
    bool m_everyoneBlockedForGood = false; // no progress for kStuckAfterMs, all blocked
    ItemTotals m_finalPut, m_finalGot;
    double m_finishedAt = -1;
};

} // namespace ipcscope
