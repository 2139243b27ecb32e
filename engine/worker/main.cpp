// ipcscope-worker: one real process of a session. Attaches to the session
// segment by name, runs one role loop, writes its state and events into its
// own slot. No Qt: it starts fast and stays small.
#include "MessagingRoles.h"
#include "WorkerArgs.h"
#include "ipc/Primitives.h"
#include "ipc/Segment.h"

#include <csignal>
#include <cstdio>
#include <optional>
#include <sys/prctl.h>
#include <unistd.h>

using namespace ipcscope;
using namespace ipcscope::worker;

namespace {

int runIncrementer(ipc::WorkerContext& context, const worker::WorkerArgs& args)
{
    const bool shared = context.segment().control.counterShared.load() != 0;
    for (uint64_t i = 0; i < args.iterations; ++i) {
        if (!context.waitWhilePaused() ||
            !(shared ? ipc::incrementCounter(context) : ipc::incrementOwnCopy(context)))
            return kStopped;
    }
    return kOk;
}

// Writers start at different elements (their slot) so that, with the lock
// off, two of them collide on one element only some of the time.
int runArrayWriter(ipc::WorkerContext& context)
{
    const uint32_t length = context.segment().array.length;
    const uint32_t writes = context.slot().iterations.load();
    for (uint32_t i = 0; i < writes; ++i) {
        if (!context.waitWhilePaused() ||
            !ipc::incrementArrayElement(context, (i + uint32_t(context.slotIndex())) % length))
            return kStopped;
    }
    return kOk;
}

// Even workers take lock 0 then lock 1; odd ones the other way round when
// the order is opposite: each can end up holding what the other waits for.
int runLockPair(ipc::WorkerContext& context)
{
    const bool opposite = context.segment().control.oppositeOrder.load() != 0;
    const int first = opposite && context.slotIndex() % 2 == 1 ? 1 : 0;
    const uint32_t rounds = context.slot().iterations.load();
    for (uint32_t i = 0; i < rounds; ++i) {
        if (!context.waitWhilePaused() || !ipc::takeLockPair(context, first, 1 - first))
            return kStopped;
    }
    return kOk;
}

int runSemaphoreUser(ipc::WorkerContext& context)
{
    ipc::Segment& segment = context.segment();
    const uint32_t entries = context.slot().iterations.load();
    for (uint32_t i = 0; i < entries; ++i) {
        if (!context.waitWhilePaused() || !ipc::acquirePermit(context))
            return kStopped;
        const bool stayed =
            context.pauseFor(segment.control.holdUs.load(std::memory_order_relaxed));
        ipc::releasePermit(context);
        if (!stayed)
            return kStopped;
    }
    // The last one out: nobody holds a permit any more, so a BoundedSemaphore
    // must refuse one release too many, as Python's raises ValueError.
    if (segment.semaphore.workersRunning.fetch_sub(1) == 1 && segment.control.overRelease.load())
        ipc::overReleasePermit(context);
    return kOk;
}

int runEventWaiter(ipc::WorkerContext& context)
{
    if (!context.waitWhilePaused())
        return kStopped;
    const auto result = ipc::waitForEvent(context, context.slot().timeoutMs.load());
    return result == ipc::WaitResult::Stopped ? kStopped : kOk;
}

int runEventSetter(ipc::WorkerContext& context)
{
    if (!context.waitWhilePaused() ||
        !context.pauseFor(context.segment().control.setAfterMs.load() * 1000u) ||
        !context.waitWhilePaused())
        return kStopped;
    ipc::setEvent(context);
    return kOk;
}

// Each party works a different time before arriving (1×, 2×, 3× work_us), so
// the early ones are seen waiting for the last.
int runBarrierParty(ipc::WorkerContext& context)
{
    const uint32_t rounds = context.slot().iterations.load();
    const uint32_t workUs =
        context.segment().control.workUs.load() * (1 + uint32_t(context.slotIndex()) % 3);
    for (uint32_t round = 0; round < rounds; ++round) {
        if (!context.waitWhilePaused() || !context.pauseFor(workUs) || !ipc::waitAtBarrier(context))
            return kStopped;
    }
    return kOk;
}

// How this scenario puts and gets: block, block with a timeout, nowait, or
// ask empty()/full() first (seed 002: the answer may be stale by the time
// the process acts on it). Full/Empty are counted and the call retried, so
// every item is still delivered exactly once.
struct QueueCalls
{
    explicit QueueCalls(ipc::WorkerContext& context) : m_context(context)
    {
        const auto& control = context.segment().control;
        noWait = control.noWait.load() != 0;
        checkFirst = control.checkFirst.load() != 0;
        putTimeoutMs = noWait || checkFirst ? 0 : orForever(control.putTimeoutMs.load());
        getTimeoutMs = noWait || checkFirst ? 0 : orForever(control.getTimeoutMs.load());
    }

