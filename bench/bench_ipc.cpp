// Benchmarks of the shared-memory side (no Qt): the probe, the real queue
// against boost::interprocess::message_queue, the counter. Real processes
// (fork) on a real segment. Prints "key value" lines for bench/run.py.
//
//   ipcscope-bench-ipc [--smoke]
#include "ipc/Clock.h"
#include "ipc/Primitives.h"
#include "ipc/Segment.h"

#include <boost/interprocess/ipc/message_queue.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <functional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ipcscope;
namespace bip = boost::interprocess;

namespace {

bool g_smoke = false;

void report(const char* key, double value)
{
    std::printf("%s %.6g\n", key, value);
    std::fflush(stdout);
}

// Runs `body(index)` in `count` forked children and waits for all of them.
void forkAndWait(int count, const std::function<void(int)>& body)
{
    std::vector<pid_t> children;
    for (int i = 0; i < count; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            body(i);
            _exit(0);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children)
        waitpid(pid, nullptr, 0);
}

// A plain drain thread standing in for the Sampler's ring work (the Sampler
// itself is measured by bench_engine): empties every in-use ring at 1 kHz.
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
    uint64_t drained() const { return m_drained; }
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
    uint64_t m_drained = 0;
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

// --- probe cost -----------------------------------------------------------

void benchProbe()
{
    const uint64_t n = g_smoke ? 100'000 : 20'000'000;
    // Bare timestamp reads: the floor any timestamped event pays.
    uint64_t sink = 0;
    uint64_t t0 = ipc::monotonicNs();
    for (uint64_t i = 0; i < n; ++i)
        sink += ipc::monotonicNs();
    const double bareNs = double(ipc::monotonicNs() - t0) / double(n);

    auto owned = makeSegment(1, 1, ipc::Role::Incrementer);
    ipc::WorkerSlot& slot = owned->segment().workerSlots[0];
    ipc::Probe probe(slot);
    Drainer drainer(owned->segment()); // keeps the ring from filling, as the sampler does
    t0 = ipc::monotonicNs();
    for (uint64_t i = 0; i < n; ++i)
        probe.record(ipc::EventType::CounterRead, 0, int64_t(i));
    const double probeNs = double(ipc::monotonicNs() - t0) / double(n);
    drainer.stop();
    report("probe_ns_per_event", probeNs);
    report("bare_timestamp_ns", bareNs);
    report("probe_dropped", double(drainer.dropped()));
    if (sink == 42)
        std::puts("");
}

// --- queue throughput ----------------------------------------------------

constexpr uint32_t kQueueCapacity = 64;

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
    return double(producers * itemsPerProducer) / seconds;
}

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
                item = {ipc::itemKey(uint32_t(i), seq), 0};
                mq.send(&item, sizeof item, 0);
            }
            // Sentinels: simpler than ours (each producer sends its share).
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
    return double(producers * itemsPerProducer) / seconds;
}

void benchQueues()
{
    const uint64_t total = g_smoke ? 20'000 : 2'000'000;
    for (int pairs : {1, 2, 4}) {
        uint64_t dropped = 0;
        const double ours = ourQueueItemsPerSecond(pairs, pairs, total / pairs, &dropped);
        const double boost = boostMessageQueueItemsPerSecond(pairs, pairs, total / pairs);
        char key[64];
        std::snprintf(key, sizeof key, "queue_%dp%dc_items_per_s", pairs, pairs);
        report(key, ours);
        std::snprintf(key, sizeof key, "boost_mq_%dp%dc_items_per_s", pairs, pairs);
        report(key, boost);
        std::snprintf(key, sizeof key, "queue_%dp%dc_events_dropped", pairs, pairs);
        report(key, double(dropped));
    }
}

// --- counter ---------------------------------------------------------------

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
    return double(workers * perWorker) / seconds;
}

void benchCounter()
{
    const uint64_t perWorker = g_smoke ? 10'000 : 1'000'000;
    for (const char* mode : {"locked", "unlocked", "atomic"}) {
        char key[64];
        std::snprintf(key, sizeof key, "counter_%s_increments_per_s", mode);
        report(key, counterIncrementsPerSecond(4, perWorker, mode));
    }
}

// --- event capture ---------------------------------------------------------

// 8 workers together writing 1 M events/s (paced), a drainer at 1 kHz:
// nothing may be dropped.
void benchCapture()
{
    const int workers = 8;
    const double seconds = g_smoke ? 0.2 : 3.0;
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
    report("capture_events_per_s", double(drainer.drained()) / seconds);
    report("capture_events_dropped", double(drainer.dropped()));
}

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--smoke")) {
            g_smoke = true;
        } else {
            std::fprintf(stderr, "usage: ipcscope-bench-ipc [--smoke]\n");
            return 2;
        }
    }
    benchProbe();
    benchQueues();
    benchCounter();
    benchCapture();
    return 0;
}
