#pragma once
// The single owner of everything a session observed. The Sampler thread
// appends; the GUI thread and the exporters read copies of what is new since
// their last look. Guarded by a QMutex held only for short copies: this is a
// lock inside the GUI process, never an interprocess one.
#include "ipc/Layout.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <QVector>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace ipcscope {

// One reading of the gauges, taken by the Sampler every period.
struct Sample
{
    double time; // seconds since the run began
    qint32 queueDepth;
    qint64 counterActual;
    qint64 counterExpected; // sum of every incrementer's own count of increments
    qint64 produced;
    qint64 consumed;
    qint32 lockHolder; // worker id holding lock 0, -1 if free
    // Worker id holding lock 1, -1 if free: the queue's get lock (lock 0 is
    // its put lock, as Python's Queue has _wlock and _rlock), the deadlock's B.
    qint32 secondLockHolder = -1;
    // Gauges of the synchronisation scenarios (0 where the scenario has none).
    qint32 semaphoreInside;
    qint32 eventWaiting;
    qint32 eventSet;
    qint32 barrierArrived;
    qint32 barrierGeneration;
    qint32 messagesInFlight; // pipe/socket/manager: sent, not yet received
};

// What a worker did between two moments (end < 0 while it still does it).
struct StateInterval
{
    double start;
    double end;
    ipc::WorkerState state;
};

struct WorkerRecord
{
    int id = -1; // slot index
    ipc::Role role = ipc::Role::None;
    qint64 pid = 0;
    double launchedAt = 0;
    QString exit; // "" while running, then "ok", "stopped", "killed" or "error"
    double exitedAt = -1;
    QString errorText; // the worker's own words on stderr, when it failed
    quint64 ops = 0;
    quint64 blockedNs = 0;
    quint64 eventsDropped = 0;
    // Oldest first. On long sessions the oldest are folded into fewer, longer
    // intervals (the state that lasted longest in each group): the first
    // coarseIntervals are such folds, and intervalsFolded counts the
    // positions they gave up (see Recording::intervalsFrom).
    QVector<StateInterval> intervals;
    qsizetype coarseIntervals = 0;
    qsizetype intervalsFolded = 0;
};

struct RecordedEvent
{
    double time;
    qint32 worker;
    ipc::EventType type;
    quint16 object;
    qint64 a;
    qint64 b;
};

// Two workers' read-modify-write windows on the counter overlapped: both read
// before either wrote, so one of the two increments can be lost.
struct RaceOverlap
{
    double time; // when the second window closed
    qint32 firstWorker;
    qint32 secondWorker;
    qint64 firstRead;
    qint64 secondRead;
};

// Queue items added up by the workers themselves (WorkerSlot::itemCount and
// key sums, Primitives.cpp countItem): exact even when the rings overflowed
// and the event-based audit saw only part of the run.
struct ItemTotals
{
    quint64 count = 0;
    quint64 keySum = 0;   // modulo 2^64
    quint64 keySumSq = 0; // modulo 2^64
    void add(quint64 key)
    {
        ++count;
        keySum += key;
        keySumSq += key * key;
    }
    ItemTotals& operator+=(const ItemTotals& other)
    {
        count += other.count;
        keySum += other.keySum;
        keySumSq += other.keySumSq;
        return *this;
    }
    bool operator==(const ItemTotals&) const = default;
};

struct DeliveryFigures
{
    quint64 produced = 0;
    quint64 consumed = 0;
    quint64 lost = 0;        // produced, never consumed (final only)
    quint64 duplicated = 0;  // consumed more than once
    quint64 phantom = 0;     // consumed a slot nobody wrote (lock off damage)
    quint64 leftInQueue = 0; // still in the queue when the run was stopped (final only)
    bool final = false;      // the verdict after the run ended: `lost` is known
    qint64 maxDepth = 0;
    QVector<quint64> lostPerProducer;
    QVector<quint64> duplicatedPerProducer;
    // The workers' own count, set when the run has ended (`counted`): items
    // put, items got, and the items still in the queue then.
    bool counted = false;
    ItemTotals put, got, left;
    // Every item put was got exactly once or is still in the queue: the same
    // count and the same keys (as far as two sums of them tell).
    bool everyItemOnce() const
    {
        ItemTotals accounted = got;
        accounted += left;
        return counted && accounted == put;
    }
};

