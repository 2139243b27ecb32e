#include "Sampler.h"

#include "ipc/Clock.h"

#include <algorithm>
#include <ctime>

namespace ipcscope {

Sampler::Sampler(ipc::Segment& segment, Recording& recording, QObject* parent)
    : QThread(parent), m_segment(segment), m_recording(recording), m_mechanism(segment),
      m_drained(kMaxEventsPerRound)
{
    m_batch.reserve(kMaxEventsPerRound);
    setObjectName(QStringLiteral("ipcscope sampler"));
}

Sampler::~Sampler()
{
    requestStop();
    wait();
}

namespace {

uint64_t threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return ipc::nanoseconds(now);
}

} // namespace

size_t Sampler::eventsAllowedPerRound() const
{
    const double period = double(m_periodNs.load());
    const double nsPerEvent = std::max(1.0, m_nsPerEvent.load());
    const double maxShare = m_eventBudgetShare.load();
    double affordable = maxShare * period / nsPerEvent;
    // Clearly beyond reach (twice what the full budget takes: a margin, as
    // the cost per event grows when rings are drained in part, see
    // RaceAnalyzer::kMaxLateness): see kOverloadBudgetShare.
    if (m_eventsOffered.load() > 2 * affordable)
        affordable = std::min(maxShare, kOverloadBudgetShare) * period / nsPerEvent;
    return std::clamp(size_t(affordable), kMinEventsPerRound, kMaxEventsPerRound);
}

// Appends up to `most` of the ring's oldest events to m_drained as one run.
size_t Sampler::drainRing(int id, size_t most)
{
    ipc::EventRing& ring = m_segment.workerSlots[id].ring;
    const size_t begin = m_runs.empty() ? 0 : m_runs.back().end;
    size_t drained = 0;
    if (m_drained.size() >= begin + most) {
        drained = ring.drain(m_drained.data() + begin, most);
    } else { // the final round takes whole rings: grow by what they held, not by their size
        m_wholeRing.resize(std::max(m_wholeRing.size(), most));
        drained = ring.drain(m_wholeRing.data(), most);
        m_drained.resize(begin);
        m_drained.insert(m_drained.end(), m_wholeRing.begin(),
                         m_wholeRing.begin() + qsizetype(drained));
    }
    if (drained > 0)
        m_runs.push_back({uint32_t(begin), uint32_t(begin + drained), id});
    return drained;
}

