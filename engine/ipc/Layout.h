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
#include <pthread.h>

namespace ipcscope::ipc {

constexpr uint64_t kMagic = 0x3150435343504931ull; // "1IPCSCP1" little-endian
// Bump whenever any struct below changes shape or meaning.
constexpr uint32_t kLayoutVersion = 5;

constexpr int kMaxWorkers = 256;
constexpr int kMaxLocks = 4;
constexpr int kMaxQueueCapacity = 65536;
constexpr int kMaxArrayLength = 64;

static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared atomics must be lock-free");
static_assert(std::atomic<int64_t>::is_always_lock_free, "shared atomics must be lock-free");

enum class RunState : uint32_t
{
    Starting = 0, // workers attach and report ready, then wait for Running
    Running = 1,
    Paused = 2,
    Stopping = 3,
};

enum class Role : uint32_t
{
    None = 0,
    Incrementer = 1,
    Producer = 2,
    Consumer = 3,
    ArrayWriter = 4,    // Array('q', n): element-wise read, think, write
    SemaphoreUser = 5,  // enters a section guarded by Semaphore(k)
    EventWaiter = 6,    // Event.wait() (with or without a timeout)
    EventSetter = 7,    // Event.set() after a while
    BarrierParty = 8,   // Barrier(n).wait() once per round
    LockPair = 9,       // takes two locks, in its own order (deadlock)
    ListProducer = 10,  // with cond: items.append(x); cond.notify()
    ListConsumer = 11,  // with cond: while not items: cond.wait(); items.pop(0)
    PipeEnd = 12,       // one end of a duplex Pipe() (a socketpair)
    SocketServer = 13,  // listens on a Unix-domain socket and on TCP 127.0.0.1
    SocketClient = 14,  // connects to it, sends numbered messages, closes
    ManagerServer = 15, // owns a dict and a list, serves requests (SyncManager)
    ManagerClient = 16, // changes them through requests, measures the latency
};

// The role's name on the worker's command line and in exported data.
constexpr const char* roleId(Role role) noexcept
{
    switch (role) {
    case Role::Incrementer:
        return "incrementer";
    case Role::Producer:
        return "producer";
    case Role::Consumer:
        return "consumer";
    case Role::ArrayWriter:
        return "array-writer";
    case Role::SemaphoreUser:
        return "semaphore-user";
    case Role::EventWaiter:
        return "event-waiter";
    case Role::EventSetter:
        return "event-setter";
    case Role::BarrierParty:
        return "barrier-party";
    case Role::LockPair:
        return "lock-pair";
    case Role::ListProducer:
        return "list-producer";
    case Role::ListConsumer:
        return "list-consumer";
    case Role::PipeEnd:
        return "pipe-end";
    case Role::SocketServer:
        return "socket-server";
    case Role::SocketClient:
        return "socket-client";
    case Role::ManagerServer:
        return "manager-server";
    case Role::ManagerClient:
        return "manager-client";
    case Role::None:
        break;
    }
    return "none";
}
constexpr Role kAllRoles[] = {
    Role::Incrementer,   Role::Producer,     Role::Consumer,      Role::ArrayWriter,
    Role::SemaphoreUser, Role::EventWaiter,  Role::EventSetter,   Role::BarrierParty,
    Role::LockPair,      Role::ListProducer, Role::ListConsumer,  Role::PipeEnd,
    Role::SocketServer,  Role::SocketClient, Role::ManagerServer, Role::ManagerClient};

// What a worker is doing right now. Written by the worker (and by the parent
// once the worker is gone); the views colour by it.
enum class WorkerState : uint32_t
{
    Starting = 0,
    Ready = 1,       // attached, waiting for the run to begin
    Working = 2,     // between operations (including the produce/consume delay)
    WaitingLock = 3, // blocked acquiring a guard lock
    HoldingLock = 4, // inside the critical section
    BlockedPut = 5,  // queue full: waiting for a free slot
    BlockedGet = 6,  // queue empty: waiting for an item
    Paused = 7,
    Exited = 8,            // left its loop normally
    Stopped = 9,           // left because the session asked it to stop
    Killed = 10,           // written by the parent after reaping a killed worker
    Failed = 11,           // written by the parent after a non-zero exit
    WaitingPermit = 12,    // Semaphore.acquire() blocked: no permit left
    HoldingPermit = 13,    // inside the section a Semaphore guards
    WaitingEvent = 14,     // Event.wait()
    WaitingBarrier = 15,   // Barrier.wait(): arrived, the others have not
    WaitingCondition = 16, // Condition.wait(): lock released, asleep until notified
    WaitingJoin = 17,      // JoinableQueue.join(): until every item is task_done()
    WaitingMessage = 18,   // blocked in recv() / accept() / a manager reply
    Count
};

enum class EventType : uint16_t
{
    State = 1,        // a = new WorkerState, b = previous
    LockAcquired = 2, // object = lock index, a = wait in ns
    LockReleased = 3, // object = lock index, a = hold in ns
    CounterRead = 4,  // a = value read
    CounterWrite = 5, // a = value written, b = value read before
    ItemPut = 6,      // a = item key, b = items waiting after the put (used slots)
    ItemGot = 7,      // a = item key, b = items waiting after the get (used slots)
    SentinelPut = 8,  // a = sentinel number
    SentinelGot = 9,
    ArrayRead = 10,      // object = element, a = value read
    ArrayWrite = 11,     // object = element, a = value written, b = value read before
    PermitAcquired = 12, // a = wait in ns, b = processes inside after entering
    PermitReleased = 13, // b = processes inside after leaving
    OverRelease = 14,    // a = 1 refused (BoundedSemaphore: ValueError), 0 accepted
    EventWaitBegin = 15, // a = timeout in ms (0: none)
    EventReleased = 16,  // a = waited ns, b = 1 if the wait timed out
    EventSet = 17,
    BarrierArrive = 18, // a = generation, b = arrivals in it so far (this one included)
    BarrierPass = 19,   // a = generation
    LockRecovered = 20, // object = lock, a = the dead holder's worker id (robust mutex: EOWNERDEAD)
    ConditionNotify = 21, // a = 1 for notify_all, b = waiters at that moment
    ConditionWoken = 22,  // a = list length seen on waking (with the lock held again)
    ListAppend = 23,      // a = item key, b = length after
    ListPop = 24,  // a = item key (0 if none), b = length after; object 1 = popped an empty list
    TaskDone = 25, // a = unfinished tasks after
    JoinReturned = 26,    // a = unfinished tasks seen (0)
    MessageSent = 27,     // object = peer worker, a = sequence number
    MessageReceived = 28, // object = sender worker, a = sequence number, b = transit ns
    ChannelClosed = 29,   // object = peer worker: end of file seen (the peer closed)
    OutOfOrder = 30,      // object = sender worker, a = expected sequence, b = received
    ManagerRequest =
        31,           // object = operation (0 dict set, 1 list append), a = round trip ns, b = seq
    QueueFull = 32,   // put(timeout)/put_nowait raised Full; a = waited ns, b = timeout ms
    QueueEmpty = 33,  // get(timeout)/get_nowait raised Empty; a = waited ns, b = timeout ms
    StaleAnswer = 34, // object 0: empty() said no but get_nowait() found none; 1: full() said no
                      // but put_nowait() found no room
};

// A ring record can carry a lock event that happened at the moment of its
// main event: the lock acquired just before it (LockAcquired, a = wait) or
// released just after it (LockReleased, a = hold), the lock's `a` in
// EventRecord::reserved. One record instead of two on the hot paths (a queue
// item, a locked increment): the ring's stores are most of what observing
// costs there. Only the Sampler sees such records; it writes the two events
// out (Sampler::mergeRunsByTime). The low byte of `type` is the main event.
constexpr uint16_t kMainEventMask = 0x00FF;
constexpr uint16_t kRidesLockAcquired = 0x8000; // the lock event comes first
constexpr uint16_t kRidesLockReleased = 0x4000; // the lock event comes last
constexpr uint16_t kRidingLockBits = 0x3000;    // the lock's index
constexpr int kRidingLockShift = 12;
static_assert(kMaxLocks <= 4);

// A queue item's identity: producer id + 1 in the top 16 bits, sequence in
// the low 48. 0 means "slot never written", kSentinelKey means "stop".
constexpr uint64_t kSentinelKey = ~0ull;
constexpr uint64_t itemKey(uint32_t producerId, uint64_t seq) noexcept
{
    return (uint64_t(producerId + 1) << 48) | (seq & 0xFFFF'FFFF'FFFFull);
}
constexpr bool itemKeyValid(uint64_t key) noexcept
{
    return key != 0 && key != kSentinelKey;
}
constexpr uint32_t itemProducer(uint64_t key) noexcept
{
    return uint32_t(key >> 48) - 1;
}
constexpr uint64_t itemSeq(uint64_t key) noexcept
{
    return key & 0xFFFF'FFFF'FFFFull;
}

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
    // Per-scenario parameters, written before any worker starts.
    std::atomic<uint32_t> counterShared;     // 0: each incrementer works on its own copy
    std::atomic<uint32_t> holdUs;            // time spent inside a semaphore's section
    std::atomic<uint32_t> workUs;            // work before each barrier arrival
    std::atomic<uint32_t> setAfterMs;        // when the event setter calls set()
    std::atomic<uint32_t> boundedSemaphore;  // 1: BoundedSemaphore refuses an over-release
    std::atomic<uint32_t> overRelease;       // 1: the last worker out releases once too often
    std::atomic<uint32_t> robustLocks;       // 1: guard locks are robust mutexes
    std::atomic<uint32_t> oppositeOrder;     // deadlock: odd workers take lock 1 first
    std::atomic<uint32_t> gapUs;             // deadlock: time between the first and second lock
    std::atomic<uint32_t> notifyAll;         // condition: notify_all() instead of notify()
    std::atomic<uint32_t> recheckInLoop;     // condition: while (1) or if (0) around wait()
    std::atomic<uint32_t> joinable;          // queue: JoinableQueue (task_done/join, daemons)
    std::atomic<uint32_t> messagesPerWorker; // pipe/socket/manager: messages or request rounds
    std::atomic<uint32_t> sendGapUs;         // pipe/socket/manager: pause between sends
    std::atomic<uint32_t> expectedClients;   // socket/manager server: connections to serve
    std::atomic<uint32_t> putTimeoutMs;      // queue: put(timeout); 0 = block without timeout
    std::atomic<uint32_t> getTimeoutMs;      // queue: get(timeout); 0 = block without timeout
    std::atomic<uint32_t> noWait;            // queue: put_nowait()/get_nowait()
    std::atomic<uint32_t> checkFirst; // queue: ask empty()/full() first, then act on the answer
    // abandoned-lock: the next incrementer to read the counter under the lock
    // stays there (frozenHolder = its id) until it is killed, so the kill
    // lands inside the critical section for sure.
    std::atomic<uint32_t> freezeNextHolder;
    std::atomic<int32_t> frozenHolder;
};

