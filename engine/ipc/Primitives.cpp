#include "Primitives.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace ipcscope::ipc {

namespace {

// Short enough that stop is noticed promptly, long enough not to spin.
constexpr int kWaitSliceMs = 20;
constexpr uint64_t kSliceNs = uint64_t(kWaitSliceMs) * 1'000'000;
// ~1.5 µs of PAUSE (30 ns each here). Longer spins lose on virtual machines:
// a vCPU that PAUSEs for long gets descheduled by the host (pause-loop
// exiting): 2000 spins made the 1P1C queue 4x slower than 50, 200 ~20% slower.
constexpr int kSpinsBeforeBlocking = 50;

// Boost 1.74's timed waits take an absolute UTC ptime on the realtime clock.
boost::posix_time::ptime boostDeadlineAfter(uint64_t ns)
{
    return boost::posix_time::microsec_clock::universal_time() +
           boost::posix_time::microseconds(long((ns + 999) / 1000));
}

// Loops `timedWait(sliceNs)` until it succeeds, the session stops, or
// `deadlineNs` (CLOCK_MONOTONIC) passes. The worker shows `blockedState`
// (and the time) only if it really had to wait.
template <typename TryWait, typename TimedWait>
bool blockingWait(WorkerContext& context, WorkerState blockedState, TryWait tryWait,
                  TimedWait timedWait, uint64_t deadlineNs = UINT64_MAX)
{
    if (tryWait())
        return true;
    if (deadlineNs != UINT64_MAX && monotonicNs() >= deadlineNs)
        return false; // put_nowait / get_nowait: no waiting at all
    // Spin a little before sleeping: the other side is usually a few hundred
    // nanoseconds from releasing, and a futex sleep + wake-up costs microseconds.
    for (int spin = 0; spin < kSpinsBeforeBlocking; ++spin) {
        __builtin_ia32_pause();
        if (tryWait())
            return true;
    }
    Probe& probe = context.probe();
    const WorkerState before = probe.state();
    const uint64_t since = monotonicNs();
    probe.setState(blockedState);
    bool acquired = false;
    for (;;) {
        const uint64_t now = monotonicNs();
        if (now >= deadlineNs)
            break;
        const uint64_t sliceNs = std::min<uint64_t>(kSliceNs, deadlineNs - now);
        if ((acquired = timedWait(sliceNs)))
            break;
        if (context.stopRequested())
            break;
    }
    probe.addBlocked(monotonicNs() - since);
    probe.setState(before);
    return acquired;
}

// Process-shared futex (no FUTEX_PRIVATE_FLAG: the word lives in shared
// memory mapped by several processes). Sleeps while *word == expected, at most
// timeoutNs; spurious wake-ups are fine, every caller re-checks in a loop.
void futexWait(std::atomic<uint32_t>& word, uint32_t expected, uint64_t timeoutNs)
{
    static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t));
    timespec timeout{time_t(timeoutNs / 1'000'000'000ull), long(timeoutNs % 1'000'000'000ull)};
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAIT, expected, &timeout, nullptr,
            0);
}

void futexWake(std::atomic<uint32_t>& word, int howMany)
{
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAKE, howMany, nullptr, nullptr,
            0);
}

void futexWakeAll(std::atomic<uint32_t>& word)
{
    futexWake(word, INT_MAX);
}

// SharedSemaphore (Layout.h): the token count in the low bits of the futex
// word, kWakeNeeded in the top bit. A waiter about to sleep sets the bit (only
// while there is no token) and sleeps while the word is exactly kWakeNeeded; a
// post that finds the bit clears it and wakes one sleeper. So a post makes a
// syscall once per sleep, not once per item while a woken waiter is still
// getting back on a CPU (what a plain sleeper count does). A woken waiter that
// takes a token re-arms the bit for the sleepers still left, and passes the
// wake on if tokens are left too. Rare races (two posts, one wake) cost a
// sleeper at most one slice: every sleep is bounded by blockingWait's slice.
constexpr uint32_t kWakeNeeded = 0x8000'0000u;