// How long processes waited for one lock (or a semaphore's permits), over
// every acquisition of the session (computed by the Sampler, never capped).
struct ContentionFigures
{
    quint64 acquisitions = 0;
    double totalWaitNs = 0;
    qint64 maxWaitNs = 0;
    void add(qint64 waitNs)
    {
        ++acquisitions;
        totalWaitNs += double(std::max<qint64>(0, waitNs));
        maxWaitNs = std::max(maxWaitNs, waitNs);
    }
    double meanWaitMs() const
    {
        return acquisitions ? totalWaitNs / double(acquisitions) / 1e6 : 0;
    }
};

struct CounterFigures
{
    qint64 expected = 0;
    qint64 actual = 0;
    qint64 lostUpdates = 0;
    quint64 overlappingWindows = 0;
};

// A worker's counters as its slot says (the Sampler reads them every round).
struct WorkerCounters
{
    int id;
    quint64 ops;
    quint64 blockedNs;
    quint64 dropped;
};

// A worker's state as its slot says, and since when (seconds since the run began).
struct WorkerStateNow
{
    int id;
    ipc::WorkerState state;
    double since;
};

struct RecordingData;

class Recording
{
public:
    // Caps keep memory bounded on long sessions; what is not kept is counted.
    static constexpr qsizetype kMaxEvents = 4'000'000;
    static constexpr qsizetype kMaxOverlapsKept = 100'000;
    // Samples and state intervals are decimated instead: the newest are kept
    // whole (5 to 10 minutes of samples at 1 kHz; a share of kIntervalBudget
    // per worker), the older ones folded group by group (min and max queue
    // depth per group of samples; the two longest states per group of
    // intervals), and the folds folded again when they in turn grow too many.
    // Memory stays bounded however long the session runs (about 64 MB of
    // samples, 72 MB of intervals); what a view draws of the distant past is
    // coarser, as a zoomed-out plot would draw it anyway.
    static constexpr qsizetype kFineSamples = 300'000;
    static constexpr qsizetype kMaxCoarseSamples = 200'000;
    static constexpr qsizetype kIntervalBudget = 3'000'000;
    // Whole intervals kept per worker of `workers`: between this and twice
    // this, plus at most this many folds.
    static qsizetype fineIntervalsPerWorker(qsizetype workers);

    // --- writer side (Sampler thread, Session) ---
    void addWorker(int id, ipc::Role role, qint64 pid, double launchedAt);
    void appendSample(const Sample& sample);
    void appendEvents(const QVector<RecordedEvent>& events); // time-ordered batch
    void appendEvents(const RecordedEvent* events, qsizetype count);
    void appendOverlaps(const QVector<RaceOverlap>& overlaps, quint64 totalSoFar);
    void setWorkerCounters(int id, quint64 ops, quint64 blockedNs, quint64 dropped);
    void setWorkerCounters(const std::vector<WorkerCounters>& workers); // under one lock
    // The worker's state as its slot says, for when the ring overflowed and
    // State events were lost: the timeline must not stay in a stale state.
    void syncWorkerState(int id, ipc::WorkerState state, double since);
    void syncWorkerStates(const std::vector<WorkerStateNow>& workers); // under one lock
    void setWorkerExit(int id, const QString& exit, double at, const QString& errorText = {});
    void setCounterFigures(const CounterFigures& figures);
    void setDeliveryFigures(const DeliveryFigures& figures);
    void addMessage(double time, const QString& text);
    // The scenario's own section of summary.json (see MechanismAudit).
    void setMechanismFigures(const QJsonObject& figures);