// A guard lock: a real interprocess_mutex plus who holds it, readable
// without touching the mutex.
struct alignas(64) GuardLock
{
    GuardLock();

    // The lock and who holds it on one cache line: a holder writes both.
    boost::interprocess::interprocess_mutex mutex;
    std::atomic<int32_t> holderWorker; // -1 when free
    std::atomic<int32_t> holderPid;
    std::atomic<uint64_t> holderSinceNs;
    std::atomic<uint64_t> acquisitions;
    // The same lock made robust (pthread, process-shared, PTHREAD_MUTEX_ROBUST),
    // used instead of `mutex` when ControlBlock::robustLocks is on: when its
    // holder dies the next locker gets EOWNERDEAD and can repair it. Boost
    // 1.74 has no robust mutex, hence pthread directly.
    pthread_mutex_t robust;
    std::atomic<uint64_t> recoveries;
};

// The shared Value('q', 0): read, think, write; nothing atomic about the
// read-modify-write unless the guard lock is taken.
struct SharedCounter
{
    std::atomic<int64_t> value;
};

// A process-shared counting semaphore on one futex word. Unlike glibc's
// sem_t (boost::interprocess_semaphore), a post makes the FUTEX_WAKE syscall
// only when a waiter went to sleep since the last wake: a busy bounded buffer
// runs without syscalls (glibc's sem_post woke on ~every item: 2 futex calls
// per item in the 1P1C benchmark). Operations and protocol: Primitives.cpp
// (semaphoreTryWait/semaphorePost/semaphoreSleep). A waiter killed asleep
// leaves `sleepers` one too high: a few needless wake syscalls, nobody hangs.
struct alignas(64) SharedSemaphore // a cache line each: producers post one, consumers the other
{
    explicit SharedSemaphore(uint32_t initial) : word(initial), sleepers(0) {}