// Each ring's run is in time order already (a worker stamps its events as it
// writes them; a run that is not gets sorted): a k-way merge through a small
// heap of the runs' next events makes the batch, converting each event once.
// Ties go to the lower worker id, then to the run drained first (a worker's
// second run of a round follows its first): the order a stable sort by time
// of the rings in worker order would give, whichever ring was drained first.
void Sampler::mergeRunsByTime(uint64_t startNs)
{
    const auto earlier = [](const ipc::EventRecord& x, const ipc::EventRecord& y) {
        return x.timeNs < y.timeNs;
    };
    const auto before = [](const RunHead& x, const RunHead& y) {
        if (x.timeNs != y.timeNs)
            return x.timeNs < y.timeNs;
        return x.worker != y.worker ? x.worker < y.worker : x.run < y.run;
    };
    m_batch.clear();
    m_heads.clear();
    for (uint32_t r = 0; r < uint32_t(m_runs.size()); ++r) {
        const Run& run = m_runs[r];
        const auto first = m_drained.begin() + run.begin;
        const auto last = m_drained.begin() + run.end;
        if (!std::is_sorted(first, last, earlier))
            std::stable_sort(first, last, earlier);
        m_heads.push_back({first->timeNs, run.worker, r});
    }
    const auto siftDown = [this, &before](size_t at) {
        const size_t count = m_heads.size();
        const RunHead moving = m_heads[at];
        for (size_t child = 2 * at + 1; child < count; child = 2 * at + 1) {
            if (child + 1 < count && before(m_heads[child + 1], m_heads[child]))
                ++child;
            if (!before(m_heads[child], moving))
                break;
            m_heads[at] = m_heads[child];
            at = child;
        }
        m_heads[at] = moving;
    };
    for (size_t at = m_heads.size() / 2; at-- > 0;)
        siftDown(at);
    while (!m_heads.empty()) {
        RunHead& top = m_heads.front();
        Run& run = m_runs[top.run];
        const ipc::EventRecord& record = m_drained[run.begin];
        const double time = ipc::secondsAfter(startNs, record.timeNs);
        const uint16_t riding = record.type & (ipc::kRidesLockAcquired | ipc::kRidesLockReleased);
        if (riding == 0) {
            m_batch.push_back(
                {time, run.worker, ipc::EventType(record.type), record.object, record.a, record.b});
        } else { // one record, two events (Layout.h)
            const RecordedEvent lockEvent{
                time,
                run.worker,
                riding == ipc::kRidesLockAcquired ? ipc::EventType::LockAcquired
                                                  : ipc::EventType::LockReleased,
                quint16((record.type & ipc::kRidingLockBits) >> ipc::kRidingLockShift),
                qint64(record.reserved),
                0};
            if (riding == ipc::kRidesLockAcquired)
                m_batch.push_back(lockEvent);
            m_batch.push_back({time, run.worker, ipc::EventType(record.type & ipc::kMainEventMask),
                               record.object, record.a, record.b});
            if (riding == ipc::kRidesLockReleased)
                m_batch.push_back(lockEvent);
        }
        if (++run.begin < run.end) {
            top.timeNs = m_drained[run.begin].timeNs;
        } else {
            top = m_heads.back();
            m_heads.pop_back();
            if (m_heads.empty())
                break;
        }
        siftDown(0);
    }
}

