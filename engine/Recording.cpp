#include "Recording.h"

#include <QCoreApplication>

#include <QMutexLocker>

#include <optional>
#include <span>

namespace ipcscope {

namespace {

// Folds v[begin, end) group by group: `fold` reads one group and writes its
// replacement (never longer than the group) at `out`, returning the end of
// what it wrote. Closes the gap behind; returns how many elements went away.
template <typename T, typename Fold>
qsizetype foldInPlace(QVector<T>& v, qsizetype begin, qsizetype end, qsizetype group, Fold fold)
{
    T* data = v.data();
    T* out = data + begin;
    for (qsizetype g = begin; g < end; g += group)
        out = fold(data + g, data + std::min(end, g + group), out);
    const qsizetype removed = (data + end) - out;
    v.remove(out - data, removed);
    return removed;
}

// A group of samples becomes its lowest- and highest-depth samples, in time
// order: the envelope a plot of queue depth needs (min/max decimation).
Sample* keepDepthEnvelope(const Sample* begin, const Sample* end, Sample* out)
{
    const Sample* low = begin;
    const Sample* high = begin;
    for (const Sample* s = begin; s != end; ++s) {
        if (s->queueDepth < low->queueDepth)
            low = s;
        if (s->queueDepth > high->queueDepth)
            high = s;
    }
    const Sample first = *std::min(low, high);
    const Sample second = *std::max(low, high);
    *out++ = first; // copied before writing: out may point into the group
    if (low != high)
        *out++ = second;
    return out;
}

// A group of consecutive intervals becomes at most two spanning them all: the
// two states that took most of that time, each as long as it took, in the
// order they first occurred. The duty cycle survives (a lock held 40 % of the
// time still shows 40 % held), the flicker within the group does not.
StateInterval* keepTwoLongestStates(const StateInterval* begin, const StateInterval* end,
                                    StateInterval* out)
{
    std::array<double, 256> spent{};
    for (const StateInterval* i = begin; i != end; ++i)
        spent[uint8_t(i->state)] += std::max(0.0, i->end - i->start);
    ipc::WorkerState longest = begin->state;
    for (const StateInterval* i = begin; i != end; ++i)
        if (spent[uint8_t(i->state)] > spent[uint8_t(longest)])
            longest = i->state;
    std::optional<ipc::WorkerState> second;
    for (const StateInterval* i = begin; i != end; ++i)
        if (i->state != longest && (!second || spent[uint8_t(i->state)] > spent[uint8_t(*second)]))
            second = i->state;
    const double start = begin->start;
    const double stop = (end - 1)->end;
    if (!second) {
        *out = {start, stop, longest};
        return out + 1;
    }
    ipc::WorkerState firstState = longest;
    for (const StateInterval* i = begin; i != end; ++i)
        if (i->state == longest || i->state == *second) {
            firstState = i->state;
            break;
        }
    const ipc::WorkerState secondState = firstState == longest ? *second : longest;
    const double both = spent[uint8_t(longest)] + spent[uint8_t(*second)];
    const double split =
        both > 0 ? start + (stop - start) * spent[uint8_t(firstState)] / both : start;
    out[0] = {start, split, firstState};
    out[1] = {split, stop, secondState};
    return out + 2;
}

constexpr qsizetype kSamplesPerFold = 10;
constexpr qsizetype kIntervalsPerFold = 8; // and the folds again by 4: each time, at most 2 stay

} // namespace

void Recording::addWorker(int id, ipc::Role role, qint64 pid, double launchedAt)
{
    QMutexLocker locker(&m_mutex);
    WorkerRecord record;
    record.id = id;
    record.role = role;
    record.pid = pid;
    record.launchedAt = launchedAt;
    m_workers.append(record);
    m_fineIntervals = fineIntervalsPerWorker(m_workers.size());
}

WorkerRecord* Recording::findWorker(int id)
{
    // Called for every worker on every sample and for every state event: a
    // remembered position first (ids are slot indices), the walk only when it
    // is stale (a restored Recording, a worker added since).
    if (id >= 0 && id < qsizetype(m_positionById.size())) {
        const qsizetype at = m_positionById[size_t(id)];
        if (at >= 0 && at < m_workers.size() && m_workers[at].id == id)
            return &m_workers[at];
    }
    for (qsizetype at = 0; at < m_workers.size(); ++at) {
        if (m_workers[at].id != id)
            continue;
        if (id >= 0 && id < ipc::kMaxWorkers) {
            if (qsizetype(m_positionById.size()) <= id)
                m_positionById.resize(size_t(id) + 1, -1);
            m_positionById[size_t(id)] = at;
        }
        return &m_workers[at];
    }
    return nullptr;
}

void Recording::appendSample(const Sample& sample)
{
    QMutexLocker locker(&m_mutex);
    m_samples.append(sample);
    m_lastTime = std::max(m_lastTime, sample.time);
    if (m_samples.size() - m_coarseSamples >= 2 * kFineSamples)
        foldOldSamples();
}

void Recording::foldOldSamples()
{
    // The oldest half of the whole samples joins the folds; when the folds grow
    // too many they are folded again, so memory stays bounded (each fold moves
    // the newest samples down once: a few milliseconds every 5 minutes).
    qsizetype removed = foldInPlace(m_samples, m_coarseSamples, m_coarseSamples + kFineSamples,
                                    kSamplesPerFold, keepDepthEnvelope);
    m_coarseSamples += kFineSamples - removed;
    m_samplesFolded += removed;
    if (m_coarseSamples > kMaxCoarseSamples) {
        removed = foldInPlace(m_samples, 0, m_coarseSamples, 4, keepDepthEnvelope);
        m_coarseSamples -= removed;
        m_samplesFolded += removed;
    }
}

qsizetype Recording::fineIntervalsPerWorker(qsizetype workers)
{
    return std::max<qsizetype>(4096, kIntervalBudget / (3 * std::max<qsizetype>(1, workers)));
}

void Recording::appendInterval(WorkerRecord* worker, const StateInterval& interval)
{
    worker->intervals.append(interval);
    const qsizetype fine = m_fineIntervals;
    if (worker->intervals.size() - worker->coarseIntervals < 2 * fine)
        return;
    // As for samples; the newest interval (maybe still open) is never folded.
    qsizetype removed =
        foldInPlace(worker->intervals, worker->coarseIntervals, worker->coarseIntervals + fine,
                    kIntervalsPerFold, keepTwoLongestStates);
    worker->coarseIntervals += fine - removed;
    worker->intervalsFolded += removed;
    if (worker->coarseIntervals > fine) {
        removed =
            foldInPlace(worker->intervals, 0, worker->coarseIntervals, 4, keepTwoLongestStates);
        worker->coarseIntervals -= removed;
        worker->intervalsFolded += removed;
    }
}

void Recording::appendEvents(const QVector<RecordedEvent>& events)
{
    appendEvents(events.constData(), events.size());
}

void Recording::appendEvents(const RecordedEvent* events, qsizetype count)
{
    QMutexLocker locker(&m_mutex);
    m_eventsRecorded += quint64(count);
    const qsizetype kept = std::clamp<qsizetype>(kMaxEvents - m_events.size(), 0, count);
    using Position = QVector<RecordedEvent>::const_iterator;
    m_events.append(Position(events), Position(events + kept)); // one copy, not one per event
    m_eventsNotKept += quint64(count - kept);
    for (const RecordedEvent& event : std::span(events, size_t(count))) {
        if (event.type == ipc::EventType::State) {
            if (WorkerRecord* worker = findRunningWorker(event.worker))
                enterState(worker, ipc::WorkerState(event.a), event.time);
        } else if (event.type == ipc::EventType::LockAcquired ||
                   event.type == ipc::EventType::LockReleased) {
            if (event.type == ipc::EventType::LockAcquired && event.object < ipc::kMaxLocks)
                m_contention[event.object].add(event.a);
            // The worker changed state without a State event (Probe::setStateImplied).
            if (WorkerRecord* worker = findRunningWorker(event.worker))
                enterState(worker,
                           event.type == ipc::EventType::LockAcquired
                               ? ipc::WorkerState::HoldingLock
                               : ipc::WorkerState::Working,
                           event.time);
        }
        if (event.type == ipc::EventType::PermitAcquired)
            m_contention[ipc::kMaxLocks].add(event.a);
        m_lastTime = std::max(m_lastTime, event.time);
    }
}

// A worker whose exit is recorded has a closed timeline: its last events,
// drained after the parent saw it exit, must not reopen it.
WorkerRecord* Recording::findRunningWorker(int id)
{
    WorkerRecord* worker = findWorker(id);
    return worker && worker->exit.isEmpty() ? worker : nullptr;
}

void Recording::enterState(WorkerRecord* worker, ipc::WorkerState state, double time)
{
    if (!worker->intervals.isEmpty()) {
        StateInterval& last = worker->intervals.last();
        // Already there: syncWorkerState got ahead of this event after a ring
        // overflow, or a worker's exit is told twice.
        if (last.state == state)
            return;
        if (last.end < 0)
            last.end = std::max(time, last.start);
        time = std::max(time, last.start);
    }
    appendInterval(worker, {time, -1, state});
}

void Recording::syncWorkerState(int id, ipc::WorkerState state, double since)
{
    syncWorkerStates({{id, state, since}});
}

void Recording::syncWorkerStates(const std::vector<WorkerStateNow>& workers)
{
    QMutexLocker locker(&m_mutex);
    for (const WorkerStateNow& now : workers)
        if (WorkerRecord* worker = findRunningWorker(now.id))
            enterState(worker, now.state, now.since);
}

void Recording::appendOverlaps(const QVector<RaceOverlap>& overlaps, quint64 totalSoFar)
{
    QMutexLocker locker(&m_mutex);
    // Keep the newest: the view marks what happens now. Letting the oldest
    // half go at once keeps the cost per overlap constant.
    for (const RaceOverlap& overlap : overlaps) {
        if (m_overlaps.size() >= kMaxOverlapsKept) {
            const qsizetype half = m_overlaps.size() / 2;
            m_overlaps.remove(0, half);
            m_overlapsLetGo += half;
        }
        m_overlaps.append(overlap);
    }
    m_overlapsTotal = totalSoFar;
}

void Recording::setWorkerCounters(int id, quint64 ops, quint64 blockedNs, quint64 dropped)
{
    setWorkerCounters({{id, ops, blockedNs, dropped}});
}

void Recording::setWorkerCounters(const std::vector<WorkerCounters>& workers)
{
    QMutexLocker locker(&m_mutex);
    for (const WorkerCounters& counters : workers) {
        if (WorkerRecord* worker = findWorker(counters.id)) {
            worker->ops = counters.ops;
            worker->blockedNs = counters.blockedNs;
            worker->eventsDropped = counters.dropped;
        }
    }
}

void Recording::setWorkerExit(int id, const QString& exit, double at, const QString& errorText)
{
    QMutexLocker locker(&m_mutex);
    WorkerRecord* worker = findWorker(id);
    if (!worker)
        return;
    worker->exit = exit;
    worker->exitedAt = at;
    worker->errorText = errorText;
    // The worker cannot say it was killed: the parent closes its timeline.
    const auto finalState = exit == QLatin1String("killed")    ? ipc::WorkerState::Killed
                            : exit == QLatin1String("error")   ? ipc::WorkerState::Failed
                            : exit == QLatin1String("stopped") ? ipc::WorkerState::Stopped
                                                               : ipc::WorkerState::Exited;
    enterState(worker, finalState, at);
}

void Recording::setCounterFigures(const CounterFigures& figures)
{
    QMutexLocker locker(&m_mutex);
    m_counter = figures;
    m_counter.overlappingWindows = m_overlapsTotal;
}

void Recording::setDeliveryFigures(const DeliveryFigures& figures)
{
    QMutexLocker locker(&m_mutex);
    m_delivery = figures;
}

void Recording::addMessage(double time, const QString& text)
{
    QMutexLocker locker(&m_mutex);
    m_messages.append({time, text});
}

void Recording::setMechanismFigures(const QJsonObject& figures)
{
    QMutexLocker locker(&m_mutex);
    m_mechanism = figures;
}

ContentionFigures Recording::lockContention(int lock) const
{
    QMutexLocker locker(&m_mutex);
    return lock >= 0 && lock < ipc::kMaxLocks ? m_contention[size_t(lock)] : ContentionFigures();
}

ContentionFigures Recording::permitContention() const
{
    QMutexLocker locker(&m_mutex);
    return m_contention[ipc::kMaxLocks];
}

QJsonObject Recording::mechanismFigures() const
{
    QMutexLocker locker(&m_mutex);
    return m_mechanism;
}

qsizetype Recording::sampleCount() const
{
    QMutexLocker locker(&m_mutex);
    return m_samplesFolded + m_samples.size();
}

QVector<Sample> Recording::samplesFrom(qsizetype first, qsizetype* next) const
{
    QMutexLocker locker(&m_mutex);
    // A position given up by folding: from the oldest fold on.
    const qsizetype at = std::max<qsizetype>(0, first - m_samplesFolded);
    if (next)
        *next = m_samplesFolded + m_samples.size();
    return at >= m_samples.size() ? QVector<Sample>() : m_samples.mid(at);
}

QVector<RecordedEvent> Recording::eventsFrom(qsizetype first) const
{
    QMutexLocker locker(&m_mutex);
    return first >= m_events.size() ? QVector<RecordedEvent>() : m_events.mid(first);
}

QVector<RaceOverlap> Recording::overlapsFrom(qsizetype first, qsizetype* next) const
{
    QMutexLocker locker(&m_mutex);
    // `first` counts every overlap ever kept; the oldest may have been let go.
    const qsizetype end = m_overlapsLetGo + m_overlaps.size();
    if (next)
        *next = end;
    const qsizetype from = std::max(first, m_overlapsLetGo) - m_overlapsLetGo;
    return from >= m_overlaps.size() ? QVector<RaceOverlap>() : m_overlaps.mid(from);
}

QVector<WorkerRecord> Recording::workers() const
{
    QMutexLocker locker(&m_mutex);
    return m_workers;
}

QVector<WorkerRecord> Recording::workerSummaries() const
{
    QMutexLocker locker(&m_mutex);
    QVector<WorkerRecord> summaries;
    summaries.reserve(m_workers.size());
    for (const WorkerRecord& worker : m_workers) {
        WorkerRecord summary = worker;
        summary.intervals = {}; // drop the shared reference; clear() would detach a copy
        if (!worker.intervals.isEmpty())
            summary.intervals.append(worker.intervals.last());
        summaries.append(std::move(summary));
    }
    return summaries;
}

QVector<StateInterval> Recording::intervalsFrom(int id, qsizetype first, qsizetype* next) const
{
    QMutexLocker locker(&m_mutex);
    for (const WorkerRecord& worker : m_workers) {
        if (worker.id != id)
            continue;
        const qsizetype at = std::max<qsizetype>(0, first - worker.intervalsFolded);
        if (next)
            *next = worker.intervalsFolded + worker.intervals.size();
        return at >= worker.intervals.size() ? QVector<StateInterval>() : worker.intervals.mid(at);
    }
    if (next)
        *next = first;
    return {};
}

WorkerRecord Recording::worker(int id) const
{
    QMutexLocker locker(&m_mutex);
    for (const auto& worker : m_workers)
        if (worker.id == id)
            return worker;
    return {};
}

CounterFigures Recording::counterFigures() const
{
    QMutexLocker locker(&m_mutex);
    CounterFigures figures = m_counter;
    figures.overlappingWindows = m_overlapsTotal;
    return figures;
}

DeliveryFigures Recording::deliveryFigures() const
{
    QMutexLocker locker(&m_mutex);
    return m_delivery;
}

QList<QPair<double, QString>> Recording::messages() const
{
    QMutexLocker locker(&m_mutex);
    return m_messages;
}

quint64 Recording::eventsRecorded() const
{
    QMutexLocker locker(&m_mutex);
    return m_eventsRecorded;
}

quint64 Recording::eventsDropped() const
{
    QMutexLocker locker(&m_mutex);
    quint64 dropped = 0;
    for (const auto& worker : m_workers)
        dropped += worker.eventsDropped;
    return dropped;
}

quint64 Recording::eventsNotKept() const
{
    QMutexLocker locker(&m_mutex);
    return m_eventsNotKept;
}

double Recording::lastTime() const
{
    QMutexLocker locker(&m_mutex);
    return m_lastTime;
}

// --- saved sessions (SessionFile) ---

RecordingData Recording::snapshot() const
{
    QMutexLocker locker(&m_mutex);
    RecordingData data;
    data.samples = m_samples;
    data.coarseSamples = m_coarseSamples;
    data.samplesFolded = m_samplesFolded;
    data.events = m_events;
    data.overlaps = m_overlaps;
    data.overlapsTotal = m_overlapsTotal;
    data.overlapsLetGo = m_overlapsLetGo;
    data.workers = m_workers;
    data.counter = m_counter;
    data.delivery = m_delivery;
    data.messages = m_messages;
    data.mechanism = m_mechanism;
    data.contention = m_contention;
    data.eventsRecorded = m_eventsRecorded;
    data.eventsNotKept = m_eventsNotKept;
    data.lastTime = m_lastTime;
    return data;
}

std::unique_ptr<Recording> Recording::restore(RecordingData data)
{
    auto recording = std::make_unique<Recording>();
    recording->m_samples = std::move(data.samples);
    recording->m_coarseSamples = data.coarseSamples;
    recording->m_samplesFolded = data.samplesFolded;
    recording->m_events = std::move(data.events);
    recording->m_overlaps = std::move(data.overlaps);
    recording->m_overlapsTotal = data.overlapsTotal;
    recording->m_overlapsLetGo = data.overlapsLetGo;
    recording->m_workers = std::move(data.workers);
    recording->m_fineIntervals = fineIntervalsPerWorker(recording->m_workers.size());
    recording->m_counter = data.counter;
    recording->m_delivery = std::move(data.delivery);
    recording->m_messages = std::move(data.messages);
    recording->m_mechanism = std::move(data.mechanism);
    recording->m_contention = data.contention;
    recording->m_eventsRecorded = data.eventsRecorded;
    recording->m_eventsNotKept = data.eventsNotKept;
    recording->m_lastTime = data.lastTime;
    return recording;
}

QString workerStateName(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    switch (state) {
    case S::Starting:
        return QStringLiteral("starting");
    case S::Ready:
        return QStringLiteral("ready");
    case S::Working:
        return QStringLiteral("working");
    case S::WaitingLock:
        return QStringLiteral("waiting_lock");
    case S::HoldingLock:
        return QStringLiteral("holding_lock");
    case S::BlockedPut:
        return QStringLiteral("blocked_put");
    case S::BlockedGet:
        return QStringLiteral("blocked_get");
    case S::Paused:
        return QStringLiteral("paused");
    case S::Exited:
        return QStringLiteral("exited");
    case S::Stopped:
        return QStringLiteral("stopped");
    case S::Killed:
        return QStringLiteral("killed");
    case S::Failed:
        return QStringLiteral("failed");
    case S::WaitingPermit:
        return QStringLiteral("waiting_permit");
    case S::HoldingPermit:
        return QStringLiteral("holding_permit");
    case S::WaitingEvent:
        return QStringLiteral("waiting_event");
    case S::WaitingBarrier:
        return QStringLiteral("waiting_barrier");
    case S::WaitingCondition:
        return QStringLiteral("waiting_condition");
    case S::WaitingJoin:
        return QStringLiteral("waiting_join");
    case S::WaitingMessage:
        return QStringLiteral("waiting_message");
    case S::Count:
        break;
    }
    return QStringLiteral("unknown");
}

QString roleName(ipc::Role role)
{
    return QString::fromLatin1(ipc::roleId(role));
}

QString roleLabel(ipc::Role role)
{
    switch (role) {
    case ipc::Role::Incrementer:
        return QCoreApplication::translate("Role", "incrementer");
    case ipc::Role::Producer:
        return QCoreApplication::translate("Role", "producer");
    case ipc::Role::Consumer:
        return QCoreApplication::translate("Role", "consumer");
    case ipc::Role::ArrayWriter:
        return QCoreApplication::translate("Role", "array writer");
    case ipc::Role::SemaphoreUser:
        return QCoreApplication::translate("Role", "semaphore user");
    case ipc::Role::EventWaiter:
        return QCoreApplication::translate("Role", "event waiter");
    case ipc::Role::EventSetter:
        return QCoreApplication::translate("Role", "event setter");
    case ipc::Role::BarrierParty:
        return QCoreApplication::translate("Role", "barrier party");
    case ipc::Role::LockPair:
        return QCoreApplication::translate("Role", "two-lock worker");
    case ipc::Role::ListProducer:
        return QCoreApplication::translate("Role", "list producer");
    case ipc::Role::ListConsumer:
        return QCoreApplication::translate("Role", "list consumer");
    case ipc::Role::PipeEnd:
        return QCoreApplication::translate("Role", "pipe end");
    case ipc::Role::SocketServer:
        return QCoreApplication::translate("Role", "socket server");
    case ipc::Role::SocketClient:
        return QCoreApplication::translate("Role", "socket client");
    case ipc::Role::ManagerServer:
        return QCoreApplication::translate("Role", "manager server");
    case ipc::Role::ManagerClient:
        return QCoreApplication::translate("Role", "manager client");
    case ipc::Role::None:
        break;
    }
    return QCoreApplication::translate("Role", "none");
}

} // namespace ipcscope