    std::atomic<uint32_t> word;     // tokens | kWakeNeeded (top bit); the futex word
    std::atomic<uint32_t> sleepers; // waiters between deciding to sleep and waking
};

// The textbook bounded buffer: a ring of items guarded by a mutex, blocking
// on two counting semaphores (free slots / used slots). Counting semaphores
// and not interprocess_condition: Boost 1.74's condition can hang a notifier
// when a waiter is killed (glibc bug 21422).
// Fields one side writes on every item have a cache line of their own (the
// line bounces between the two sides' CPUs once per item at most, not once
// per field).
struct BoundedQueue
{
    explicit BoundedQueue(uint32_t capacity_)
        : freeSlots(capacity_), usedSlots(0), capacity(capacity_), putLockIndex(0), getLockIndex(1)
    {
    }

    SharedSemaphore freeSlots;
    SharedSemaphore usedSlots;
    uint32_t capacity;
    // Two GuardLocks, as Python's Queue has _wlock and _rlock: producers take
    // the put lock around `tail`, consumers the get lock around `head`. A put
    // and a get never need to exclude each other (the semaphores keep them on
    // different slots), and one lock for both would make every item move the
    // lock's cache line between a producer's core and a consumer's.
    uint32_t putLockIndex;
    uint32_t getLockIndex;
    // Monotonic indices; slot = index % capacity. Read-think-write without
    // the lock, exactly like the counter, so "lock off" really loses items.
    alignas(64) std::atomic<uint64_t> tail; // next to put
    std::atomic<uint64_t> puts;             // completed puts (gauge: depth = puts - gets)
    alignas(64) std::atomic<uint64_t> head; // next to get
    std::atomic<uint64_t> gets;
    alignas(64) std::atomic<int32_t> producersRunning; // the last producer out sends the sentinels
    std::atomic<int32_t> sentinelsToSend;              // one per consumer, as the seeds do
    // JoinableQueue: put() adds one, task_done() takes one; join() sleeps on
    // tasksDoneSequence (a futex word bumped when the count reaches 0).
    std::atomic<int64_t> unfinishedTasks;
    std::atomic<uint64_t> fullRaised;   // Full raised by put(timeout) / put_nowait()
    std::atomic<uint64_t> emptyRaised;  // Empty raised by get(timeout) / get_nowait()
    std::atomic<uint64_t> staleAnswers; // empty()/full() was already wrong when acted on
    std::atomic<uint32_t> tasksDoneSequence;
    alignas(64) std::atomic<uint64_t> items[kMaxQueueCapacity];
    std::atomic<uint64_t> itemTimeNs[kMaxQueueCapacity];