    // --- reader side (any thread) ---
    // Positions count every sample ever appended (folds keep the positions of
    // the newest samples stable). *next (if given): where the next call starts;
    // use it rather than first + size, which is wrong once old samples folded.
    qsizetype sampleCount() const;
    QVector<Sample> samplesFrom(qsizetype first, qsizetype* next = nullptr) const;
    QVector<RecordedEvent> eventsFrom(qsizetype first) const;
    // Overlaps number from 0 for the whole session; only the newest
    // kMaxOverlapsKept are kept. *next (if given): where the next call starts.
    QVector<RaceOverlap> overlapsFrom(qsizetype first, qsizetype* next = nullptr) const;
    QVector<WorkerRecord> workers() const;
    // The same without the (ever growing) interval history: only the current
    // interval is kept, so a per-frame reader copies a few bytes per worker.
    QVector<WorkerRecord> workerSummaries() const;
    // One worker's intervals from position `first` on (the last one may still
    // grow); positions and *next as for samplesFrom.
    QVector<StateInterval> intervalsFrom(int id, qsizetype first, qsizetype* next = nullptr) const;
    WorkerRecord worker(int id) const;
    CounterFigures counterFigures() const;
    DeliveryFigures deliveryFigures() const;
    QList<QPair<double, QString>> messages() const;
    QJsonObject mechanismFigures() const;
    ContentionFigures lockContention(int lock) const;
    ContentionFigures permitContention() const;
    quint64 eventsRecorded() const; // every event drained from the rings
    quint64 eventsDropped() const;  // lost in the rings (full)
    quint64 eventsNotKept() const;  // drained but past kMaxEvents
    double lastTime() const;

    // --- saved sessions (SessionFile) ---
    // Everything the Recording holds, copied under one lock; and a Recording
    // rebuilt from such a copy that answers every reader exactly as the
    // original did. Nothing is recomputed: the data are taken as they were.
    RecordingData snapshot() const;
    static std::unique_ptr<Recording> restore(RecordingData data);

private:
    WorkerRecord* findWorker(int id);        // caller holds m_mutex
    WorkerRecord* findRunningWorker(int id); // not exited yet; caller holds m_mutex
    void enterState(WorkerRecord* worker, ipc::WorkerState state, double time);
    void appendInterval(WorkerRecord* worker, const StateInterval& interval); // m_mutex held
    void foldOldSamples(); // caller holds m_mutex

    mutable QMutex m_mutex;
    QVector<Sample> m_samples; // the first m_coarseSamples are folds of older ones
    qsizetype m_coarseSamples = 0;
    qsizetype m_samplesFolded = 0; // positions given up by folding
    QVector<RecordedEvent> m_events;
    QVector<RaceOverlap> m_overlaps;
    quint64 m_overlapsTotal = 0;
    qsizetype m_overlapsLetGo = 0; // the oldest ones, no longer kept
    QVector<WorkerRecord> m_workers;
    // fineIntervalsPerWorker(m_workers.size()), kept: appendInterval runs
    // for every state change, and a division there is a measurable share.
    qsizetype m_fineIntervals = fineIntervalsPerWorker(0);
    std::vector<qsizetype> m_positionById; // findWorker's memory: id -> index in m_workers
    CounterFigures m_counter;
    DeliveryFigures m_delivery;
    QList<QPair<double, QString>> m_messages;
    QJsonObject m_mechanism;
    // Counted from every event appended, kept or not: 0..kMaxLocks-1 the
    // guard locks, kMaxLocks the semaphore's permits.
    std::array<ContentionFigures, ipc::kMaxLocks + 1> m_contention{};
    quint64 m_eventsRecorded = 0;
    quint64 m_eventsNotKept = 0;
    double m_lastTime = 0;
};

// The whole content of a Recording as plain data (see Recording::snapshot).
struct RecordingData
{
    QVector<Sample> samples;
    qsizetype coarseSamples = 0; // the first ones are folds of older samples
    qsizetype samplesFolded = 0;
    QVector<RecordedEvent> events;
    QVector<RaceOverlap> overlaps; // the kept ones, oldest first
    quint64 overlapsTotal = 0;
    qsizetype overlapsLetGo = 0;
    QVector<WorkerRecord> workers;
    CounterFigures counter;
    DeliveryFigures delivery;
    QList<QPair<double, QString>> messages;
    QJsonObject mechanism;
    std::array<ContentionFigures, ipc::kMaxLocks + 1> contention{};
    quint64 eventsRecorded = 0;
    quint64 eventsNotKept = 0;
    double lastTime = 0;
};

QString workerStateName(ipc::WorkerState state); // stable English identifier, e.g. "blocked_put"
QString roleName(ipc::Role role);                // "incrementer", "producer", ... (ipc::roleId)
QString roleLabel(ipc::Role role); // translated, for people ("producer" / "生产者")

} // namespace ipcscope
