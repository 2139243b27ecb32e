#pragma once
// ipcscope-worker's command line: parsed and validated before anything is
// touched, so a bad argument is a usage line and exit code 2, never a crash.
#include "ipc/Layout.h"

#include <cstdint>
#include <string>

namespace ipcscope::worker {

struct WorkerArgs
{
    std::string segment;
    uint64_t token = 0;
    int slot = -1;
    ipc::Role role = ipc::Role::None;
    int32_t parentPid = 0;   // 0: do not check
    uint64_t iterations = 0; // incrementer
    uint64_t items = 0;      // producer
    uint32_t producerId = 0; // producer
    int fd = -1;             // pipe end: an inherited socketpair descriptor
    std::string path;        // socket / manager: the Unix-domain socket's path
};

constexpr const char* kUsage =
    "usage: ipcscope-worker --segment NAME --token HEX --slot N --role ROLE\n"
    "                       [--parent PID] [--iterations N] [--items N] [--producer-id N]\n"
    "                       [--fd N] [--path SOCKET]\n"
    "ROLE: incrementer, producer, consumer, array-writer, semaphore-user, event-waiter,\n"
    "      event-setter, barrier-party";

// Returns an empty string on success, else what is wrong with the arguments.
std::string parseWorkerArgs(int argc, const char* const* argv, WorkerArgs* out);

} // namespace ipcscope::worker