    // Calls visit(key) for each slot from head to tail, as the queue holds
    // them now (after a lock-off race the indices may say more than it
    // holds: capacity at most). Keys are as written: 0 for a slot nobody
    // wrote, kSentinelKey for a sentinel.
    template <typename Visit> void forEachQueued(Visit visit) const
    {
        const uint64_t last = tail.load(std::memory_order_acquire);
        const uint64_t first = head.load(std::memory_order_acquire);
        for (uint64_t i = first; i < last && i - first < capacity; ++i)
            visit(items[i % capacity].load(std::memory_order_relaxed));
    }
};

// Array('q', length): element-wise read, think, write, like the counter.
struct SharedArray
{
    uint32_t length;
    std::atomic<int64_t> values[kMaxArrayLength];
};

// Semaphore(k) / BoundedSemaphore(k): a real counting semaphore, plus gauges
// the workers keep beside it so that "never more than k inside" is checked
// against the truth, not against sampled events.
struct SemaphoreBlock
{
    explicit SemaphoreBlock(uint32_t permits_) : semaphore(permits_), permits(permits_) {}

    boost::interprocess::interprocess_semaphore semaphore;
    uint32_t permits;
    std::atomic<int32_t> inside;
    std::atomic<int32_t> maxInside;
    std::atomic<int32_t> permitsOut;       // acquired and not released yet
    std::atomic<int32_t> workersRunning;   // the last one out may over-release
    std::atomic<uint32_t> overReleases;    // accepted (plain Semaphore: it now admits more)
    std::atomic<uint32_t> refusedReleases; // refused (BoundedSemaphore raised ValueError)
};