double Sampler::secondsSinceStart(uint64_t ns) const
{
    return ipc::secondsAfter(m_segment.control.startNs.load(std::memory_order_relaxed), ns);
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
    // Which slots are in use: every slot's flag costs a page walk (a slot is
    // 2 MiB), so all of them are read only every kSlotScanRounds rounds (and
    // in the final one). A slot in use stays in use for the session: a worker
    // added meanwhile is seen a few milliseconds late, its events wait in
    // its ring.
    if (final || m_samplesTaken.load() % kSlotScanRounds == 0) {
        m_knownSlots.clear();
        for (int id = 0; id < ipc::kMaxWorkers; ++id)
            if (m_segment.workerSlots[id].inUse.load(std::memory_order_acquire) != 0)
                m_knownSlots.push_back(id);
    }
    qint64 incremented = 0;
    m_slotsInUse.clear();
    for (const int id : m_knownSlots) {
        ipc::WorkerSlot& slot = m_segment.workerSlots[id];
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
    sample.secondLockHolder = m_segment.locks[1].holderWorker.load(std::memory_order_relaxed);

    m_counters.clear();
    uint64_t offered = 0;
    for (const auto& [id, ops] : m_slotsInUse) {
        const ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        const uint64_t dropped = slot.ring.dropped.load(std::memory_order_relaxed);
        m_counters.push_back({id, ops, slot.blockedNs.load(std::memory_order_relaxed), dropped});
        // head and dropped share a cache line: reading both costs one miss.
        const uint64_t total = slot.ring.head.load(std::memory_order_relaxed) + dropped;
        offered += total - m_offeredBefore[size_t(id)];
        m_offeredBefore[size_t(id)] = total;
    }
    m_recording.setWorkerCounters(m_counters);
    // Per period of wall time, not per round: a round that wakes late is
    // followed by rounds back to back, which find little each.
    if (m_lastRoundNs != 0 && now > m_lastRoundNs) {
        const double perPeriod =
            double(offered) * double(m_periodNs.load()) / double(now - m_lastRoundNs);
        const double average = m_eventsOffered.load(std::memory_order_relaxed);
        const double weight = std::min(1.0, double(now - m_lastRoundNs) / kOfferedAveragedOverNs);
        m_eventsOffered.store(average + (perPeriod - average) * weight, std::memory_order_relaxed);
    }
    m_lastRoundNs = now;

    // A round takes what its budget allows (eventsAllowedPerRound), shared
    // among the workers: workers making events faster than that fill their
    // rings, and the overflow is dropped and counted, while the gauges keep
    // their rate. When the allowance runs out before every ring had its
    // share, the next round begins with the rings left out. The final round
    // takes everything.
    // The thread's CPU clock is a system call (1.6 us on this VM, twice a
    // round): every 4th round's cost is plenty for an average.
    const bool measured = !final && m_samplesTaken.load() % 4 == 0;
    const uint64_t cpuBefore = measured ? threadCpuNs() : 0;
    const size_t allowed = final ? SIZE_MAX : eventsAllowedPerRound();
    const size_t rings = m_slotsInUse.size();
    const size_t share = final
                             ? size_t(ipc::kRingCapacity)
                             : std::max(kMinEventsPerWorker, allowed / std::max<size_t>(1, rings));
    m_runs.clear();
    m_fullShare.clear();
    size_t taken = 0;
    size_t served = 0;
    for (; served < rings && taken < allowed; ++served) {
        const int id = m_slotsInUse[(m_firstRing + served) % rings].first;
        const size_t drained = drainRing(id, std::min(share, allowed - taken));
        taken += drained;
        if (drained == share)
            m_fullShare.push_back(id);
    }
    m_firstRing = rings > 0 ? (m_firstRing + served) % rings : 0;
    // What the quiet workers left of the round goes to the busy ones: one busy
    // worker among 64 idle ones must not be held to a 64th of the round.
    for (const int id : m_fullShare) {
        if (final || taken >= allowed)
            break;
        taken += drainRing(id, allowed - taken);
    }
    mergeRunsByTime(m_segment.control.startNs.load(std::memory_order_relaxed));
    for (const RecordedEvent& event : m_batch) {
        m_races.feed(event);
        m_audit.feed(event);
        m_mechanism.feed(event);
    }
    m_recording.appendEvents(m_batch.data(), qsizetype(m_batch.size()));
    // What the round's events cost, for the next round's allowance. Few
    // events say more about the round's fixed costs than about events.
    if (measured && taken >= kMinEventsPerRound / 4) {
        const double nsPerEvent = double(threadCpuNs() - cpuBefore) / double(taken);
        const double average = m_nsPerEvent.load(std::memory_order_relaxed);
        m_nsPerEvent.store(average + (nsPerEvent - average) / 4, std::memory_order_relaxed);
    }
    m_audit.observeDepth(sample.queueDepth);
    m_mechanism.observe(&sample, m_knownSlots);

    // A full ring drops events, State events included: then the slot's own
    // state word (read after draining) is the truth the timeline follows.
    m_statesNow.clear();
    for (const auto& [id, ops] : m_slotsInUse) { // a worker that came since: next round
        const ipc::WorkerSlot& slot = m_segment.workerSlots[id];
        if (slot.inUse.load(std::memory_order_relaxed) == 0 ||
            slot.ring.dropped.load(std::memory_order_relaxed) == 0)
            continue;
        const auto state = ipc::WorkerState(slot.state.load(std::memory_order_acquire));
        m_statesNow.push_back(
            {id, state, secondsSinceStart(slot.stateSinceNs.load(std::memory_order_relaxed))});
    }
    if (!m_statesNow.empty())
        m_recording.syncWorkerStates(m_statesNow);
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
    if (final) // the items between head and tail, as the queue holds them now
        m_segment.queue.forEachQueued([&](uint64_t key) { stillQueued.insert(key); });
    m_recording.setDeliveryFigures(m_audit.figures(final, stillQueued));
    // A few JSON objects: every 50th sample is plenty for a live display.
    if (final || m_samplesTaken.load() % 50 == 0)
        m_recording.setMechanismFigures(m_mechanism.figures(m_kind));
    m_samplesTaken.fetch_add(1);
}

} // namespace ipcscope
