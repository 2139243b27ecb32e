#pragma once
// Real kernel IPC for the pipe, socket and manager scenarios: fixed-size
// messages over a socketpair (what Python's Pipe() is), a Unix-domain socket
// or TCP on 127.0.0.1. Every wait is a poll() in slices, so a worker blocked
// in recv() still notices that the session stops.
#include "Primitives.h"

#include <cstdint>
#include <string>

namespace ipcscope::ipc {

struct Message
{
    uint32_t kind;   // MessageKind
    uint32_t from;   // sender's worker id
    uint64_t seq;    // per sender and connection, from 0
    uint64_t sentNs; // CLOCK_MONOTONIC when sent: transit time on receipt
    int64_t value;   // payload (manager: key or value)
    int64_t extra;
};
static_assert(sizeof(Message) == 40);

enum class MessageKind : uint32_t
{
    Data = 1,
    DictSet = 2,    // manager: d[value] = extra
    ListAppend = 3, // manager: l.append(value)
    Reply = 4,      // manager: value = result
};

enum class IoResult
{
    Ok,
    Closed,
    Stopped,
    Failed
};

// Sends one whole message (blocking while the socket buffer is full).
IoResult sendMessage(WorkerContext& context, int fd, const Message& message);
// Receives one whole message; Closed at end of file (the peer closed).
IoResult receiveMessage(WorkerContext& context, int fd, Message* message);
// Waits until fd is readable (or stop); true if readable.
bool waitReadable(WorkerContext& context, int fd, int timeoutMs);

// Connections; -1 on failure (errno set). The client retries until the
// server listens or the session stops.
int listenUnix(const std::string& path);
int listenTcpLoopback(uint16_t* port);
// Empty unixPath: TCP to 127.0.0.1 on the port the server published.
int connectWhenListening(WorkerContext& context, const std::string& unixPath);

} // namespace ipcscope::ipc
