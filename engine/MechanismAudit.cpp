#include "MechanismAudit.h"

#include <QJsonArray>

#include <algorithm>

namespace ipcscope {

namespace {

// Writes of `writer` (who starts at element `writer % length` and goes round)
// that landed on `element` after `ops` writes.
qint64 writesTo(int writer, quint64 ops, int element, int length)
{
    const int first = writer % length;
    const int offset = (element - first + length) % length;
    return qint64(ops / quint64(length)) + (quint64(offset) < ops % quint64(length) ? 1 : 0);
}

} // namespace

void MechanismAudit::feed(const RecordedEvent& event)
{
    using E = ipc::EventType;
    switch (event.type) {
    case E::PermitAcquired: {
        ++m_permitAcquisitions;
        const double waitMs = double(event.a) * 1e-6;
        m_permitWaitTotalMs += waitMs;
        m_permitWaitMaxMs = std::max(m_permitWaitMaxMs, waitMs);
        m_maxInsideSeen = std::max(m_maxInsideSeen, event.b);
        break;
    }
    case E::EventWaitBegin:
        m_waiters.append({event.worker, event.a, event.time});
        break;
    case E::EventReleased:
        for (Waiter& waiter : m_waiters)
            if (waiter.worker == event.worker && waiter.releasedAt < 0) {
                waiter.releasedAt = event.time;
                waiter.timedOut = event.b != 0;
            }
        break;
    case E::EventSet:
        if (m_eventSetAt < 0)
            m_eventSetAt = event.time;
        break;
    case E::BarrierArrive: {
        const auto generation = size_t(event.a);
        if (generation >= m_generations.size())
            m_generations.resize(generation + 1);
        Generation& g = m_generations[generation];
        ++g.arrivals;
        g.lastArrival = std::max(g.lastArrival, event.time);
        break;
    }
    case E::BarrierPass: {
        const auto generation = size_t(event.a);
        if (generation >= m_generations.size())
            m_generations.resize(generation + 1);
        Generation& g = m_generations[generation];
        ++g.passes;
        if (g.firstPass < 0 || event.time < g.firstPass)
            g.firstPass = event.time;
        break;
    }
    case E::ConditionNotify:
        ++m_notifies;
        break;
    case E::ConditionWoken:
        ++m_wakeups;
        if (event.a == 0)
            ++m_wokenToEmpty;
        break;
    case E::ListAppend:
        if (quint64(event.a) != ipc::kSentinelKey)
            ++m_appended;
        break;
    case E::ListPop:
        if (event.object == 0 && quint64(event.a) != ipc::kSentinelKey)
            ++m_popped;
        break;
    case E::TaskDone:
        ++m_tasksDone;
        m_lastTaskDoneAt = std::max(m_lastTaskDoneAt, event.time);
        break;
    case E::ItemPut:
        ++m_itemsPut;
        break;
    case E::JoinReturned:
        m_joinsReturnedAt.append(event.time);
        // Every task_done() happens before the join() it releases, so by now
        // (time order) there must be one per item put.
        if (m_tasksDone < m_itemsPut)
            ++m_joinsBeforeLastTaskDone;
        break;
    case E::MessageSent:
        ++m_sentBy[event.worker];
        break;
    case E::MessageReceived:
        ++m_receivedFrom[event.object];
        m_transitTotalUs += double(event.b) * 1e-3;
        ++m_transits;
        break;
    case E::OutOfOrder:
        ++m_outOfOrder;
        break;
    case E::ChannelClosed:
        ++m_channelsClosed;
        break;
    case E::ManagerRequest:
        m_requestLatenciesUs.push_back(double(event.a) * 1e-3);
        break;
    case E::QueueFull:
    case E::QueueEmpty:
        if (event.b > 0) { // a timed call (nowait ones have timeout 0)
            const double lateMs = double(event.a) * 1e-6 - double(event.b);
            ++m_timeouts;
            m_timeoutLateTotalMs += std::max(0.0, lateMs);
            m_timeoutLateMaxMs = std::max(m_timeoutLateMaxMs, lateMs);
            m_timeoutEarlyMaxMs = std::max(m_timeoutEarlyMaxMs, -lateMs);
        }
        break;
    case E::LockRecovered:
        m_recoveries.append({event.time, event.a});
        break;
    default:
        break;
    }
}

namespace {

bool sameCycle(const QList<WaitEdge>& x, const QList<WaitEdge>& y)
{
    if (x.size() != y.size())
        return false;
    QList<int> a, b;
    for (const WaitEdge& edge : x)
        a.append(edge.worker);
    for (const WaitEdge& edge : y)
        b.append(edge.worker);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

// The gauges are read one by one, not as a snapshot: a cycle must persist
// this long before it is called a deadlock (a real one never dissolves).
constexpr double kDeadlockConfirmS = 0.1;

} // namespace

void MechanismAudit::observe(Sample* sample, std::span<const int> slotsInUse)
{
    if (m_deadlock.isEmpty()) {
        const QList<WaitEdge> cycle = findWaitCycle(waitForEdges(m_segment, slotsInUse));
        if (cycle.isEmpty()) {
            m_candidateCycle.clear();
        } else if (!sameCycle(cycle, m_candidateCycle)) {
            m_candidateCycle = cycle;
            m_candidateSince = sample->time;
        } else if (sample->time - m_candidateSince >= kDeadlockConfirmS) {
            m_deadlock = cycle;
            m_deadlockFormedAt = m_candidateSince;
            m_deadlockDetectedAt = sample->time;
            ++m_deadlocksDetected;
        }
    }
    sample->semaphoreInside = m_segment.semaphore.inside.load(std::memory_order_relaxed);
    sample->eventWaiting = m_segment.event.waiting.load(std::memory_order_relaxed);
    sample->eventSet = qint32(m_segment.event.flag.load(std::memory_order_relaxed));
    sample->barrierArrived = qint32(m_segment.barrier.arrived.load(std::memory_order_relaxed));
    sample->barrierGeneration =
        qint32(m_segment.barrier.generation.load(std::memory_order_relaxed));
    sample->messagesInFlight = qint32(
        std::max<int64_t>(0, m_segment.messaging.sent.load(std::memory_order_relaxed) -
                                 m_segment.messaging.received.load(std::memory_order_relaxed)));
}

QJsonObject MechanismAudit::figures(const QString& kind) const
{
    if (kind == QLatin1String("counter"))
        return counterFigures();
    if (kind == QLatin1String("array"))
        return arrayFigures();
    if (kind == QLatin1String("semaphore"))
        return semaphoreFigures();
    if (kind == QLatin1String("event"))
        return eventFigures();
    if (kind == QLatin1String("barrier"))
        return barrierFigures();
    if (kind == QLatin1String("deadlock"))
        return deadlockFigures();
    if (kind == QLatin1String("abandoned-lock"))
        return abandonedLockFigures();
    if (kind == QLatin1String("condition"))
        return conditionFigures();
    if (kind == QLatin1String("queue"))
        return queueFigures();
    if (kind == QLatin1String("joinable-queue"))
        return joinableQueueFigures();
    if (kind == QLatin1String("pipe") || kind == QLatin1String("socket") ||
        kind == QLatin1String("manager"))
        return messagingFigures(kind);
    return {};
}

QJsonObject MechanismAudit::counterFigures() const
{
    const bool shared = m_segment.control.counterShared.load() != 0;
    QJsonObject figures{{QStringLiteral("shared"), shared}};
    if (shared)
        return figures;
    QJsonArray ownValues;
    for (const ipc::WorkerSlot& slot : m_segment.workerSlots)
        if (slot.inUse.load() && ipc::Role(slot.role.load()) == ipc::Role::Incrementer)
            ownValues.append(double(slot.ownValue.load(std::memory_order_relaxed)));
    figures[QStringLiteral("parent_value")] = double(m_segment.counter.value.load());
    figures[QStringLiteral("own_values")] = ownValues;
    return figures;
}

QJsonObject MechanismAudit::arrayFigures() const
{
    const int length = int(m_segment.array.length);
    if (length <= 0)
        return {};
    // Each writer counts its own writes *after* making them; reading the
    // counts first and the array after never shows a loss that did not happen.
    std::vector<qint64> expected(size_t(length), 0);
    for (int id = 0; id < ipc::kMaxWorkers; ++id) {
        const ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        if (!slot.inUse.load() || ipc::Role(slot.role.load()) != ipc::Role::ArrayWriter)
            continue;
        const quint64 ops = slot.ops.load(std::memory_order_acquire);
        for (int element = 0; element < length; ++element)
            expected[size_t(element)] += writesTo(id, ops, element, length);
    }
    QJsonArray expectedJson, actualJson;
    qint64 expectedSum = 0, actualSum = 0;
    bool exact = true;
    for (int element = 0; element < length; ++element) {
        const qint64 actual = m_segment.array.values[element].load(std::memory_order_relaxed);
        expectedJson.append(double(expected[size_t(element)]));
        actualJson.append(double(actual));
        expectedSum += expected[size_t(element)];
        actualSum += actual;
        exact = exact && actual == expected[size_t(element)];
    }
    return {{QStringLiteral("length"), length},
            {QStringLiteral("expected"), expectedJson},
            {QStringLiteral("actual"), actualJson},
            {QStringLiteral("lost_writes"), double(std::max<qint64>(0, expectedSum - actualSum))},
            {QStringLiteral("exact"), exact}};
}

QJsonObject MechanismAudit::semaphoreFigures() const
{
    const ipc::SemaphoreBlock& block = m_segment.semaphore;
    return {
        {QStringLiteral("permits"), double(block.permits)},
        {QStringLiteral("bounded"), m_segment.control.boundedSemaphore.load() != 0},
        {QStringLiteral("max_inside"), double(block.maxInside.load())},
        {QStringLiteral("acquisitions"), double(m_permitAcquisitions)},
        {QStringLiteral("mean_wait_ms"),
         m_permitAcquisitions ? m_permitWaitTotalMs / double(m_permitAcquisitions) : 0.0},
        {QStringLiteral("max_wait_ms"), m_permitWaitMaxMs},
        {QStringLiteral("over_releases_accepted"), double(block.overReleases.load())},
        {QStringLiteral("over_releases_refused"), double(block.refusedReleases.load())},
    };
}

QJsonObject MechanismAudit::eventFigures() const
{
    QJsonArray waiters;
    int releasedBySet = 0, timedOut = 0, releasedBeforeSet = 0;
    for (const Waiter& waiter : m_waiters) {
        QJsonObject w{{QStringLiteral("worker"), waiter.worker},
                      {QStringLiteral("timeout_ms"), double(waiter.timeoutMs)},
                      {QStringLiteral("began_at_s"), waiter.beganAt}};
        if (waiter.releasedAt >= 0) {
            w[QStringLiteral("released_at_s")] = waiter.releasedAt;
            w[QStringLiteral("timed_out")] = waiter.timedOut;
            if (waiter.timedOut)
                ++timedOut;
            else if (m_eventSetAt < 0 || waiter.releasedAt < m_eventSetAt)
                ++releasedBeforeSet; // must never happen: wait() returned True without set()
            else
                ++releasedBySet;
        }
        waiters.append(w);
    }
    QJsonObject figures{{QStringLiteral("set"), m_eventSetAt >= 0},
                        {QStringLiteral("released_by_set"), releasedBySet},
                        {QStringLiteral("timed_out"), timedOut},
                        {QStringLiteral("released_before_set"), releasedBeforeSet},
                        {QStringLiteral("waiters"), waiters}};
    if (m_eventSetAt >= 0)
        figures[QStringLiteral("set_at_s")] = m_eventSetAt;
    return figures;
}

QJsonObject MechanismAudit::barrierFigures() const
{
    const quint32 parties = m_segment.barrier.parties;
    int completed = 0, passedEarly = 0;
    double waitSpreadTotalMs = 0;
    for (const Generation& g : m_generations) {
        if (g.arrivals < parties)
            continue;
        ++completed;
        if (g.firstPass >= 0 && g.firstPass < g.lastArrival)
            ++passedEarly; // must never happen: someone passed before the last arrival
        if (g.firstPass >= 0)
            waitSpreadTotalMs += (g.firstPass - g.lastArrival) * 1e3;
    }
    return {{QStringLiteral("parties"), double(parties)},
            {QStringLiteral("generations"), completed},
            {QStringLiteral("passes_before_last_arrival"), passedEarly},
            {QStringLiteral("mean_release_latency_ms"),
             completed ? waitSpreadTotalMs / completed : 0.0}};
}

} // namespace ipcscope

namespace ipcscope {

QJsonObject MechanismAudit::deadlockFigures() const
{
    // Who waits for whom right now: the window draws this graph.
    QJsonArray waits;
    for (const WaitEdge& edge : waitForEdges(m_segment))
        waits.append(QJsonObject{{QStringLiteral("worker"), edge.worker},
                                 {QStringLiteral("waits_for_lock"), edge.lock},
                                 {QStringLiteral("held_by"), edge.holder}});
    QJsonObject figures{{QStringLiteral("cycles"), m_deadlocksDetected},
                        {QStringLiteral("waits"), waits}};
    if (m_deadlock.isEmpty())
        return figures;
    QJsonArray cycle;
    for (const WaitEdge& edge : m_deadlock)
        cycle.append(QJsonObject{{QStringLiteral("worker"), edge.worker},
                                 {QStringLiteral("waits_for_lock"), edge.lock},
                                 {QStringLiteral("held_by"), edge.holder}});
    figures[QStringLiteral("cycle")] = cycle;
    figures[QStringLiteral("formed_at_s")] = m_deadlockFormedAt;
    figures[QStringLiteral("detected_at_s")] = m_deadlockDetectedAt;
    return figures;
}

QJsonObject MechanismAudit::abandonedLockFigures() const
{
    QJsonArray recoveries;
    for (const auto& [time, deadHolder] : m_recoveries)
        recoveries.append(QJsonObject{{QStringLiteral("at_s"), time},
                                      {QStringLiteral("dead_holder"), double(deadHolder)}});
    return {{QStringLiteral("robust"), m_segment.control.robustLocks.load() != 0},
            {QStringLiteral("recoveries"), recoveries},
            {QStringLiteral("lock_holder"), m_segment.locks[0].holderWorker.load()}};
}

QJsonObject MechanismAudit::conditionFigures() const
{
    return {{QStringLiteral("appended"), double(m_appended)},
            {QStringLiteral("popped"), double(m_popped)},
            {QStringLiteral("notifies"), double(m_notifies)},
            {QStringLiteral("wakeups"), double(m_wakeups)},
            {QStringLiteral("woken_to_empty_list"), double(m_wokenToEmpty)},
            // consumers that went on without the condition holding (must be 0 with `while`)
            {QStringLiteral("proceeded_without_item"),
             double(m_segment.condition.emptyPops.load(std::memory_order_relaxed))}};
}

QJsonObject MechanismAudit::joinableQueueFigures() const
{
    QJsonArray returned;
    for (double at : m_joinsReturnedAt)
        returned.append(at);
    QJsonObject figures{{QStringLiteral("tasks_done"), double(m_tasksDone)},
                        {QStringLiteral("joins_returned_at_s"), returned},
                        {QStringLiteral("joins_before_last_task_done"), m_joinsBeforeLastTaskDone},
                        {QStringLiteral("unfinished_tasks"),
                         double(m_segment.queue.unfinishedTasks.load(std::memory_order_relaxed))}};
    if (m_lastTaskDoneAt >= 0)
        figures[QStringLiteral("last_task_done_at_s")] = m_lastTaskDoneAt;
    return figures;
}

QJsonObject MechanismAudit::messagingFigures(const QString& kind) const
{
    auto perWorker = [](const QHash<int, quint64>& counts) {
        QJsonObject object;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            object[QString::number(it.key())] = double(it.value());
        return object;
    };
    quint64 sent = 0, received = 0;
    for (quint64 n : m_sentBy)
        sent += n;
    for (quint64 n : m_receivedFrom)
        received += n;
    QJsonObject figures{{QStringLiteral("sent"), double(sent)},
                        {QStringLiteral("received"), double(received)},
                        {QStringLiteral("sent_by"), perWorker(m_sentBy)},
                        {QStringLiteral("received_from"), perWorker(m_receivedFrom)},
                        {QStringLiteral("out_of_order"), double(m_outOfOrder)},
                        {QStringLiteral("closes_seen"), double(m_channelsClosed)},
                        {QStringLiteral("mean_transit_us"),
                         m_transits ? m_transitTotalUs / double(m_transits) : 0.0}};
    if (kind != QLatin1String("manager"))
        return figures;

    const auto& messaging = m_segment.messaging;
    const int clients = int(m_segment.control.expectedClients.load());
    const qint64 rounds = m_segment.control.messagesPerWorker.load();
    QJsonObject dict;
    bool dictExact = true;
    for (int key = 0; key < ipc::kMaxManagerKeys; ++key) {
        if (messaging.managerKeyPresent[key].load(std::memory_order_relaxed))
            dict[QString::number(key)] = double(messaging.managerDict[key].load());
    }
    // Client i (worker 1..clients) ends with d[i] = rounds - 1.
    for (int client = 1; client <= clients; ++client)
        dictExact =
            dictExact && dict.value(QString::number(client)).toDouble(-1) == double(rounds - 1);
    const qint64 listLength = messaging.managerListLength.load();
    std::vector<double> latencies = m_requestLatenciesUs;
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) {
        return latencies.empty() ? 0.0 : latencies[size_t(p * double(latencies.size() - 1))];
    };
    double total = 0;
    for (double l : latencies)
        total += l;
    figures[QStringLiteral("requests")] = double(messaging.managerRequests.load());
    figures[QStringLiteral("dict")] = dict;
    figures[QStringLiteral("list_length")] = double(listLength);
    figures[QStringLiteral("dict_exact")] = dictExact;
    figures[QStringLiteral("list_exact")] = listLength == qint64(clients) * rounds;
    figures[QStringLiteral("latency_us")] = QJsonObject{
        {QStringLiteral("count"), double(latencies.size())},
        {QStringLiteral("mean"), latencies.empty() ? 0.0 : total / double(latencies.size())},
        {QStringLiteral("p50"), percentile(0.5)},
        {QStringLiteral("p95"), percentile(0.95)},
        {QStringLiteral("max"), latencies.empty() ? 0.0 : latencies.back()}};
    return figures;
}

QJsonObject MechanismAudit::queueFigures() const
{
    const ipc::BoundedQueue& queue = m_segment.queue;
    return {{QStringLiteral("full_raised"), double(queue.fullRaised.load())},
            {QStringLiteral("empty_raised"), double(queue.emptyRaised.load())},
            {QStringLiteral("stale_answers"), double(queue.staleAnswers.load())},
            {QStringLiteral("timeouts"),
             QJsonObject{{QStringLiteral("count"), double(m_timeouts)},
                         {QStringLiteral("mean_late_ms"),
                          m_timeouts ? m_timeoutLateTotalMs / double(m_timeouts) : 0.0},
                         {QStringLiteral("max_late_ms"), m_timeoutLateMaxMs},
                         {QStringLiteral("max_early_ms"), m_timeoutEarlyMaxMs}}}};
}

} // namespace ipcscope
