#include "Sampler.h"

#include "ipc/Clock.h"

#include <algorithm>
#include <ctime>

namespace ipcscope {

Sampler::Sampler(ipc::Segment& segment, Recording& recording, QObject* parent)
    : QThread(parent), m_segment(segment), m_recording(recording), m_mechanism(segment),
      m_drainBuffer(ipc::kRingCapacity)
{
    setObjectName(QStringLiteral("ipcscope sampler"));
}

Sampler::~Sampler()
{
    requestStop();
    wait();
}

// Each ring's run is (nearly) in time order already: sort a run only if it is
// not, then merge the runs pairwise, O(n log runs) instead of a full sort.
// Stable throughout, so one worker's events keep their order.
void Sampler::orderBatchByTime()
{
    const auto earlier = [](const RecordedEvent& x, const RecordedEvent& y) {
        return x.time < y.time;
    };
    std::vector<qsizetype> bounds = m_runStarts;
    bounds.push_back(m_batch.size());
    for (size_t r = 0; r + 1 < bounds.size(); ++r) {
        const auto first = m_batch.begin() + bounds[r];
        const auto last = m_batch.begin() + bounds[r + 1];
        if (!std::is_sorted(first, last, earlier))
            std::stable_sort(first, last, earlier);
    }
    while (bounds.size() > 2) {
        std::vector<qsizetype> merged;
        size_t r = 0;
        for (; r + 2 < bounds.size(); r += 2) {
            std::inplace_merge(m_batch.begin() + bounds[r], m_batch.begin() + bounds[r + 1],
                               m_batch.begin() + bounds[r + 2], earlier);
            merged.push_back(bounds[r]);
        }
        for (; r < bounds.size(); ++r) // an odd run out, and the end
            merged.push_back(bounds[r]);
        bounds = std::move(merged);
    }
}

double Sampler::secondsSinceStart(uint64_t ns) const
{
    const uint64_t start = m_segment.control.startNs.load(std::memory_order_relaxed);
    return ns > start ? double(ns - start) * 1e-9 : 0.0;
}

void Sampler::run()
{
    uint64_t next = ipc::monotonicNs();
    while (!m_stop.load()) {
        sampleOnce();
        const uint64_t period = m_periodNs.load();
        next += period;
        const uint64_t now = ipc::monotonicNs();
        if (now > next + 10 * period)
            next = now; // fell far behind (suspended?): do not try to catch up in a burst
        timespec deadline{time_t(next / 1'000'000'000ull), long(next % 1'000'000'000ull)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
    }
}

void Sampler::sampleOnce(bool final)
{
    const uint64_t now = ipc::monotonicNs();
    Sample sample{};
    sample.time = secondsSinceStart(now);

    // Per-worker counters first, the counter value right after: ops only
    // grow and each increment writes before counting itself, so reading in
    // this order never shows a lost update that did not happen, and reading
    // them close together keeps the live figure close to the truth. The rings
    // are drained after the gauges (draining can take a while).
    m_batch.clear();
    qint64 incremented = 0;
    m_slotsInUse.clear();
    for (int id = 0; id < ipc::kMaxWorkers; ++id) {
        ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        if (slot.inUse.load(std::memory_order_acquire) == 0)
            continue;
        const auto role = ipc::Role(slot.role.load(std::memory_order_relaxed));
        const quint64 ops = slot.ops.load(std::memory_order_relaxed);
        if (role == ipc::Role::Incrementer || role == ipc::Role::ArrayWriter)
            incremented += qint64(ops);
        else if (role == ipc::Role::Producer || role == ipc::Role::ListProducer)
            sample.produced += qint64(ops);
        else if (role == ipc::Role::Consumer || role == ipc::Role::ListConsumer)
            sample.consumed += qint64(ops);
        m_slotsInUse.push_back({id, ops});
    }
    sample.counterExpected = incremented;
    sample.counterActual = m_segment.counter.value.load(std::memory_order_relaxed);
    // The array is the counter's element-wise sibling: its sum is "actual".
    for (uint32_t element = 0; element < m_segment.array.length; ++element)
        sample.counterActual += m_segment.array.values[element].load(std::memory_order_relaxed);
    const uint64_t puts = m_segment.queue.puts.load(std::memory_order_acquire);
    const uint64_t gets = m_segment.queue.gets.load(std::memory_order_acquire);
    sample.queueDepth = puts >= gets ? qint32(puts - gets) : 0;
    if (m_kind == QLatin1String("condition")) { // the shared list plays the queue
        const uint64_t tail = m_segment.condition.tail.load(std::memory_order_acquire);
        const uint64_t head = m_segment.condition.head.load(std::memory_order_acquire);
        sample.queueDepth = tail >= head ? qint32(tail - head) : 0;
    }
    sample.lockHolder = m_segment.locks[0].holderWorker.load(std::memory_order_relaxed);

    // A round takes at most kMaxEventsPerRound, shared among the workers: a
    // worker making events faster than that (4 M/s at 1 kHz) fills its ring
    // and the overflow is dropped and counted, while the gauges keep their
    // rate. The final round takes everything.
    const size_t share =
        final ? ipc::kRingCapacity
              : std::max<size_t>(kMinEventsPerWorker,
                                 kMaxEventsPerRound / std::max<size_t>(1, m_slotsInUse.size()));
    m_runStarts.clear();
    auto drainInto = [this](int id, size_t most) {
        const size_t drained = m_segment.workerSlots[id].ring.drain(m_drainBuffer.data(), most);
        if (drained == 0)
            return size_t(0);
        m_runStarts.push_back(m_batch.size());
        for (size_t i = 0; i < drained; ++i) {
            const ipc::EventRecord& record = m_drainBuffer[i];
            m_batch.append({secondsSinceStart(record.timeNs), id, ipc::EventType(record.type),
                            record.object, record.a, record.b});
        }
        return drained;
    };
    m_fullShare.clear();
    for (const auto& [id, ops] : m_slotsInUse) {
        ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        m_recording.setWorkerCounters(id, ops, slot.blockedNs.load(std::memory_order_relaxed),
                                      slot.ring.dropped.load(std::memory_order_relaxed));
        if (drainInto(id, share) == share)
            m_fullShare.push_back(id);
    }
    // What the quiet workers left of the round goes to the busy ones: one busy
    // worker among 64 idle ones must not be held to a 64th of the round.
    size_t left = kMaxEventsPerRound > size_t(m_batch.size())
                      ? kMaxEventsPerRound - size_t(m_batch.size())
                      : 0;
    for (const int id : m_fullShare) {
        if (left == 0 || final)
            break;
        left -= drainInto(id, left);
    }
    orderBatchByTime();
    for (const RecordedEvent& event : std::as_const(m_batch)) {
        m_races.feed(event);
        m_audit.feed(event);
        m_mechanism.feed(event);
    }
    m_audit.observeDepth(sample.queueDepth);
    m_mechanism.observe(&sample);

    m_recording.appendEvents(m_batch);
    // A full ring drops events, State events included: then the slot's own
    // state word (read after draining) is the truth the timeline follows.
    for (int id = 0; id < ipc::kMaxWorkers; ++id) {
        const ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        if (slot.inUse.load(std::memory_order_relaxed) == 0 ||
            slot.ring.dropped.load(std::memory_order_relaxed) == 0)
            continue;
        const auto state = ipc::WorkerState(slot.state.load(std::memory_order_acquire));
        m_recording.syncWorkerState(
            id, state, secondsSinceStart(slot.stateSinceNs.load(std::memory_order_relaxed)));
    }
    m_recording.appendOverlaps(m_races.takeNewOverlaps(), m_races.overlapCount());
    m_recording.appendSample(sample);
    CounterFigures counter;
    counter.expected = sample.counterExpected;
    counter.actual = sample.counterActual;
    // Unshared copies lose nothing: the parent's 0 is the lesson, not a loss.
    if (m_segment.control.counterShared.load(std::memory_order_relaxed) != 0)
        counter.lostUpdates = std::max<qint64>(0, sample.counterExpected - sample.counterActual);
    m_recording.setCounterFigures(counter);
    QSet<quint64> stillQueued;
    if (final) { // the items between head and tail, as the queue holds them now
        const ipc::BoundedQueue& queue = m_segment.queue;
        const uint64_t tail = queue.tail.load(std::memory_order_acquire);
        const uint64_t head = queue.head.load(std::memory_order_acquire);
        for (uint64_t i = head; i < tail && i - head < queue.capacity; ++i)
            stillQueued.insert(queue.items[i % queue.capacity].load(std::memory_order_relaxed));
    }
    m_recording.setDeliveryFigures(m_audit.figures(final, stillQueued));
    // A few JSON objects: every 50th sample is plenty for a live display.
    if (final || m_samplesTaken.load() % 50 == 0)
        m_recording.setMechanismFigures(m_mechanism.figures(m_kind));
    m_samplesTaken.fetch_add(1);
}

} // namespace ipcscope
