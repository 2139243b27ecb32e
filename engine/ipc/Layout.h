#pragma once
// The shared-memory contract between the GUI (engine) and ipcscope-worker.
//
// One fixed, trivially laid-out struct (Segment) is placement-constructed by
// the parent in a shared_memory_object + mapped_region before any worker
// starts. Workers only map it: they never allocate in it and never call a
// segment manager's find(), because Boost 1.74's segment-manager lock is not
// robust (a worker killed inside it would wedge everyone).
//
// Every field that more than one process touches without a lock is a
// lock-free std::atomic (address-free on the platforms we build for), so the
// sampler can read without ever taking an interprocess lock.
#include "EventRing.h"

#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/interprocess_semaphore.hpp>

#include <atomic>
#include <cstdint>

namespace ipcscope::ipc {

constexpr uint64_t kMagic = 0x3150435343504931ull; // "1IPCSCP1" little-endian
// Bump whenever any struct below changes shape or meaning.
constexpr uint32_t kLayoutVersion = 1;

constexpr int kMaxWorkers = 256;
constexpr int kMaxLocks = 4;
constexpr int kMaxQueueCapacity = 65536;

static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared atomics must be lock-free");
static_assert(std::atomic<int64_t>::is_always_lock_free, "shared atomics must be lock-free");

enum class RunState : uint32_t {
    Starting = 0, // workers attach and report ready, then wait for Running
    Running = 1,
    Paused = 2,
    Stopping = 3,
};

enum class Role : uint32_t {
    None = 0,
    Incrementer = 1,
    Producer = 2,
    Consumer = 3,
};

// What a worker is doing right now. Written by the worker (and by the parent
// once the worker is gone); the views colour by it.
enum class WorkerState : uint32_t {
    Starting = 0,
    Ready = 1,       // attached, waiting for the run to begin
    Working = 2,     // between operations (including the produce/consume delay)
    WaitingLock = 3, // blocked acquiring a guard lock
    HoldingLock = 4, // inside the critical section
    BlockedPut = 5,  // queue full: waiting for a free slot
    BlockedGet = 6,  // queue empty: waiting for an item
    Paused = 7,
    Exited = 8,  // left its loop normally
    Stopped = 9, // left because the session asked it to stop
    Killed = 10, // written by the parent after reaping a killed worker
    Failed = 11, // written by the parent after a non-zero exit
    Count
};

enum class EventType : uint16_t {
    State = 1,        // a = new WorkerState, b = previous
    LockAcquired = 2, // object = lock index, a = wait in ns
    LockReleased = 3, // object = lock index, a = hold in ns
    CounterRead = 4,  // a = value read
    CounterWrite = 5, // a = value written, b = value read before
    ItemPut = 6,      // a = item key, b = depth after the put
    ItemGot = 7,      // a = item key, b = depth after the get
    SentinelPut = 8,  // a = sentinel number
    SentinelGot = 9,
};

// A queue item's identity: producer id + 1 in the top 16 bits, sequence in
// the low 48. 0 means "slot never written", kSentinelKey means "stop".
constexpr uint64_t kSentinelKey = ~0ull;
constexpr uint64_t itemKey(uint32_t producerId, uint64_t seq) noexcept
{
    return (uint64_t(producerId + 1) << 48) | (seq & 0xFFFF'FFFF'FFFFull);
}
constexpr bool itemKeyValid(uint64_t key) noexcept { return key != 0 && key != kSentinelKey; }
constexpr uint32_t itemProducer(uint64_t key) noexcept { return uint32_t(key >> 48) - 1; }
constexpr uint64_t itemSeq(uint64_t key) noexcept { return key & 0xFFFF'FFFF'FFFFull; }

struct SegmentHeader
{
    uint64_t magic;
    uint32_t layoutVersion;
    uint32_t segmentSize; // sizeof(Segment) as the creator built it
    uint64_t token;
    int32_t creatorPid;
    uint32_t creatorUid;
};

// Written by the parent, read by every worker on every iteration.
struct ControlBlock
{
    std::atomic<uint32_t> runState;
    std::atomic<uint32_t> lockEnabled[kMaxLocks]; // 1 = workers take that lock
    std::atomic<uint32_t> produceDelayUs;
    std::atomic<uint32_t> consumeDelayUs;
    std::atomic<uint32_t> thinkUs; // gap between reading and writing a shared value
    std::atomic<uint64_t> startNs; // CLOCK_MONOTONIC when the run began
};

// A guard lock: a real interprocess_mutex plus who holds it, readable
// without touching the mutex.
struct GuardLock
{
    boost::interprocess::interprocess_mutex mutex;
    std::atomic<int32_t> holderWorker; // -1 when free
    std::atomic<int32_t> holderPid;
    std::atomic<uint64_t> holderSinceNs;
    std::atomic<uint64_t> acquisitions;
};

// The shared Value('q', 0): read, think, write; nothing atomic about the
// read-modify-write unless the guard lock is taken.
struct SharedCounter
{
    std::atomic<int64_t> value;
};

// The textbook bounded buffer: a ring of items guarded by a mutex, blocking
// on two counting semaphores (free slots / used slots). Counting semaphores
// and not interprocess_condition: Boost 1.74's condition can hang a notifier
// when a waiter is killed (glibc bug 21422).
struct BoundedQueue
{
    explicit BoundedQueue(uint32_t capacity_)
        : freeSlots(capacity_), usedSlots(0), capacity(capacity_), lockIndex(0)
    {
    }

    boost::interprocess::interprocess_semaphore freeSlots;
    boost::interprocess::interprocess_semaphore usedSlots;
    uint32_t capacity;
    uint32_t lockIndex; // which GuardLock guards the indices
    // Monotonic indices; slot = index % capacity. Read-think-write without
    // the lock, exactly like the counter, so "lock off" really loses items.
    std::atomic<uint64_t> head; // next to get
    std::atomic<uint64_t> tail; // next to put
    std::atomic<uint64_t> puts; // completed puts (gauge: depth = puts - gets)
    std::atomic<uint64_t> gets;
    std::atomic<int32_t> producersRunning; // the last producer out sends the sentinels
    std::atomic<int32_t> sentinelsToSend;  // one per consumer, as the seeds do
    std::atomic<uint64_t> items[kMaxQueueCapacity];
    std::atomic<uint64_t> itemTimeNs[kMaxQueueCapacity];
};

struct alignas(64) WorkerSlot
{
    // Written by the parent before launch.
    std::atomic<uint32_t> inUse;
    std::atomic<uint32_t> role;
    std::atomic<uint32_t> pauseRequested; // pause just this worker
    // Written by the worker.
    std::atomic<int32_t> pid;
    std::atomic<uint32_t> state;
    std::atomic<uint64_t> stateSinceNs;
    std::atomic<uint64_t> ops;       // increments done / items put / items got
    std::atomic<uint64_t> blockedNs; // total time spent waiting (lock, put, get)
    alignas(64) EventRing ring;
};

struct Segment
{
    Segment(uint64_t token, uint32_t queueCapacity);

    SegmentHeader header;
    alignas(64) ControlBlock control;
    alignas(64) GuardLock locks[kMaxLocks];
    alignas(64) SharedCounter counter;
    alignas(64) BoundedQueue queue;
    WorkerSlot workerSlots[kMaxWorkers];
};

} // namespace ipcscope::ipc