// Event and Barrier are futex words: a process-shared futex has no owner, so
// a killed waiter cannot wedge the others (unlike Boost 1.74's condition).
struct EventBlock
{
    std::atomic<uint32_t> flag; // 1 = set
    std::atomic<uint64_t> setNs;
    std::atomic<int32_t> waiting;
};

struct BarrierBlock
{
    uint32_t parties;
    std::atomic<uint32_t> arrived;
    std::atomic<uint32_t> generation; // the futex word the waiters sleep on
};

// Condition(lock) around a shared list, as in seed 003. The list and its
// indices are guarded by guard lock 0 (the condition's lock); the condition
// itself is a futex sequence word (no owner: a killed waiter wedges nobody).
constexpr int kMaxListLength = 65536;
struct ConditionBlock
{
    std::atomic<uint32_t> sequence; // bumped by every notify
    std::atomic<int32_t> waiting;
    std::atomic<uint64_t> head; // next to pop
    std::atomic<uint64_t> tail; // next to append
    std::atomic<int32_t> producersRunning;
    std::atomic<int32_t> sentinelsToSend;
    std::atomic<uint64_t> emptyPops; // a consumer went on with the list empty (the `if` bug)
    std::atomic<uint64_t> items[kMaxListLength];
};

// Pipe, sockets and the manager move their data through the kernel, not
// through this segment; here are only what the processes publish about it
// (for the sampler) and the TCP port the socket server got.
constexpr int kMaxManagerKeys = 64;
struct MessagingBlock
{
    std::atomic<uint32_t> tcpPort;     // 0 until the socket server listens
    std::atomic<uint32_t> serverReady; // the socket/manager server accepts connections
    std::atomic<int64_t> sent;         // messages sent by anyone
    std::atomic<int64_t> received;     // messages received by anyone: in flight = sent - received
    std::atomic<int32_t> connectionsClosed;
    // The manager server's dict {client id: value} and list length, as it
    // publishes them after each request (the real ones live in its memory).
    std::atomic<int64_t> managerDict[kMaxManagerKeys];
    std::atomic<uint32_t> managerKeyPresent[kMaxManagerKeys];
    std::atomic<int64_t> managerListLength;
    std::atomic<int64_t> managerRequests;
};

struct alignas(64) WorkerSlot
{
    // Written by the parent before launch.
    std::atomic<uint32_t> inUse;
    std::atomic<uint32_t> role;
    std::atomic<uint32_t> pauseRequested; // pause just this worker
    std::atomic<uint32_t> iterations;     // rounds / entries / writes this worker does
    std::atomic<uint32_t> timeoutMs;      // Event.wait(timeout); 0 = wait forever
    // Written by the worker.
    std::atomic<int32_t> pid;
    std::atomic<uint32_t> state;
    std::atomic<uint64_t> stateSinceNs;
    std::atomic<uint64_t> ops;       // increments done / items put / items got
    std::atomic<uint64_t> blockedNs; // total time spent waiting (lock, put, get)
    std::atomic<int64_t> ownValue;   // counter with shared=off: this process's own copy
    std::atomic<int32_t>
        waitingForLock; // the guard lock it is blocked on, -1: none (wait-for graph)
    // Queue items this worker put (producer) or got (consumer): count, sum and
    // sum of squares of their keys. Exact even when the sampler cannot keep
    // up with the events: equal totals on both sides mean nothing lost or
    // duplicated, whatever was dropped from the rings.
    std::atomic<uint64_t> itemCount;
    std::atomic<uint64_t> itemKeySum;   // modulo 2^64
    std::atomic<uint64_t> itemKeySumSq; // modulo 2^64
    alignas(64) EventRing ring;
};

struct Segment
{
    Segment(uint64_t token, uint32_t queueCapacity, uint32_t semaphorePermits = 1);

    SegmentHeader header;
    alignas(64) ControlBlock control;
    alignas(64) GuardLock locks[kMaxLocks];
    alignas(64) SharedCounter counter;
    alignas(64) SharedArray array;
    alignas(64) SemaphoreBlock semaphore;
    alignas(64) EventBlock event;
    alignas(64) BarrierBlock barrier;
    alignas(64) ConditionBlock condition;
    alignas(64) MessagingBlock messaging;
    alignas(64) BoundedQueue queue;
    WorkerSlot workerSlots[kMaxWorkers];
};

} // namespace ipcscope::ipc
