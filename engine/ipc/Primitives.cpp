#include "Primitives.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <thread>
#include <unistd.h>

namespace ipcscope::ipc {

namespace {

// Short enough that stop is noticed promptly, long enough not to spin.
constexpr int kWaitSliceMs = 20;
constexpr int kSpinsBeforeBlocking = 200;

boost::posix_time::ptime sliceDeadline()
{
    return boost::posix_time::microsec_clock::universal_time() +
           boost::posix_time::milliseconds(kWaitSliceMs);
}

// Loops `timedWait(deadline)` until it succeeds or the session stops. The
// worker shows `blockedState` (and the time) only if it really had to wait.
template <typename TryWait, typename TimedWait>
bool blockingWait(WorkerContext& context, WorkerState blockedState, TryWait tryWait,
                  TimedWait timedWait)
{
    if (tryWait())
        return true;
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
    while (!(acquired = timedWait(sliceDeadline()))) {
        if (context.stopRequested())
            break;
    }
    probe.addBlocked(monotonicNs() - since);
    probe.setState(before);
    return acquired;
}

} // namespace

WorkerContext::WorkerContext(Segment& segment, int slotIndex)
    : m_segment(segment), m_slot(segment.workerSlots[slotIndex]), m_probe(m_slot), m_slotIndex(slotIndex)
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

bool acquireGuard(WorkerContext& context, int index)
{
    GuardLock& lock = context.segment().locks[index];
    const uint64_t asked = monotonicNs();
    const bool acquired = blockingWait(
        context, WorkerState::WaitingLock, [&] { return lock.mutex.try_lock(); },
        [&](const boost::posix_time::ptime& deadline) { return lock.mutex.timed_lock(deadline); });
    if (!acquired)
        return false;
    const uint64_t now = monotonicNs();
    lock.holderWorker.store(context.slotIndex(), std::memory_order_relaxed);
    lock.holderPid.store(context.slot().pid.load(std::memory_order_relaxed),
                         std::memory_order_relaxed);
    lock.holderSinceNs.store(now, std::memory_order_relaxed);
    lock.acquisitions.fetch_add(1, std::memory_order_relaxed);
    context.probe().setState(WorkerState::HoldingLock);
    context.probe().emitAt(now, EventType::LockAcquired, uint16_t(index), int64_t(now - asked));
    return true;
}

void releaseGuard(WorkerContext& context, int index)
{
    GuardLock& lock = context.segment().locks[index];
    const uint64_t heldSince = lock.holderSinceNs.load(std::memory_order_relaxed);
    lock.holderWorker.store(-1, std::memory_order_relaxed);
    lock.holderPid.store(0, std::memory_order_relaxed);
    lock.mutex.unlock();
    const uint64_t now = monotonicNs();
    context.probe().setState(WorkerState::Working);
    context.probe().emitAt(now, EventType::LockReleased, uint16_t(index), int64_t(now - heldSince));
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
    if (locked && !acquireGuard(context, 0))
        return false;
    SharedCounter& counter = context.segment().counter;
    Probe& probe = context.probe();
    const int64_t read = counter.value.load(std::memory_order_relaxed);
    probe.emit(EventType::CounterRead, 0, read);
    context.pauseFor(thinkUs(context));
    counter.value.store(read + 1, std::memory_order_relaxed);
    probe.emit(EventType::CounterWrite, 0, read + 1, read);
    probe.addOp();
    if (locked)
        releaseGuard(context, 0);
    return true;
}

bool queuePut(WorkerContext& context, uint64_t key)
{
    BoundedQueue& queue = context.segment().queue;
    const bool acquired = blockingWait(
        context, WorkerState::BlockedPut, [&] { return queue.freeSlots.try_wait(); },
        [&](const boost::posix_time::ptime& deadline) {
            return queue.freeSlots.timed_wait(deadline);
        });
    if (!acquired)
        return false;
    const bool locked = lockSwitchOn(context, queue.lockIndex);
    if (locked && !acquireGuard(context, int(queue.lockIndex))) {
        queue.freeSlots.post();
        return false;
    }
    const uint64_t tail = queue.tail.load(std::memory_order_relaxed);
    context.pauseFor(thinkUs(context));
    queue.items[tail % queue.capacity].store(key, std::memory_order_relaxed);
    queue.itemTimeNs[tail % queue.capacity].store(monotonicNs(), std::memory_order_relaxed);
    queue.tail.store(tail + 1, std::memory_order_relaxed);
    if (locked)
        releaseGuard(context, int(queue.lockIndex));
    // puts before gets: a depth read this way never exceeds the true depth
    const uint64_t puts = queue.puts.fetch_add(1, std::memory_order_acq_rel) + 1;
    const uint64_t gets = queue.gets.load(std::memory_order_acquire);
    queue.usedSlots.post();
    Probe& probe = context.probe();
    if (key == kSentinelKey) {
        probe.emit(EventType::SentinelPut, 0, 0, int64_t(puts - gets));
    } else {
        probe.emit(EventType::ItemPut, 0, int64_t(key), int64_t(puts - gets));
        probe.addOp();
    }
    return true;
}

std::optional<uint64_t> queueGet(WorkerContext& context)
{
    BoundedQueue& queue = context.segment().queue;
    const bool acquired = blockingWait(
        context, WorkerState::BlockedGet, [&] { return queue.usedSlots.try_wait(); },
        [&](const boost::posix_time::ptime& deadline) {
            return queue.usedSlots.timed_wait(deadline);
        });
    if (!acquired)
        return std::nullopt;
    const bool locked = lockSwitchOn(context, queue.lockIndex);
    if (locked && !acquireGuard(context, int(queue.lockIndex))) {
        queue.usedSlots.post();
        return std::nullopt;
    }
    const uint64_t head = queue.head.load(std::memory_order_relaxed);
    context.pauseFor(thinkUs(context));
    const uint64_t key = queue.items[head % queue.capacity].load(std::memory_order_relaxed);
    queue.head.store(head + 1, std::memory_order_relaxed);
    if (locked)
        releaseGuard(context, int(queue.lockIndex));
    const uint64_t puts = queue.puts.load(std::memory_order_acquire);
    const uint64_t gets = queue.gets.fetch_add(1, std::memory_order_acq_rel) + 1;
    queue.freeSlots.post();
    const int64_t depth = puts >= gets ? int64_t(puts - gets) : 0;
    Probe& probe = context.probe();
    if (key == kSentinelKey) {
        probe.emit(EventType::SentinelGot, 0, 0, depth);
    } else {
        probe.emit(EventType::ItemGot, 0, int64_t(key), depth);
        probe.addOp();
    }
    return key;
}

} // namespace ipcscope::ipc
