#pragma once
// One clock for every process of a session: CLOCK_MONOTONIC in nanoseconds,
// comparable across processes on the same boot.
#include <cstdint>
#include <ctime>

namespace ipcscope::ipc {

inline uint64_t nanoseconds(const timespec& ts) noexcept
{
    return uint64_t(ts.tv_sec) * 1'000'000'000ull + uint64_t(ts.tv_nsec);
}

inline uint64_t monotonicNs() noexcept
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return nanoseconds(ts);
}

// Seconds from `startNs` to `ns` on that clock; 0 for times before the start.
inline double secondsAfter(uint64_t startNs, uint64_t ns) noexcept
{
    return ns > startNs ? double(ns - startNs) * 1e-9 : 0.0;
}

} // namespace ipcscope::ipc