    bool put(uint64_t key)
    {
        ipc::BoundedQueue& queue = m_context.segment().queue;
        for (;;) {
            if (checkFirst && key != ipc::kSentinelKey && depth() >= queue.capacity) {
                if (!m_context.pauseFor(kRetryUs)) // q.full(): try again later
                    return false;
                continue;
            }
            // The think gap sits between the answer and the act, as the
            // interpreter's own steps do in Python: the window for staleness.
            if (checkFirst && !m_context.pauseFor(thinkUs()))
                return false;
            const uint64_t began = ipc::monotonicNs();
            const bool answeredNotFull = checkFirst;
            const uint32_t timeout = key == ipc::kSentinelKey ? ipc::kWaitForever : putTimeoutMs;
            switch (ipc::queueTryPut(m_context, key, timeout)) {
            case ipc::QueueResult::Done:
                return true;
            case ipc::QueueResult::Stopped:
                return false;
            case ipc::QueueResult::FullOrEmpty:
                queue.fullRaised.fetch_add(1, std::memory_order_relaxed);
                m_context.probe().record(ipc::EventType::QueueFull, 0,
                                       int64_t(ipc::monotonicNs() - began), timeout);
                if (answeredNotFull) {
                    queue.staleAnswers.fetch_add(1, std::memory_order_relaxed);
                    m_context.probe().record(ipc::EventType::StaleAnswer, 1, 0);
                }
                if (timeout == 0 && !m_context.pauseFor(kRetryUs))
                    return false;
            }
        }
    }

    // nullopt: stopped
    std::optional<uint64_t> get()
    {
        ipc::BoundedQueue& queue = m_context.segment().queue;
        for (;;) {
            if (checkFirst && depth() == 0) {
                if (!m_context.pauseFor(kRetryUs)) // q.empty(): try again later
                    return std::nullopt;
                continue;
            }
            if (checkFirst && !m_context.pauseFor(thinkUs()))
                return std::nullopt;
            const uint64_t began = ipc::monotonicNs();
            uint64_t key = 0;
            switch (ipc::queueTryGet(m_context, getTimeoutMs, &key)) {
            case ipc::QueueResult::Done:
                return key;
            case ipc::QueueResult::Stopped:
                return std::nullopt;
            case ipc::QueueResult::FullOrEmpty:
                queue.emptyRaised.fetch_add(1, std::memory_order_relaxed);
                m_context.probe().record(ipc::EventType::QueueEmpty, 0,
                                       int64_t(ipc::monotonicNs() - began), getTimeoutMs);
                if (checkFirst) {
                    queue.staleAnswers.fetch_add(1, std::memory_order_relaxed);
                    m_context.probe().record(ipc::EventType::StaleAnswer, 0, 0);
                }
                if (getTimeoutMs == 0 && !m_context.pauseFor(kRetryUs))
                    return std::nullopt;
            }
        }
    }

    bool noWait = false;
    bool checkFirst = false;
    uint32_t putTimeoutMs = ipc::kWaitForever;
    uint32_t getTimeoutMs = ipc::kWaitForever;

private:
    static constexpr uint32_t kRetryUs = 1000; // sleeps: above pauseFor's spinning limit
    uint32_t thinkUs() const
    {
        return m_context.segment().control.thinkUs.load(std::memory_order_relaxed);
    }
    static uint32_t orForever(uint32_t ms) { return ms == 0 ? ipc::kWaitForever : ms; }
    // qsize(), as empty() and full() compute it: a snapshot, stale at once.
    uint64_t depth() const
    {
        const ipc::BoundedQueue& queue = m_context.segment().queue;
        const uint64_t puts = queue.puts.load(std::memory_order_acquire);
        const uint64_t gets = queue.gets.load(std::memory_order_acquire);
        return puts > gets ? puts - gets : 0;
    }

