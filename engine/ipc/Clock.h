#pragma once
// One clock for every process of a session: CLOCK_MONOTONIC in nanoseconds,
// comparable across processes on the same boot.
#include <cstdint>
#include <ctime>

namespace ipcscope::ipc {

inline uint64_t monotonicNs() noexcept
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return uint64_t(ts.tv_sec) * 1'000'000'000ull + uint64_t(ts.tv_nsec);
}

} // namespace ipcscope::ipc
