#pragma once
// The defining figures of the synchronisation scenarios (array, semaphore,
// event, barrier, unshared counter), computed by the Sampler from the time-
// ordered events and the segment's own gauges. Each scenario gets one JSON
// section named after its kind, exported as is in summary.json.
#include "Recording.h"
#include "WaitForGraph.h"

#include <QHash>
#include <QJsonObject>
#include <QVector>

#include <span>
#include <vector>

namespace ipcscope {

class MechanismAudit
{
public:
    explicit MechanismAudit(const ipc::Segment& segment) : m_segment(segment) {}

    void feed(const RecordedEvent& event);
    // Reads the live gauges into the sample (semaphore inside, event waiting,
    // barrier arrived/generation, array sums).
    // Also watches the wait-for graph: a cycle that stays 100 ms is a deadlock.
    // slotsInUse: the workers' slot indices (the Sampler knows them).
    void observe(Sample* sample, std::span<const int> slotsInUse);
    // The section for this segment's scenario; empty for counter/queue with
    // nothing to add. `kind` is the ScenarioKind's name.
    QJsonObject figures(const QString& kind) const;

private:
    QJsonObject counterFigures() const;
    QJsonObject arrayFigures() const;
    QJsonObject semaphoreFigures() const;
    QJsonObject eventFigures() const;
    QJsonObject barrierFigures() const;
    QJsonObject deadlockFigures() const;
    QJsonObject abandonedLockFigures() const;
    QJsonObject conditionFigures() const;
    QJsonObject joinableQueueFigures() const;
    QJsonObject messagingFigures(const QString& kind) const;
    QJsonObject queueFigures() const;

    const ipc::Segment& m_segment;

    // semaphore
    quint64 m_permitAcquisitions = 0;
    double m_permitWaitTotalMs = 0;
    double m_permitWaitMaxMs = 0;
    qint64 m_maxInsideSeen = 0; // from events: a lower bound of the true maximum

    // event
    double m_eventSetAt = -1;
    struct Waiter
    {
        int worker;
        qint64 timeoutMs;
        double beganAt;
        double releasedAt = -1;
        bool timedOut = false;
    };
    QVector<Waiter> m_waiters;

    // barrier, per generation
    struct Generation
    {
        quint32 arrivals = 0;
        double lastArrival = -1;
        double firstPass = -1;
        quint32 passes = 0;
    };
    std::vector<Generation> m_generations;
    double m_barrierWaitTotalMs = 0;

    // deadlock
    QList<WaitEdge> m_candidateCycle; // seen, not yet for long enough
    double m_candidateSince = -1;
    QList<WaitEdge> m_deadlock; // confirmed
    double m_deadlockFormedAt = -1;
    double m_deadlockDetectedAt = -1;
    int m_deadlocksDetected = 0;

    // condition
    quint64 m_notifies = 0;
    quint64 m_wakeups = 0;
    quint64 m_wokenToEmpty = 0;
    quint64 m_appended = 0;
    quint64 m_popped = 0;

    // joinable queue
    quint64 m_tasksDone = 0;
    quint64 m_itemsPut = 0;
    double m_lastTaskDoneAt = -1;
    QVector<double> m_joinsReturnedAt;
    int m_joinsBeforeLastTaskDone = 0; // checked when each join returns

    // pipe / socket / manager
    QHash<int, quint64> m_sentBy;       // per worker
    QHash<int, quint64> m_receivedFrom; // per sending worker
    quint64 m_outOfOrder = 0;
    quint64 m_channelsClosed = 0;
    double m_transitTotalUs = 0;
    quint64 m_transits = 0;
    std::vector<double> m_requestLatenciesUs;

    // queue: how late each timed put/get gave up, relative to its timeout
    quint64 m_timeouts = 0;
    double m_timeoutLateTotalMs = 0;
    double m_timeoutLateMaxMs = 0;
    double m_timeoutEarlyMaxMs = 0; // must stay 0: a timeout never fires early

    // abandoned lock (robust mutex)
    QVector<QPair<double, qint64>> m_recoveries; // time, dead holder
};

} // namespace ipcscope