// `tokensLeft`: how many tokens the take left (for the queue: items still
// waiting after a get), known for free from the compare-exchange.
bool semaphoreTryWait(SharedSemaphore& semaphore, uint32_t* tokensLeft = nullptr)
{
    uint32_t word = semaphore.word.load(std::memory_order_relaxed);
    while ((word & ~kWakeNeeded) > 0) {
        if (semaphore.word.compare_exchange_weak(word, word - 1, std::memory_order_acquire,
                                                 std::memory_order_relaxed)) {
            if (tokensLeft)
                *tokensLeft = (word & ~kWakeNeeded) - 1;
            return true;
        }
    }
    return false;
}

void wakeOneSleeper(SharedSemaphore& semaphore)
{
    semaphore.word.fetch_and(~kWakeNeeded, std::memory_order_relaxed);
    futexWake(semaphore.word, 1);
}

// Returns the tokens there are after the post (for the queue: items waiting).
uint32_t semaphorePost(SharedSemaphore& semaphore)
{
    const uint32_t before = semaphore.word.fetch_add(1, std::memory_order_release);
    if (before & kWakeNeeded)
        wakeOneSleeper(semaphore);
    return (before & ~kWakeNeeded) + 1;
}

// One sleep of at most sliceNs; true if it came away with a token.
bool semaphoreSleep(SharedSemaphore& semaphore, uint64_t sliceNs, uint32_t* tokensLeft = nullptr)
{
    semaphore.sleepers.fetch_add(1, std::memory_order_relaxed);
    bool took = false;
    uint32_t word = semaphore.word.load(std::memory_order_relaxed);
    for (;;) {
        if ((word & ~kWakeNeeded) > 0) {
            if (semaphore.word.compare_exchange_weak(word, word - 1, std::memory_order_acquire,
                                                     std::memory_order_relaxed)) {
                took = true;
                if (tokensLeft)
                    *tokensLeft = (word & ~kWakeNeeded) - 1;
                break;
            }
            continue;
        }
        if (!(word & kWakeNeeded) &&
            !semaphore.word.compare_exchange_weak(word, kWakeNeeded, std::memory_order_relaxed))
            continue; // a post or another sleeper came first: look again
        futexWait(semaphore.word, kWakeNeeded, sliceNs);
        took = semaphoreTryWait(semaphore, tokensLeft);
        break;
    }
    const uint32_t othersAsleep = semaphore.sleepers.fetch_sub(1, std::memory_order_relaxed) - 1;
    if (took && othersAsleep > 0 &&
        (semaphore.word.fetch_or(kWakeNeeded, std::memory_order_relaxed) & ~kWakeNeeded) > 0)
        wakeOneSleeper(semaphore); // tokens left as well: the next sleeper need not wait for a post
    return took;
}

} // namespace

WorkerContext::WorkerContext(Segment& segment, int slotIndex)
    : m_segment(segment), m_slot(segment.workerSlots[slotIndex]), m_probe(m_slot),
      m_slotIndex(slotIndex)
{
}

bool WorkerContext::waitWhilePaused()
{
    auto paused = [this] {
        return m_segment.control.runState.load(std::memory_order_relaxed) ==
                   uint32_t(RunState::Paused) ||
               m_slot.pauseRequested.load(std::memory_order_relaxed) != 0;
    };
    if (!paused())
        return !stopRequested();
    const WorkerState before = m_probe.state();
    m_probe.setState(WorkerState::Paused);
    while (paused() && !stopRequested())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m_probe.setState(before);
    return !stopRequested();
}

bool WorkerContext::waitForStart()
{
    while (m_segment.control.runState.load(std::memory_order_acquire) ==
           uint32_t(RunState::Starting))
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    return !stopRequested();
}

bool WorkerContext::pauseFor(uint32_t microseconds)
{
    if (microseconds == 0)
        return true;
    const uint64_t end = monotonicNs() + uint64_t(microseconds) * 1000;
    if (microseconds <= 200) {
        // nanosleep would overshoot a few-µs think gap by ~50 µs
        while (monotonicNs() < end) {
        }
        return true;
    }
    for (uint64_t now = monotonicNs(); now < end; now = monotonicNs()) {
        if (stopRequested())
            return false;
        const uint64_t left = end - now;
        std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<uint64_t>(left, 10'000'000)));
    }
    return true;
}

