#pragma once
// The roles whose data moves through the kernel: Pipe ends, socket server
// and clients, the manager server and its clients.
#include "WorkerArgs.h"
#include "ipc/Primitives.h"

namespace ipcscope::worker {

enum ExitCode
{
    kOk = 0,
    kRuntimeFailure = 1,
    kBadArguments = 2,
    kStopped = 3
};

int runPipeEnd(ipc::WorkerContext& context, const WorkerArgs& args);
int runSocketServer(ipc::WorkerContext& context, const WorkerArgs& args);
int runSocketClient(ipc::WorkerContext& context, const WorkerArgs& args);
int runManagerServer(ipc::WorkerContext& context, const WorkerArgs& args);
int runManagerClient(ipc::WorkerContext& context, const WorkerArgs& args);

} // namespace ipcscope::worker
