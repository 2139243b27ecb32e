// Benchmarks of the shared-memory side (no Qt): the probe, the real queue
// against boost::interprocess::message_queue, the counter, raw ring capture.
// Real processes (fork) on a real segment. Prints "key value" lines for
// bench/run.py; every figure is the median of its rounds, and a figure and
// its comparison are measured in alternating rounds of the same run.
//
//   ipcscope-bench-ipc [--smoke] [--only
//   probe|queue|queue1|mq1|overhead|counter|counter-locked|capture] [--rounds N]
//
// Built twice: ipcscope-bench-ipc (the probe as shipped) and
// ipcscope-bench-ipc-probe-off (the same code with -DIPCSCOPE_PROBE_OFF, the
// probe compiled out, observed by nobody): the "overhead" figures of the two
// give row 5 of bench/RESULTS.md.
#include "BenchReport.h"
#include "ipc/Clock.h"
#include "ipc/Primitives.h"
#include "ipc/Segment.h"

#include <boost/interprocess/ipc/message_queue.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <sched.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ipcscope;
using bench::median;
using bench::report;
namespace bip = boost::interprocess;

namespace {

bool g_smoke = false;
int g_rounds = 0; // 0: the mode's default

int rounds(int full)
{
    return g_rounds > 0 ? g_rounds : (g_smoke ? 1 : full);
}

// Runs `body(index)` in `count` forked children and waits for all of them.
// When there are no more processes than cores, each gets a core of its own
// (child i on the i-th allowed CPU). Left to the scheduler, a producer and
// its consumer sometimes share a core for a whole run, and the queue then
// moves items a context switch per batch: 1.6 M items/s instead of 5 M here,
// a coin toss that decided the figure more than the code did.
void pinToOwnCore(int child, int children)
{
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || children > CPU_COUNT(&allowed))
        return;
    for (int cpu = 0, seen = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &allowed) || seen++ != child)
            continue;
        cpu_set_t own;
        CPU_ZERO(&own);
        CPU_SET(cpu, &own);
        sched_setaffinity(0, sizeof own, &own);
        return;
    }
}

void forkAndWait(int count, const std::function<void(int)>& body)
{
    std::vector<pid_t> children;
    for (int i = 0; i < count; ++i) {
        const pid_t pid = fork();
        if (pid < 0) {
            std::perror("fork");
            std::exit(1);
        }
        if (pid == 0) {
            pinToOwnCore(i, count);
            body(i);
            _exit(0);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "bench child %d failed\n", int(pid));
            std::exit(1);
        }
    }
}