namespace {

bool robustLocks(WorkerContext& context)
{
    return context.segment().control.robustLocks.load(std::memory_order_relaxed) != 0;
}

// pthread's timed lock takes an absolute CLOCK_REALTIME deadline.
timespec realtimeDeadlineAfter(uint64_t ns)
{
    timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += time_t(ns / 1'000'000'000);
    deadline.tv_nsec += long(ns % 1'000'000'000);
    deadline.tv_sec += deadline.tv_nsec / 1'000'000'000;
    deadline.tv_nsec %= 1'000'000'000;
    return deadline;
}

// An uncontended lock is taken without reading the clock first (its wait is
// 0): clock reads are most of an uncontended operation's cost (~30 ns each on
// a VM's vDSO). `askedNs` is set only when the lock had to be waited for.
template <typename TryLock, typename TimedLock>
bool takeGuard(WorkerContext& context, TryLock tryLock, TimedLock timedLock, uint64_t& askedNs)
{
    if (tryLock())
        return true;
    askedNs = monotonicNs();
    return blockingWait(context, WorkerState::WaitingLock, tryLock, timedLock);
}

constexpr uint64_t kNotWaited = UINT64_MAX;

} // namespace

bool acquireGuard(WorkerContext& context, int index, uint64_t* acquiredNs, uint64_t* waitedNs)
{
    GuardLock& lock = context.segment().locks[index];
    uint64_t asked = kNotWaited;
    context.slot().waitingForLock.store(index, std::memory_order_relaxed);
    bool acquired = false;
    bool ownerDied = false;
    if (robustLocks(context)) {
        // EOWNERDEAD: we hold it now, but its holder died inside; the data it
        // guards may be half-written. Mark it consistent and carry on.
        auto took = [&](int result) {
            if (result == EOWNERDEAD) {
                ownerDied = true;
                pthread_mutex_consistent(&lock.robust);
                return true;
            }
            return result == 0;
        };
        acquired = takeGuard(
            context, [&] { return took(pthread_mutex_trylock(&lock.robust)); },
            [&](uint64_t sliceNs) {
                const timespec deadline = realtimeDeadlineAfter(sliceNs);
                return took(pthread_mutex_timedlock(&lock.robust, &deadline));
            },
            asked);
    } else {
        acquired = takeGuard(
            context, [&] { return lock.mutex.try_lock(); },
            [&](uint64_t sliceNs) { return lock.mutex.timed_lock(boostDeadlineAfter(sliceNs)); },
            asked);
    }
    context.slot().waitingForLock.store(-1, std::memory_order_relaxed);
    if (!acquired)
        return false;
    const uint64_t now = monotonicNs();
    if (ownerDied) {
        lock.recoveries.fetch_add(1, std::memory_order_relaxed);
        context.probe().emitAt(now, EventType::LockRecovered, uint16_t(index),
                               lock.holderWorker.load(std::memory_order_relaxed));
    }
    lock.holderWorker.store(context.slotIndex(), std::memory_order_relaxed);
    lock.holderPid.store(context.slot().pid.load(std::memory_order_relaxed),
                         std::memory_order_relaxed);
    lock.holderSinceNs.store(now, std::memory_order_relaxed);
    addAsOnlyWriter(lock.acquisitions, 1); // only the holder writes it
    context.probe().setStateImplied(WorkerState::HoldingLock, now);
    const uint64_t waited = asked == kNotWaited ? 0 : now - asked;
    if (waitedNs)
        *waitedNs = waited;
    else
        context.probe().emitAt(now, EventType::LockAcquired, uint16_t(index), int64_t(waited));
    if (acquiredNs)
        *acquiredNs = now;
    return true;
}

void releaseGuard(WorkerContext& context, int index, uint64_t nowNs, uint64_t* heldNs)
{
    GuardLock& lock = context.segment().locks[index];
    const uint64_t heldSince = lock.holderSinceNs.load(std::memory_order_relaxed);
    lock.holderWorker.store(-1, std::memory_order_relaxed);
    lock.holderPid.store(0, std::memory_order_relaxed);
    if (robustLocks(context))
        pthread_mutex_unlock(&lock.robust);
    else
        lock.mutex.unlock();
    const uint64_t now = nowNs != 0 ? nowNs : monotonicNs();
    context.probe().setStateImplied(WorkerState::Working, now);
    if (heldNs)
        *heldNs = now - heldSince;
    else
        context.probe().emitAt(now, EventType::LockReleased, uint16_t(index),
                               int64_t(now - heldSince));
}

bool takeLockPair(WorkerContext& context, int first, int second)
{
    if (!acquireGuard(context, first))
        return false;
    if (!context.pauseFor(context.segment().control.gapUs.load(std::memory_order_relaxed)) ||
        !acquireGuard(context, second)) {
        releaseGuard(context, first);
        return false;
    }
    // Both held: the work they guard (the shared counter, +1).
    auto& counter = context.segment().counter.value;
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    context.probe().addOp();
    context.probe().setState(WorkerState::HoldingLock);
    releaseGuard(context, second);
    releaseGuard(context, first);
    return true;
}

namespace {

bool lockSwitchOn(WorkerContext& context, uint32_t index)
{
    return context.segment().control.lockEnabled[index].load(std::memory_order_relaxed) != 0;
}

uint32_t thinkUs(WorkerContext& context)
{
    return context.segment().control.thinkUs.load(std::memory_order_relaxed);
}

} // namespace

bool incrementCounter(WorkerContext& context)
{
    const bool locked = lockSwitchOn(context, 0); // decided once: the switch may flip meanwhile
    uint64_t acquiredNs = 0, waitedNs = 0;
    if (locked && !acquireGuard(context, 0, &acquiredNs, &waitedNs))
        return false;
    SharedCounter& counter = context.segment().counter;
    Probe& probe = context.probe();
    const int64_t read = counter.value.load(std::memory_order_relaxed);
    // Under the lock the read follows the acquisition by a few instructions:
    // its time (one clock read fewer; no other worker can act in between),
    // and one record for both events.
    if (locked)
        probe.emitWithLockEvent(acquiredNs, EventType::CounterRead, 0, read, 0,
                                EventType::LockAcquired, 0, waitedNs);
    else
        probe.emitAt(monotonicNs(), EventType::CounterRead, 0, read);
    ControlBlock& control = context.segment().control;
    if (locked && control.freezeNextHolder.load(std::memory_order_relaxed) != 0 &&
        control.freezeNextHolder.exchange(0) != 0) {
        // Chosen to be killed mid-update, the lock held (abandoned-lock).
        control.frozenHolder.store(context.slotIndex(), std::memory_order_release);
        while (!context.stopRequested())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    context.pauseFor(thinkUs(context));
    counter.value.store(read + 1, std::memory_order_relaxed);
    const uint64_t wroteNs = monotonicNs();
    probe.addOp();
    if (locked) { // released at the write's time: the next holder's times are all later
        uint64_t heldNs = 0;
        releaseGuard(context, 0, wroteNs, &heldNs);
        probe.emitWithLockEvent(wroteNs, EventType::CounterWrite, 0, read + 1, read,
                                EventType::LockReleased, 0, heldNs);
    } else {
        probe.emitAt(wroteNs, EventType::CounterWrite, 0, read + 1, read);
    }
    return true;
}

bool incrementOwnCopy(WorkerContext& context)
{
    Probe& probe = context.probe();
    const int64_t read = context.slot().ownValue.load(std::memory_order_relaxed);
    probe.record(EventType::CounterRead, 1, read); // object 1: a private copy, not the shared value
    context.pauseFor(thinkUs(context));
    context.slot().ownValue.store(read + 1, std::memory_order_relaxed);
    probe.record(EventType::CounterWrite, 1, read + 1, read);
    probe.addOp();
    return true;
}

bool incrementArrayElement(WorkerContext& context, uint32_t element)
{
    const bool locked = lockSwitchOn(context, 0);
    uint64_t acquiredNs = 0, waitedNs = 0;
    if (locked && !acquireGuard(context, 0, &acquiredNs, &waitedNs))
        return false;
    std::atomic<int64_t>& value = context.segment().array.values[element];
    Probe& probe = context.probe();
    const int64_t read = value.load(std::memory_order_relaxed);
    if (locked) // as in incrementCounter
        probe.emitWithLockEvent(acquiredNs, EventType::ArrayRead, uint16_t(element), read, 0,
                                EventType::LockAcquired, 0, waitedNs);
    else
        probe.emitAt(monotonicNs(), EventType::ArrayRead, uint16_t(element), read);
    context.pauseFor(thinkUs(context));
    value.store(read + 1, std::memory_order_relaxed);
    const uint64_t wroteNs = monotonicNs();
    probe.addOp();
    if (locked) {
        uint64_t heldNs = 0;
        releaseGuard(context, 0, wroteNs, &heldNs);
        probe.emitWithLockEvent(wroteNs, EventType::ArrayWrite, uint16_t(element), read + 1, read,
                                EventType::LockReleased, 0, heldNs);
    } else {
        probe.emitAt(wroteNs, EventType::ArrayWrite, uint16_t(element), read + 1, read);
    }
    return true;
}

bool acquirePermit(WorkerContext& context)
{
    SemaphoreBlock& block = context.segment().semaphore;
    const uint64_t asked = monotonicNs();
    const bool acquired = blockingWait(
        context, WorkerState::WaitingPermit, [&] { return block.semaphore.try_wait(); },
        [&](uint64_t sliceNs) { return block.semaphore.timed_wait(boostDeadlineAfter(sliceNs)); });
    if (!acquired)
        return false;
    block.permitsOut.fetch_add(1, std::memory_order_relaxed);
    // The true number inside, kept by the processes themselves: the check
    // "never more than k" must not depend on sampling.
    const int32_t inside = block.inside.fetch_add(1, std::memory_order_acq_rel) + 1;
    int32_t seen = block.maxInside.load(std::memory_order_relaxed);
    while (inside > seen && !block.maxInside.compare_exchange_weak(seen, inside)) {
    }
    const uint64_t now = monotonicNs();
    context.probe().setState(WorkerState::HoldingPermit);
    context.probe().emitAt(now, EventType::PermitAcquired, 0, int64_t(now - asked), inside);
    return true;
}

void releasePermit(WorkerContext& context)
{
    SemaphoreBlock& block = context.segment().semaphore;
    const int32_t inside = block.inside.fetch_sub(1, std::memory_order_acq_rel) - 1;
    context.probe().record(EventType::PermitReleased, 0, 0, inside);
    block.permitsOut.fetch_sub(1, std::memory_order_relaxed);
    block.semaphore.post();
    context.probe().setState(WorkerState::Working);
    context.probe().addOp();
}

bool overReleasePermit(WorkerContext& context)
{
    SemaphoreBlock& block = context.segment().semaphore;
    // BoundedSemaphore.release() raises ValueError when the value would
    // exceed its initial value: here, when no permit is out.
    const bool refused = context.segment().control.boundedSemaphore.load() != 0 &&
                         block.permitsOut.load(std::memory_order_acquire) <= 0;
    if (refused) {
        block.refusedReleases.fetch_add(1, std::memory_order_relaxed);
    } else {
        block.overReleases.fetch_add(1, std::memory_order_relaxed);
        block.semaphore.post();
    }
    context.probe().record(EventType::OverRelease, 0, refused ? 1 : 0);
    return refused;
}

WaitResult waitForEvent(WorkerContext& context, uint32_t timeoutMs)
{
    EventBlock& event = context.segment().event;
    Probe& probe = context.probe();
    const uint64_t begin = monotonicNs();
    const uint64_t deadline = timeoutMs ? begin + uint64_t(timeoutMs) * 1'000'000 : UINT64_MAX;
    probe.emitAt(begin, EventType::EventWaitBegin, 0, timeoutMs);
    event.waiting.fetch_add(1, std::memory_order_relaxed);
    const WorkerState before = probe.state();
    probe.setState(WorkerState::WaitingEvent);
    WaitResult result = WaitResult::Released;
    for (;;) {
        if (event.flag.load(std::memory_order_acquire) != 0)
            break;
        const uint64_t now = monotonicNs();
        if (now >= deadline) {
            result = WaitResult::TimedOut;
            break;
        }
        if (context.stopRequested()) {
            result = WaitResult::Stopped;
            break;
        }
        futexWait(event.flag, 0, std::min(kSliceNs, deadline - now));
    }
    const uint64_t end = monotonicNs();
    event.waiting.fetch_sub(1, std::memory_order_relaxed);
    probe.addBlocked(end - begin);
    probe.setState(before);
    if (result != WaitResult::Stopped) {
        probe.emitAt(end, EventType::EventReleased, 0, int64_t(end - begin),
                     result == WaitResult::TimedOut ? 1 : 0);
        probe.addOp();
    }
    return result;
}

void setEvent(WorkerContext& context)
{
    EventBlock& event = context.segment().event;
    const uint64_t now = monotonicNs();
    // The event is emitted before the flag flips: every release is then
    // recorded after the set, as it happened.
    context.probe().emitAt(now, EventType::EventSet, 0, 0);
    event.setNs.store(now, std::memory_order_relaxed);
    event.flag.store(1, std::memory_order_release);
    futexWakeAll(event.flag);
    context.probe().addOp();
}

bool waitAtBarrier(WorkerContext& context)
{
    BarrierBlock& barrier = context.segment().barrier;
    Probe& probe = context.probe();
    const uint32_t generation = barrier.generation.load(std::memory_order_acquire);
    // Timestamp before arriving: the last arrival is then recorded before
    // anyone can pass.
    const uint64_t arrivedAt = monotonicNs();
    const uint32_t arrivals = barrier.arrived.fetch_add(1, std::memory_order_acq_rel) + 1;
    probe.emitAt(arrivedAt, EventType::BarrierArrive, 0, generation, arrivals);
    if (arrivals == barrier.parties) {
        barrier.arrived.store(0, std::memory_order_relaxed);
        barrier.generation.fetch_add(1, std::memory_order_acq_rel);
        futexWakeAll(barrier.generation);
    } else {
        const WorkerState before = probe.state();
        probe.setState(WorkerState::WaitingBarrier);
        while (barrier.generation.load(std::memory_order_acquire) == generation) {
            if (context.stopRequested()) {
                probe.addBlocked(monotonicNs() - arrivedAt);
                return false;
            }
            futexWait(barrier.generation, generation, kSliceNs);
        }
        probe.addBlocked(monotonicNs() - arrivedAt);
        probe.setState(before);
    }
    probe.record(EventType::BarrierPass, 0, generation);
    probe.addOp();
    return true;
}

bool appendAndNotify(WorkerContext& context, uint64_t key)
{
    ConditionBlock& condition = context.segment().condition;
    // A full list: wait outside the lock for the consumers to catch up (the
    // seed's list is unbounded; ours has room for kMaxListLength).
    while (condition.tail.load(std::memory_order_acquire) -
               condition.head.load(std::memory_order_acquire) >=
           uint64_t(kMaxListLength)) {
        if (!context.pauseFor(1000))
            return false;
    }
    if (!acquireGuard(context, 0))
        return false;
    const uint64_t tail = condition.tail.load(std::memory_order_relaxed);
    condition.items[tail % kMaxListLength].store(key, std::memory_order_relaxed);
    condition.tail.store(tail + 1, std::memory_order_release);
    const uint64_t length = tail + 1 - condition.head.load(std::memory_order_relaxed);
    Probe& probe = context.probe();
    probe.record(EventType::ListAppend, 0, int64_t(key), int64_t(length));
    const bool all = context.segment().control.notifyAll.load(std::memory_order_relaxed) != 0;
    condition.sequence.fetch_add(1, std::memory_order_acq_rel);
    probe.record(EventType::ConditionNotify, 0, all ? 1 : 0,
                 condition.waiting.load(std::memory_order_relaxed));
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&condition.sequence), FUTEX_WAKE,
            all ? INT_MAX : 1, nullptr, nullptr, 0);
    if (key != kSentinelKey)
        probe.addOp();
    releaseGuard(context, 0);
    return true;
}

std::optional<uint64_t> waitAndPop(WorkerContext& context)
{
    ConditionBlock& condition = context.segment().condition;
    Probe& probe = context.probe();
    auto length = [&] {
        return condition.tail.load(std::memory_order_acquire) -
               condition.head.load(std::memory_order_relaxed);
    };
    if (!acquireGuard(context, 0))
        return std::nullopt;
    const bool recheck = context.segment().control.recheckInLoop.load() != 0;
    bool waited = false;
    while (length() == 0 && (recheck || !waited)) {
        // cond.wait(): note the sequence, release the lock, sleep until a
        // notify bumps it, take the lock again. Notifies sent between the
        // release and the sleep change the word, so none is missed.
        const uint32_t sequence = condition.sequence.load(std::memory_order_acquire);
        condition.waiting.fetch_add(1, std::memory_order_relaxed);
        releaseGuard(context, 0);
        const uint64_t began = monotonicNs();
        probe.setState(WorkerState::WaitingCondition);
        while (condition.sequence.load(std::memory_order_acquire) == sequence &&
               !context.stopRequested())
            futexWait(condition.sequence, sequence, kSliceNs);
        probe.addBlocked(monotonicNs() - began);
        condition.waiting.fetch_sub(1, std::memory_order_relaxed);
        probe.setState(WorkerState::Working);
        if (context.stopRequested() || !acquireGuard(context, 0))
            return std::nullopt;
        waited = true;
        probe.record(EventType::ConditionWoken, 0, int64_t(length()));
    }
    uint64_t key = 0;
    if (length() == 0) {
        // `if` instead of `while`: another consumer took the item between the
        // notify and our waking. Python's items.pop(0) raises IndexError here.
        condition.emptyPops.fetch_add(1, std::memory_order_relaxed);
        probe.record(EventType::ListPop, 1, 0, 0);
    } else {
        const uint64_t head = condition.head.load(std::memory_order_relaxed);
        key = condition.items[head % kMaxListLength].load(std::memory_order_relaxed);
        condition.head.store(head + 1, std::memory_order_release);
        probe.record(EventType::ListPop, 0, int64_t(key), int64_t(length()));
        if (key != kSentinelKey)
            probe.addOp();
    }
    releaseGuard(context, 0);
    return key;
}

void taskDone(WorkerContext& context)
{
    BoundedQueue& queue = context.segment().queue;
    const int64_t unfinished = queue.unfinishedTasks.fetch_sub(1, std::memory_order_acq_rel) - 1;
    context.probe().record(EventType::TaskDone, 0, unfinished);
    if (unfinished == 0) {
        queue.tasksDoneSequence.fetch_add(1, std::memory_order_acq_rel);
        futexWakeAll(queue.tasksDoneSequence);
    }
}

bool joinQueue(WorkerContext& context)
{
    BoundedQueue& queue = context.segment().queue;
    Probe& probe = context.probe();
    const uint64_t began = monotonicNs();
    probe.setState(WorkerState::WaitingJoin);
    for (;;) {
        // Sequence first, count second: a task_done() in between bumps the
        // sequence, so the sleep below returns at once.
        const uint32_t sequence = queue.tasksDoneSequence.load(std::memory_order_acquire);
        const int64_t unfinished = queue.unfinishedTasks.load(std::memory_order_acquire);
        if (unfinished <= 0) {
            probe.addBlocked(monotonicNs() - began);
            probe.setState(WorkerState::Working);
            probe.record(EventType::JoinReturned, 0, unfinished);
            return true;
        }
        if (context.stopRequested())
            return false;
        futexWait(queue.tasksDoneSequence, sequence, kSliceNs);
    }
}

namespace {

uint64_t deadlineAfter(uint32_t timeoutMs)
{
    return timeoutMs == kWaitForever ? UINT64_MAX : monotonicNs() + uint64_t(timeoutMs) * 1'000'000;
}

// An item event at the time its lock was released (`lock` -1: taken
// without the lock): the release rides on it, one ring record for both.
void emitItemEvent(WorkerContext& context, uint64_t timeNs, EventType type, int64_t key,
                   int64_t depth, int lock, uint64_t heldNs)
{
    if (lock < 0)
        context.probe().emitAt(timeNs, type, 0, key, depth);
    else
        context.probe().emitWithLockEvent(timeNs, type, 0, key, depth, EventType::LockReleased,
                                          lock, heldNs);
}

// Only this worker writes its slot's totals.
void countItem(WorkerSlot& slot, uint64_t key)
{
    addAsOnlyWriter(slot.itemCount, 1);
    addAsOnlyWriter(slot.itemKeySum, key);
    addAsOnlyWriter(slot.itemKeySumSq, key * key);
}

} // namespace

QueueResult queueTryPut(WorkerContext& context, uint64_t key, uint32_t timeoutMs)
{
    BoundedQueue& queue = context.segment().queue;
    const bool acquired = blockingWait(
        context, WorkerState::BlockedPut, [&] { return semaphoreTryWait(queue.freeSlots); },
        [&](uint64_t sliceNs) { return semaphoreSleep(queue.freeSlots, sliceNs); },
        deadlineAfter(timeoutMs));
    if (!acquired)
        return context.stopRequested() ? QueueResult::Stopped : QueueResult::FullOrEmpty;
    // JoinableQueue.put() counts the task before the item is in.
    if (key != kSentinelKey && context.segment().control.joinable.load(std::memory_order_relaxed))
        queue.unfinishedTasks.fetch_add(1, std::memory_order_acq_rel);
    const bool locked = lockSwitchOn(context, queue.putLockIndex);
    if (locked && !acquireGuard(context, int(queue.putLockIndex))) {
        semaphorePost(queue.freeSlots);
        return QueueResult::Stopped;
    }
    const uint64_t tail = queue.tail.load(std::memory_order_relaxed);
    context.pauseFor(thinkUs(context));
    // One clock read for the item's time, the release and the ItemPut event:
    // taken before the item can be got, so an ItemGot is never earlier.
    const uint64_t putNs = monotonicNs();
    queue.items[tail % queue.capacity].store(key, std::memory_order_relaxed);
    queue.itemTimeNs[tail % queue.capacity].store(putNs, std::memory_order_relaxed);
    queue.tail.store(tail + 1, std::memory_order_relaxed);
    uint64_t heldNs = 0;
    if (locked)
        releaseGuard(context, int(queue.putLockIndex), putNs, &heldNs);
    // The gauge the Sampler reads (depth = puts - gets); the event's depth is
    // the used-slots count the post returns, without reading the consumers'
    // cache line on every item.
    queue.puts.fetch_add(1, std::memory_order_acq_rel);
    const int64_t depth = semaphorePost(queue.usedSlots);
    const bool sentinel = key == kSentinelKey;
    emitItemEvent(context, putNs, sentinel ? EventType::SentinelPut : EventType::ItemPut,
                  sentinel ? 0 : int64_t(key), depth, locked ? int(queue.putLockIndex) : -1,
                  heldNs);
    if (!sentinel) {
        context.probe().addOp();
        countItem(context.slot(), key);
    }
    return QueueResult::Done;
}

QueueResult queueTryGet(WorkerContext& context, uint32_t timeoutMs, uint64_t* key)
{
    BoundedQueue& queue = context.segment().queue;
    uint32_t itemsLeft = 0;
    const bool acquired = blockingWait(
        context, WorkerState::BlockedGet,
        [&] { return semaphoreTryWait(queue.usedSlots, &itemsLeft); },
        [&](uint64_t sliceNs) { return semaphoreSleep(queue.usedSlots, sliceNs, &itemsLeft); },
        deadlineAfter(timeoutMs));
    if (!acquired)
        return context.stopRequested() ? QueueResult::Stopped : QueueResult::FullOrEmpty;
    const bool locked = lockSwitchOn(context, queue.getLockIndex);
    if (locked && !acquireGuard(context, int(queue.getLockIndex))) {
        semaphorePost(queue.usedSlots);
        return QueueResult::Stopped;
    }
    const uint64_t head = queue.head.load(std::memory_order_relaxed);
    context.pauseFor(thinkUs(context));
    *key = queue.items[head % queue.capacity].load(std::memory_order_relaxed);
    queue.head.store(head + 1, std::memory_order_relaxed);
    const uint64_t gotNs = monotonicNs(); // the release's and the ItemGot's time
    uint64_t heldNs = 0;
    if (locked)
        releaseGuard(context, int(queue.getLockIndex), gotNs, &heldNs);
    queue.gets.fetch_add(1, std::memory_order_acq_rel);
    semaphorePost(queue.freeSlots);
    const bool sentinel = *key == kSentinelKey;
    emitItemEvent(context, gotNs, sentinel ? EventType::SentinelGot : EventType::ItemGot,
                  sentinel ? 0 : int64_t(*key), itemsLeft, locked ? int(queue.getLockIndex) : -1,
                  heldNs);
    if (!sentinel) {
        context.probe().addOp();
        countItem(context.slot(), *key);
    }
    return QueueResult::Done;
}

bool queuePut(WorkerContext& context, uint64_t key)
{
    return queueTryPut(context, key, kWaitForever) == QueueResult::Done;
}

std::optional<uint64_t> queueGet(WorkerContext& context)
{
    uint64_t key = 0;
    if (queueTryGet(context, kWaitForever, &key) != QueueResult::Done)
        return std::nullopt;
    return key;
}

} // namespace ipcscope::ipc
