#pragma once
// Single-producer (the worker) / single-consumer (the sampler) ring of
// fixed-size event records. Writing never blocks, never allocates and never
// takes a lock: a full ring drops the event and counts the drop.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace ipcscope::ipc {

// Adds to a shared total that only the calling process writes (readers only
// read): a load and a store, no locked read-modify-write (~7 ns each).
inline void addAsOnlyWriter(std::atomic<uint64_t>& total, uint64_t amount) noexcept
{
    total.store(total.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
}

struct EventRecord
{
    uint64_t timeNs; // CLOCK_MONOTONIC
    uint16_t type;   // EventType
    uint16_t object; // lock index, queue index, ...
    uint32_t reserved; // a riding lock event's `a` (Layout.h, kRidesLockAcquired)
    int64_t a;
    int64_t b;
};
static_assert(sizeof(EventRecord) == 32);

constexpr uint32_t kRingCapacity =
    65536; // power of two; 2 MiB a slot, touched only by a busy worker
static_assert((kRingCapacity & (kRingCapacity - 1)) == 0);

struct EventRing
{
    // head and tail on their own cache lines: the worker writes head, the
    // sampler writes tail, neither should invalidate the other's line.
    alignas(64) std::atomic<uint64_t> head; // next record the worker writes
    std::atomic<uint64_t> dropped;
    alignas(64) std::atomic<uint64_t> tail; // next record the sampler reads
    alignas(64) EventRecord records[kRingCapacity];

    // Worker side.
    bool push(const EventRecord& record) noexcept
    {
        const uint64_t h = head.load(std::memory_order_relaxed);
        // acquire: the sampler's reads of the slots it freed happen before we overwrite them
        if (h - tail.load(std::memory_order_acquire) >= kRingCapacity) {
            addAsOnlyWriter(dropped, 1); // only the worker counts its drops
            return false;
        }
        records[h & (kRingCapacity - 1)] = record;
        // release: the record is complete before the sampler sees the new head
        head.store(h + 1, std::memory_order_release);
        return true;
    }

    // Sampler side: copies every available record to out (room for
    // kRingCapacity records) and returns how many.
    // The oldest records, at most `maxRecords`; the rest stay for next time.
    size_t drain(EventRecord* out, size_t maxRecords = kRingCapacity) noexcept
    {
        const uint64_t t = tail.load(std::memory_order_relaxed);
        const uint64_t h = head.load(std::memory_order_acquire);
        const size_t n = std::min(size_t(h - t), maxRecords);
        for (size_t i = 0; i < n; ++i)
            out[i] = records[(t + i) & (kRingCapacity - 1)];
        tail.store(t + n, std::memory_order_release);
        return n;
    }
};

} // namespace ipcscope::ipc