// A plain drain thread standing in for the Sampler's ring work (the real
// Sampler is measured by ipcscope-bench-engine): empties every in-use ring at
// 1 kHz, as the Sampler does at its default rate.
class Drainer
{
public:
    explicit Drainer(ipc::Segment& segment) : m_segment(segment), m_buffer(ipc::kRingCapacity)
    {
        m_thread = std::thread([this] {
            while (!m_stop.load()) {
                drainAll();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            drainAll();
        });
    }
    ~Drainer() { stop(); }
    void stop()
    {
        if (m_thread.joinable()) {
            m_stop.store(true);
            m_thread.join();
        }
    }
    uint64_t drained() const { return m_drained.load(); }
    uint64_t dropped() const
    {
        uint64_t total = 0;
        for (const auto& slot : m_segment.workerSlots)
            total += slot.ring.dropped.load();
        return total;
    }

private:
    void drainAll()
    {
        for (auto& slot : m_segment.workerSlots)
            if (slot.inUse.load(std::memory_order_acquire))
                m_drained += slot.ring.drain(m_buffer.data());
    }
    ipc::Segment& m_segment;
    std::vector<ipc::EventRecord> m_buffer;
    std::atomic<bool> m_stop{false};
    std::atomic<uint64_t> m_drained{0};
    std::thread m_thread;
};

std::unique_ptr<ipc::OwnedSegment> makeSegment(uint32_t capacity, int workers, ipc::Role role)
{
    auto owned = std::make_unique<ipc::OwnedSegment>(ipc::randomToken(), capacity);
    for (int i = 0; i < workers; ++i) {
        owned->segment().workerSlots[i].role.store(uint32_t(role));
        owned->segment().workerSlots[i].inUse.store(1);
    }
    owned->segment().control.startNs.store(ipc::monotonicNs());
    owned->segment().control.runState.store(uint32_t(ipc::RunState::Running));
    return owned;
}

// --- row 1: probe cost ------------------------------------------------------

// Bare timestamp reads (the floor any timestamped event pays) against
// Probe::record (a timestamp read and a ring push), in alternating rounds. The
// probe writes in chunks of a quarter ring and waits for the drainer between
// chunks, so that no event is dropped: a drop would skip the store and make
// the probe look cheaper than it is.
void benchProbe()
{
    const uint64_t n = g_smoke ? 100'000 : 2'000'000;
    constexpr uint64_t kChunk = ipc::kRingCapacity / 4;
    auto owned = makeSegment(1, 1, ipc::Role::Incrementer);
    ipc::WorkerSlot& slot = owned->segment().workerSlots[0];
    ipc::Probe probe(slot);
    Drainer drainer(owned->segment());
    // Warm-up: every page of the ring touched once (first touches of shared
    // memory are page faults, paid once per session, not per event).
    for (uint64_t i = 0; i < ipc::kRingCapacity / 2; ++i)
        probe.record(ipc::EventType::CounterRead, 0, int64_t(i));
    while (slot.ring.tail.load() != slot.ring.head.load())
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    for (uint64_t i = 0; i < ipc::kRingCapacity / 2; ++i)
        probe.record(ipc::EventType::CounterRead, 0, int64_t(i));
    while (slot.ring.tail.load() != slot.ring.head.load())
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    std::vector<double> bare, probed;
    uint64_t sink = 0;
    for (int round = 0; round < rounds(7); ++round) {
        uint64_t t0 = ipc::monotonicNs();
        for (uint64_t i = 0; i < n; ++i)
            sink += ipc::monotonicNs();
        bare.push_back(double(ipc::monotonicNs() - t0) / double(n));

        uint64_t spent = 0;
        for (uint64_t done = 0; done < n; done += kChunk) {
            t0 = ipc::monotonicNs();
            for (uint64_t i = 0; i < kChunk; ++i)
                probe.record(ipc::EventType::CounterRead, 0, int64_t(i));
            spent += ipc::monotonicNs() - t0;
            while (slot.ring.tail.load(std::memory_order_acquire) !=
                   slot.ring.head.load(std::memory_order_relaxed))
                std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        const uint64_t emitted = (n + kChunk - 1) / kChunk * kChunk;
        probed.push_back(double(spent) / double(emitted));
    }
    drainer.stop();
    report("probe_ns_per_event", median(probed));
    report("bare_timestamp_ns", median(bare));
    report("probe_dropped", double(drainer.dropped()));
    if (sink == 42)
        std::puts("");
}

// --- rows 2-5: queue throughput ---------------------------------------------

constexpr uint32_t kQueueCapacity = 64;

// The real queue: queuePut/queueGet as ipcscope-worker calls them, lock on,
// no delays, the probe writing its events, a drainer emptying the rings.
double ourQueueItemsPerSecond(int producers, int consumers, uint64_t itemsPerProducer,
                              uint64_t* droppedOut)
{
    auto owned = makeSegment(kQueueCapacity, 0, ipc::Role::None);
    ipc::Segment& segment = owned->segment();
    for (int i = 0; i < producers + consumers; ++i) {
        segment.workerSlots[i].role.store(
            uint32_t(i < producers ? ipc::Role::Producer : ipc::Role::Consumer));
        segment.workerSlots[i].inUse.store(1);
    }
    segment.control.lockEnabled[segment.queue.putLockIndex].store(1); // locks on
    segment.control.lockEnabled[segment.queue.getLockIndex].store(1);
    segment.queue.producersRunning.store(producers);
    segment.queue.sentinelsToSend.store(consumers);
    Drainer drainer(segment);
    const uint64_t t0 = ipc::monotonicNs();
    forkAndWait(producers + consumers, [&](int i) {
        ipc::WorkerContext context(segment, i);
        if (i < producers) {
            for (uint64_t seq = 0; seq < itemsPerProducer; ++seq)
                ipc::queuePut(context, ipc::itemKey(uint32_t(i), seq));
            if (segment.queue.producersRunning.fetch_sub(1) == 1)
                for (int s = segment.queue.sentinelsToSend.exchange(0); s > 0; --s)
                    ipc::queuePut(context, ipc::kSentinelKey);
        } else {
            while (auto key = ipc::queueGet(context))
                if (*key == ipc::kSentinelKey)
                    break;
        }
    });
    const double seconds = double(ipc::monotonicNs() - t0) * 1e-9;
    drainer.stop();
    *droppedOut = drainer.dropped();
    return double(uint64_t(producers) * itemsPerProducer) / seconds;
}

// The same item (a key and a timestamp: what our queue stores per slot).
struct Item
{
    uint64_t key;
    uint64_t timeNs;
};

double boostMessageQueueItemsPerSecond(int producers, int consumers, uint64_t itemsPerProducer)
{
    const std::string name = "ipcscope_bench_mq_" + std::to_string(getpid());
    bip::message_queue::remove(name.c_str());
    bip::message_queue queue(bip::create_only, name.c_str(), kQueueCapacity, sizeof(Item),
                             bip::permissions(0600));
    const uint64_t t0 = ipc::monotonicNs();
    forkAndWait(producers + consumers, [&](int i) {
        bip::message_queue mq(bip::open_only, name.c_str());
        Item item{};
        if (i < producers) {
            for (uint64_t seq = 0; seq < itemsPerProducer; ++seq) {
                item = {ipc::itemKey(uint32_t(i), seq), ipc::monotonicNs()};
                mq.send(&item, sizeof item, 0);
            }
            // Sentinels: each producer sends its share.
            for (int c = i; c < consumers; c += producers) {
                item.key = ipc::kSentinelKey;
                mq.send(&item, sizeof item, 0);
            }
        } else {
            size_t received;
            unsigned priority;
            for (;;) {
                mq.receive(&item, sizeof item, received, priority);
                if (item.key == ipc::kSentinelKey)
                    break;
            }
        }
    });
    const double seconds = double(ipc::monotonicNs() - t0) * 1e-9;
    bip::message_queue::remove(name.c_str());
    return double(uint64_t(producers) * itemsPerProducer) / seconds;
}

// About half a second a run at 5 M items/s: long enough that one late
// wake-up or one timeslice lost to the drainer does not decide the figure.
uint64_t queueItems()
{
    return g_smoke ? 20'000 : 2'000'000;
}

void benchQueues()
{
    const uint64_t total = queueItems();
    for (int pairs : {1, 2, 4}) {
        std::vector<double> ours, boost;
        uint64_t droppedTotal = 0;
        for (int round = 0; round < rounds(3); ++round) {
            uint64_t dropped = 0;
            ours.push_back(ourQueueItemsPerSecond(pairs, pairs, total / pairs, &dropped));
            droppedTotal += dropped;
            boost.push_back(boostMessageQueueItemsPerSecond(pairs, pairs, total / pairs));
        }
        const std::string config = std::to_string(pairs) + "p" + std::to_string(pairs) + "c";
        report("queue_" + config + "_items_per_s", median(ours));
        report("boost_mq_" + config + "_items_per_s", median(boost));
        report("queue_" + config + "_events_dropped", double(droppedTotal));
    }
}

// Our queue 1P1C only (what bench/run.py profiles when a queue target is missed).
void benchQueue1()
{
    std::vector<double> ours;
    uint64_t droppedTotal = 0;
    for (int round = 0; round < rounds(3); ++round) {
        uint64_t dropped = 0;
        ours.push_back(ourQueueItemsPerSecond(1, 1, queueItems(), &dropped));
        droppedTotal += dropped;
    }
    report("queue_1p1c_items_per_s", median(ours));
    report("queue_1p1c_events_dropped", double(droppedTotal));
}

// boost::interprocess::message_queue 1P1C only (the profile's comparison).
void benchBoostQueue1()
{
    std::vector<double> boost;
    for (int round = 0; round < rounds(3); ++round)
        boost.push_back(boostMessageQueueItemsPerSecond(1, 1, queueItems()));
    report("boost_mq_1p1c_items_per_s", median(boost));
}

// --- counter -----------------------------------------------------------------

constexpr int kCounterWorkers = 4; // the counter scenario's default

double counterIncrementsPerSecond(int workers, uint64_t perWorker, const char* mode)
{
    auto owned = makeSegment(1, workers, ipc::Role::Incrementer);
    ipc::Segment& segment = owned->segment();
    segment.control.lockEnabled[0].store(std::strcmp(mode, "locked") == 0 ? 1 : 0);
    const bool atomic = std::strcmp(mode, "atomic") == 0;
    Drainer drainer(segment);
    const uint64_t t0 = ipc::monotonicNs();
    forkAndWait(workers, [&](int i) {
        ipc::WorkerContext context(segment, i);
        for (uint64_t n = 0; n < perWorker; ++n) {
            if (atomic)
                segment.counter.value.fetch_add(1, std::memory_order_relaxed);
            else
                ipc::incrementCounter(context);
        }
    });
    const double seconds = double(ipc::monotonicNs() - t0) * 1e-9;
    return double(uint64_t(workers) * perWorker) / seconds;
}

void benchCounter()
{
    const uint64_t perWorker = g_smoke ? 10'000 : 1'000'000;
    const char* modes[] = {"locked", "unlocked", "atomic"};
    std::vector<double> figures[3];
    for (int round = 0; round < rounds(3); ++round)
        for (int m = 0; m < 3; ++m)
            figures[m].push_back(counterIncrementsPerSecond(
                kCounterWorkers, std::strcmp(modes[m], "atomic") == 0 ? perWorker * 10 : perWorker,
                modes[m]));
    for (int m = 0; m < 3; ++m)
        report(std::string("counter_") + modes[m] + "_increments_per_s", median(figures[m]));
    report("counter_workers", kCounterWorkers);
}

// The locked counter only (what bench/run.py profiles when row 6 is missed).
void benchCounterLocked()
{
    std::vector<double> locked;
    for (int round = 0; round < rounds(3); ++round)
        locked.push_back(
            counterIncrementsPerSecond(kCounterWorkers, g_smoke ? 10'000 : 1'000'000, "locked"));
    report("counter_locked_increments_per_s", median(locked));
}

// --- row 5: what the probe costs a real operation ---------------------------

// Queue 1P1C and the locked counter, as above; the probe-off build prints the
// same keys, run.py alternates the two executables.
void benchOverhead()
{
    std::vector<double> queue, counter;
    for (int round = 0; round < rounds(1); ++round) {
        uint64_t dropped = 0;
        queue.push_back(ourQueueItemsPerSecond(1, 1, queueItems(), &dropped));
        counter.push_back(
            counterIncrementsPerSecond(kCounterWorkers, g_smoke ? 10'000 : 500'000, "locked"));
    }
    report("overhead_queue_1p1c_items_per_s", median(queue));
    report("overhead_counter_locked_increments_per_s", median(counter));
#ifdef IPCSCOPE_PROBE_OFF
    report("probe_compiled_out", 1);
#else
    report("probe_compiled_out", 0);
#endif
}

// --- ring capture without the Sampler -----------------------------------------

// 8 workers together writing 1 M events/s (paced), a plain drainer at 1 kHz:
// the rings alone drop nothing. (Row 9 proper, with the real Sampler, is in
// ipcscope-bench-engine.)
void benchCapture()
{
    const int workers = 8;
    const double seconds = g_smoke ? 0.2 : 2.0;
    const uint64_t perWorkerPerMs = 1'000'000 / workers / 1000;
    auto owned = makeSegment(1, workers, ipc::Role::Incrementer);
    Drainer drainer(owned->segment());
    forkAndWait(workers, [&](int i) {
        ipc::Probe probe(owned->segment().workerSlots[i]);
        const uint64_t start = ipc::monotonicNs();
        const uint64_t end = start + uint64_t(seconds * 1e9);
        uint64_t written = 0;
        for (uint64_t now = start; now < end; now = ipc::monotonicNs()) {
            const uint64_t due = (now - start) / 1'000'000 * perWorkerPerMs + perWorkerPerMs;
            for (; written < due; ++written)
                probe.record(ipc::EventType::CounterRead, 0, int64_t(written));
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    drainer.stop();
    report("ring_capture_events_per_s", double(drainer.drained()) / seconds);
    report("ring_capture_events_dropped", double(drainer.dropped()));
}

int usage()
{
    std::fprintf(
        stderr,
        "usage: ipcscope-bench-ipc [--smoke] "
        "[--only probe|queue|queue1|mq1|overhead|counter|counter-locked|capture] [--rounds N]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--smoke")) {
            g_smoke = true;
        } else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
        } else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
            g_rounds = std::atoi(argv[++i]);
        } else {
            return usage();
        }
    }
    const bool all = only.empty();
    bool ran = false;
    auto run = [&](const char* name, void (*bench)()) {
        if (all || only == name) {
            bench();
            ran = true;
        }
    };
    run("probe", benchProbe);
    run("queue", benchQueues);
    run("overhead", benchOverhead);
    run("counter", benchCounter);
    run("queue1", benchQueue1);
    run("mq1", benchBoostQueue1);
    run("counter-locked", benchCounterLocked);
    run("capture", benchCapture);
    return ran ? 0 : usage();
}
