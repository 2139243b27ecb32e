#pragma once
// Operations on the real shared primitives, as a worker performs them.
//
// Every blocking wait is a loop of short timed waits so that a blocked worker
// still notices Stopping (and a plain mutex held by a dead process does not
// keep a worker from being stopped). Boost 1.74's timed waits take a UTC
// ptime on the realtime clock, hence universal_time() deadlines.
#include "Layout.h"
#include "Probe.h"

#include <optional>

namespace ipcscope::ipc {

class WorkerContext
{
public:
    WorkerContext(Segment& segment, int slotIndex);

    Segment& segment() { return m_segment; }
    WorkerSlot& slot() { return m_slot; }
    Probe& probe() { return m_probe; }
    int slotIndex() const { return m_slotIndex; }

    bool stopRequested() const noexcept
    {
        return m_segment.control.runState.load(std::memory_order_relaxed) ==
               uint32_t(RunState::Stopping);
    }
    // Blocks while the session (or just this worker) is paused. False once
    // the session is stopping.
    bool waitWhilePaused();
    // Waits until the session leaves Starting. False if it is stopping.
    bool waitForStart();
    // Sleeps (long gaps) or spins (short ones, to keep a think gap precise);
    // false if the session started stopping meanwhile.
    bool pauseFor(uint32_t microseconds);

private:
    Segment& m_segment;
    WorkerSlot& m_slot;
    Probe m_probe;
    int m_slotIndex;
};

// Takes guard lock `index`. False if the session stopped while waiting.
// `acquiredNs`, if given, receives the time it was taken (the LockAcquired
// event's), so that the caller's next event needs no clock read of its own.
// `waitedNs`, if given, receives the wait, and the caller writes the
// LockAcquired event, riding on its own next event at *acquiredNs
// (Probe::emitWithLockEvent).
bool acquireGuard(WorkerContext& context, int index, uint64_t* acquiredNs = nullptr,
                  uint64_t* waitedNs = nullptr);
// `nowNs`: a time the caller read just before (its last event's), used as the
// release time instead of reading the clock again; 0 reads the clock.
// `heldNs`, if given, receives the hold, and the caller writes the
// LockReleased event riding on its own event at nowNs.
void releaseGuard(WorkerContext& context, int index, uint64_t nowNs = 0,
                  uint64_t* heldNs = nullptr);
// Takes guard lock `first`, waits the gap, takes `second`, adds 1 to the
// counter, releases both. Taken in opposite orders by two workers: deadlock.
bool takeLockPair(WorkerContext& context, int first, int second);

// One increment of the shared counter: read, think, write; under guard lock 0
// when its switch is on. False if the session stopped first.
bool incrementCounter(WorkerContext& context);

// Counter with shared=off: the same read, think, write on this process's own
// copy (what a plain global does after fork: the parent never sees it).
bool incrementOwnCopy(WorkerContext& context);

// One element-wise increment of the shared Array: read, think, write, under
// guard lock 0 when its switch is on.
bool incrementArrayElement(WorkerContext& context, uint32_t element);

// Semaphore.acquire() / release(); false if the session stopped first.
bool acquirePermit(WorkerContext& context);
void releasePermit(WorkerContext& context);
// One release() more than acquired: BoundedSemaphore refuses it (true
// returned: refused), a plain Semaphore accepts it and admits one more.
bool overReleasePermit(WorkerContext& context);

enum class WaitResult
{
    Released,
    TimedOut,
    Stopped
};
// Event.wait(timeout): timeoutMs 0 waits until set (or stop).
WaitResult waitForEvent(WorkerContext& context, uint32_t timeoutMs);
void setEvent(WorkerContext& context);

// Barrier.wait(): returns once all parties of this generation arrived.
bool waitAtBarrier(WorkerContext& context);

// Condition(lock) around the shared list; lock = guard lock 0, always taken.
// Producer side: with cond: items.append(key); cond.notify() / notify_all().
bool appendAndNotify(WorkerContext& context, uint64_t key);
// Consumer side: with cond: while/if not items: cond.wait(); items.pop(0).
// nullopt on stop; 0 when the list was empty after waking (the `if` bug).
std::optional<uint64_t> waitAndPop(WorkerContext& context);

// JoinableQueue.task_done() and join().
void taskDone(WorkerContext& context);
bool joinQueue(WorkerContext& context);

enum class QueueResult
{
    Done,
    FullOrEmpty,
    Stopped
};
constexpr uint32_t kWaitForever = UINT32_MAX;
// put(item, timeout) / put_nowait (timeoutMs 0); FullOrEmpty: queue.Full.
QueueResult queueTryPut(WorkerContext& context, uint64_t key, uint32_t timeoutMs);
// get(timeout) / get_nowait (timeoutMs 0); FullOrEmpty: queue.Empty.
QueueResult queueTryGet(WorkerContext& context, uint32_t timeoutMs, uint64_t* key);

// Puts one item into the bounded queue, blocking while it is full.
bool queuePut(WorkerContext& context, uint64_t key);
// Gets one item, blocking while the queue is empty; nullopt on stop.
std::optional<uint64_t> queueGet(WorkerContext& context);

} // namespace ipcscope::ipc