    ipc::WorkerContext& m_context;
};

int runProducer(ipc::WorkerContext& context, const worker::WorkerArgs& args)
{
    ipc::BoundedQueue& queue = context.segment().queue;
    auto& control = context.segment().control;
    QueueCalls calls(context);
    for (uint64_t seq = 0; seq < args.items; ++seq) {
        if (!context.waitWhilePaused() ||
            !context.pauseFor(control.produceDelayUs.load(std::memory_order_relaxed)) ||
            !calls.put(ipc::itemKey(args.producerId, seq)))
            return kStopped;
    }
    // JoinableQueue: join() returns once every item was marked task_done();
    // the consumers are daemons, ended by the session, no sentinels.
    if (control.joinable.load())
        return ipc::joinQueue(context) ? kOk : kStopped;
    // As in the seeds: when production is over, one sentinel per consumer.
    // Only the last producer out sends them, so each consumer gets exactly one.
    if (queue.producersRunning.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        const int sentinels = queue.sentinelsToSend.exchange(0, std::memory_order_acq_rel);
        for (int i = 0; i < sentinels; ++i) {
            if (!calls.put(ipc::kSentinelKey))
                return kStopped;
        }
    }
    return kOk;
}

int runConsumer(ipc::WorkerContext& context)
{
    auto& control = context.segment().control;
    const bool joinable = control.joinable.load() != 0;
    QueueCalls calls(context);
    for (;;) {
        if (!context.waitWhilePaused())
            return kStopped;
        const auto key = calls.get();
        if (!key)
            return kStopped;
        if (*key == ipc::kSentinelKey)
            return kOk;
        if (!context.pauseFor(control.consumeDelayUs.load(std::memory_order_relaxed)))
            return kStopped;
        if (joinable)
            ipc::taskDone(context);
    }
}

int runListProducer(ipc::WorkerContext& context, const worker::WorkerArgs& args)
{
    auto& control = context.segment().control;
    ipc::ConditionBlock& condition = context.segment().condition;
    for (uint64_t seq = 0; seq < args.items; ++seq) {
        if (!context.waitWhilePaused() ||
            !context.pauseFor(control.produceDelayUs.load(std::memory_order_relaxed)) ||
            !ipc::appendAndNotify(context, ipc::itemKey(args.producerId, seq)))
            return kStopped;
    }
    if (condition.producersRunning.fetch_sub(1) == 1) {
        const int sentinels = condition.sentinelsToSend.exchange(0);
        for (int i = 0; i < sentinels; ++i)
            if (!ipc::appendAndNotify(context, ipc::kSentinelKey))
                return kStopped;
    }
    return kOk;
}

int runListConsumer(ipc::WorkerContext& context)
{
    auto& control = context.segment().control;
    for (;;) {
        if (!context.waitWhilePaused())
            return kStopped;
        const auto key = ipc::waitAndPop(context);
        if (!key)
            return kStopped;
        if (*key == ipc::kSentinelKey)
            return kOk;
        if (*key != 0 && !context.pauseFor(control.consumeDelayUs.load(std::memory_order_relaxed)))
            return kStopped;
    }
}

} // namespace

int main(int argc, char** argv)
{
    worker::WorkerArgs args;
    if (const std::string error = worker::parseWorkerArgs(argc, argv, &args); !error.empty()) {
        std::fprintf(stderr, "ipcscope-worker: %s\n%s\n", error.c_str(), worker::kUsage);
        return kBadArguments;
    }
    // Die with the parent. The parent also sets this before exec; setting it
    // again and then checking getppid() closes the race where the parent died
    // before the flag was in place.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (args.parentPid != 0 && getppid() != args.parentPid) {
        std::fprintf(stderr, "ipcscope-worker: parent %d is gone\n", args.parentPid);
        return kRuntimeFailure;
    }

    ipc::AttachedSegment attached;
    if (const std::string error = attached.attach(args.segment, args.token); !error.empty()) {
        std::fprintf(stderr, "ipcscope-worker: %s\n", error.c_str());
        return kRuntimeFailure;
    }
    ipc::Segment& segment = attached.segment();
    ipc::WorkerSlot& slot = segment.workerSlots[args.slot];
    if (slot.inUse.load() == 0 || slot.role.load() != uint32_t(args.role)) {
        std::fprintf(stderr, "ipcscope-worker: slot %d was not prepared for this role\n",
                     args.slot);
        return kRuntimeFailure;
    }

    ipc::WorkerContext context(segment, args.slot);
    slot.pid.store(getpid(), std::memory_order_relaxed);
    context.probe().setState(ipc::WorkerState::Ready);
    int result = kStopped;
    if (context.waitForStart()) {
        context.probe().setState(ipc::WorkerState::Working);
        switch (args.role) {
        case ipc::Role::Incrementer:
            result = runIncrementer(context, args);
            break;
        case ipc::Role::Producer:
            result = runProducer(context, args);
            break;
        case ipc::Role::Consumer:
            result = runConsumer(context);
            break;
        case ipc::Role::ArrayWriter:
            result = runArrayWriter(context);
            break;
        case ipc::Role::SemaphoreUser:
            result = runSemaphoreUser(context);
            break;
        case ipc::Role::EventWaiter:
            result = runEventWaiter(context);
            break;
        case ipc::Role::EventSetter:
            result = runEventSetter(context);
            break;
        case ipc::Role::BarrierParty:
            result = runBarrierParty(context);
            break;
        case ipc::Role::LockPair:
            result = runLockPair(context);
            break;
        case ipc::Role::ListProducer:
            result = runListProducer(context, args);
            break;
        case ipc::Role::ListConsumer:
            result = runListConsumer(context);
            break;
        case ipc::Role::PipeEnd:
            result = runPipeEnd(context, args);
            break;
        case ipc::Role::SocketServer:
            result = runSocketServer(context, args);
            break;
        case ipc::Role::SocketClient:
            result = runSocketClient(context, args);
            break;
        case ipc::Role::ManagerServer:
            result = runManagerServer(context, args);
            break;
        case ipc::Role::ManagerClient:
            result = runManagerClient(context, args);
            break;
        case ipc::Role::None:
            break;
        }
    }
    context.probe().setState(result == kOk ? ipc::WorkerState::Exited : ipc::WorkerState::Stopped);
    return result;
}
