#include "MessagingRoles.h"

#include "ipc/Messaging.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace ipcscope::worker {

using ipc::IoResult;
using ipc::Message;
using ipc::MessageKind;

namespace {

uint32_t messagesPerWorker(ipc::WorkerContext& context)
{
    return context.segment().control.messagesPerWorker.load(std::memory_order_relaxed);
}

uint32_t sendGapUs(ipc::WorkerContext& context)
{
    return context.segment().control.sendGapUs.load(std::memory_order_relaxed);
}

// Receipt bookkeeping shared by the pipe and the socket server: order check
// per sender, events, transit time.
struct OrderedReceiver
{
    std::map<uint32_t, uint64_t> nextSeq; // per sender

    void take(ipc::WorkerContext& context, const Message& message)
    {
        const uint64_t now = ipc::monotonicNs();
        uint64_t& expected = nextSeq[message.from];
        if (message.seq != expected)
            context.probe().emitAt(now, ipc::EventType::OutOfOrder, uint16_t(message.from),
                                   int64_t(expected), int64_t(message.seq));
        expected = message.seq + 1;
        context.probe().emitAt(now, ipc::EventType::MessageReceived, uint16_t(message.from),
                               int64_t(message.seq),
                               int64_t(now > message.sentNs ? now - message.sentNs : 0));
        context.probe().addOp();
    }
};

Message dataMessage(ipc::WorkerContext& context, uint64_t seq)
{
    return Message{uint32_t(MessageKind::Data),
                   uint32_t(context.slotIndex()),
                   seq,
                   ipc::monotonicNs(),
                   int64_t(seq),
                   0};
}

int closedReport(ipc::WorkerContext& context, int peer)
{
    context.probe().record(ipc::EventType::ChannelClosed, uint16_t(peer), 0);
    context.segment().messaging.connectionsClosed.fetch_add(1, std::memory_order_relaxed);
    return kOk;
}

} // namespace

// A duplex Pipe(): both ends send their messages and receive the other's at
// the same time, then close their sending side; each sees EOF once the other
// closed. The descriptor is one end of a socketpair the parent made.
//
// One end only sends when the pipe can take the message and keeps reading
// otherwise: two ends that both block in send() with full buffers and never
// read would deadlock, the classic trap of a Pipe used both ways at once.
int runPipeEnd(ipc::WorkerContext& context, const WorkerArgs& args)
{
    const int fd = args.fd;
    const int peer = context.slotIndex() ^ 1; // the two ends are workers 0 and 1
    const uint32_t total = messagesPerWorker(context);
    OrderedReceiver receiver;
    uint64_t sent = 0;
    uint64_t nextSendAt = ipc::monotonicNs();
    bool sendingDone = total == 0, peerClosed = false;
    if (sendingDone)
        ::shutdown(fd, SHUT_WR);
    while (!peerClosed || !sendingDone) {
        if (!context.waitWhilePaused())
            return kStopped;
        const uint64_t now = ipc::monotonicNs();
        const bool sendDue = !sendingDone && now >= nextSendAt;
        pollfd entry{fd, short((peerClosed ? 0 : POLLIN) | (sendDue ? POLLOUT : 0)), 0};
        const int waitMs = sendDue || sendingDone
                               ? 20
                               : int(std::min<uint64_t>(20, (nextSendAt - now) / 1'000'000));
        if (::poll(&entry, 1, waitMs) <= 0) {
            if (context.stopRequested())
                return kStopped;
            continue;
        }
        if (!peerClosed && (entry.revents & (POLLIN | POLLHUP | POLLERR))) {
            Message message{};
            switch (ipc::receiveMessage(context, fd, &message)) {
            case IoResult::Ok:
                receiver.take(context, message);
                break;
            case IoResult::Closed:
                peerClosed = true; // EOFError in Python
                closedReport(context, peer);
                break;
            case IoResult::Stopped:
                return kStopped;
            case IoResult::Failed:
                std::fprintf(stderr, "ipcscope-worker: pipe recv failed: %s\n",
                             std::strerror(errno));
                return kRuntimeFailure;
            }
        }
        if (sendDue && (entry.revents & POLLOUT)) {
            if (ipc::sendMessage(context, fd, dataMessage(context, sent)) != IoResult::Ok)
                return context.stopRequested() ? kStopped : kRuntimeFailure;
            context.probe().record(ipc::EventType::MessageSent, uint16_t(peer), int64_t(sent));
            nextSendAt = now + uint64_t(sendGapUs(context)) * 1000;
            if (++sent == total) {
                ::shutdown(fd, SHUT_WR); // our conn.close(): the peer's recv() sees EOF
                sendingDone = true;
            }
        }
    }
    ::close(fd);
    return kOk;
}

// Listens on the Unix path and on TCP 127.0.0.1, serves the expected number
// of clients, checks each one's order, and ends when all have closed.
int runSocketServer(ipc::WorkerContext& context, const WorkerArgs& args)
{
    auto& messaging = context.segment().messaging;
    uint16_t port = 0;
    const int unixListener = ipc::listenUnix(args.path);
    const int tcpListener = ipc::listenTcpLoopback(&port);
    if (unixListener < 0 || tcpListener < 0) {
        std::fprintf(stderr, "ipcscope-worker: cannot listen: %s\n", std::strerror(errno));
        return kRuntimeFailure;
    }
    messaging.tcpPort.store(port, std::memory_order_relaxed);
    messaging.serverReady.store(1, std::memory_order_release);
    const uint32_t expected = context.segment().control.expectedClients.load();
    struct Connection
    {
        int fd;
        int client = -1;
    };
    std::vector<Connection> connections;
    OrderedReceiver receiver;
    uint32_t closed = 0;
    while (closed < expected) {
        if (context.stopRequested())
            return kStopped;
        std::vector<pollfd> entries{{unixListener, POLLIN, 0}, {tcpListener, POLLIN, 0}};
        for (const Connection& connection : connections)
            entries.push_back({connection.fd, POLLIN, 0});
        context.probe().setState(ipc::WorkerState::WaitingMessage);
        if (::poll(entries.data(), entries.size(), 20) <= 0)
            continue;
        context.probe().setState(ipc::WorkerState::Working);
        for (int listener : {0, 1})
            if (entries[size_t(listener)].revents & POLLIN)
                if (const int fd =
                        ::accept4(entries[size_t(listener)].fd, nullptr, nullptr, SOCK_CLOEXEC);
                    fd >= 0)
                    connections.push_back({fd});
        for (size_t i = 2; i < entries.size(); ++i) {
            if (!(entries[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            Connection& connection = connections[i - 2];
            Message message{};
            const IoResult result = ipc::receiveMessage(context, connection.fd, &message);
            if (result == IoResult::Ok) {
                connection.client = int(message.from);
                receiver.take(context, message);
            } else if (result == IoResult::Closed || result == IoResult::Failed) {
                closedReport(context, connection.client);
                ::close(connection.fd);
                connection.fd = -1;
                ++closed;
            } else {
                return kStopped;
            }
        }
        std::erase_if(connections, [](const Connection& c) { return c.fd < 0; });
    }
    ::close(unixListener);
    ::close(tcpListener);
    ::unlink(args.path.c_str());
    return kOk;
}

// Even clients use the Unix-domain socket, odd ones TCP on 127.0.0.1.
int runSocketClient(ipc::WorkerContext& context, const WorkerArgs& args)
{
    const bool tcp = context.slotIndex() % 2 == 1;
    const int fd = ipc::connectWhenListening(context, tcp ? std::string() : args.path);
    if (fd < 0)
        return kStopped;
    const uint32_t total = messagesPerWorker(context);
    for (uint32_t seq = 0; seq < total; ++seq) {
        if (!context.waitWhilePaused() || (seq > 0 && !context.pauseFor(sendGapUs(context)))) {
            ::close(fd);
            return kStopped;
        }
        if (ipc::sendMessage(context, fd, dataMessage(context, seq)) != IoResult::Ok) {
            ::close(fd);
            return context.stopRequested() ? kStopped : kRuntimeFailure;
        }
        context.probe().record(ipc::EventType::MessageSent, 0, int64_t(seq));
        context.probe().addOp();
    }
    ::close(fd); // the server sees the close as end of file
    return kOk;
}

// The manager's server process: the dict and the list live here, in this
// process's own memory; clients change them only through requests.
int runManagerServer(ipc::WorkerContext& context, const WorkerArgs& args)
{
    auto& messaging = context.segment().messaging;
    const int listener = ipc::listenUnix(args.path);
    if (listener < 0) {
        std::fprintf(stderr, "ipcscope-worker: cannot listen on %s: %s\n", args.path.c_str(),
                     std::strerror(errno));
        return kRuntimeFailure;
    }
    messaging.serverReady.store(1, std::memory_order_release);
    std::map<int64_t, int64_t> dict;
    std::vector<int64_t> list;
    std::vector<int> connections;
    const uint32_t expected = context.segment().control.expectedClients.load();
    uint32_t closed = 0;
    while (closed < expected) {
        if (context.stopRequested())
            return kStopped;
        std::vector<pollfd> entries{{listener, POLLIN, 0}};
        for (int fd : connections)
            entries.push_back({fd, POLLIN, 0});
        context.probe().setState(ipc::WorkerState::WaitingMessage);
        if (::poll(entries.data(), entries.size(), 20) <= 0)
            continue;
        context.probe().setState(ipc::WorkerState::Working);
        if (entries[0].revents & POLLIN)
            if (const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC); fd >= 0)
                connections.push_back(fd);
        for (size_t i = 1; i < entries.size(); ++i) {
            if (!(entries[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            int& fd = connections[i - 1];
            Message request{};
            const IoResult result = ipc::receiveMessage(context, fd, &request);
            if (result != IoResult::Ok) {
                if (result == IoResult::Stopped)
                    return kStopped;
                ::close(fd);
                fd = -1;
                ++closed;
                continue;
            }
            Message reply{uint32_t(MessageKind::Reply),
                          uint32_t(context.slotIndex()),
                          request.seq,
                          ipc::monotonicNs(),
                          0,
                          0};
            if (request.kind == uint32_t(MessageKind::DictSet)) {
                dict[request.value] = request.extra;
                if (request.value >= 0 && request.value < ipc::kMaxManagerKeys) {
                    messaging.managerDict[request.value].store(request.extra,
                                                               std::memory_order_relaxed);
                    messaging.managerKeyPresent[request.value].store(1, std::memory_order_relaxed);
                }
                reply.value = int64_t(dict.size());
            } else if (request.kind == uint32_t(MessageKind::ListAppend)) {
                list.push_back(request.value);
                messaging.managerListLength.store(int64_t(list.size()), std::memory_order_relaxed);
                reply.value = int64_t(list.size());
            }
            messaging.managerRequests.fetch_add(1, std::memory_order_relaxed);
            context.probe().addOp();
            if (ipc::sendMessage(context, fd, reply) != IoResult::Ok) {
                ::close(fd);
                fd = -1;
                ++closed;
            }
        }
        std::erase(connections, -1);
    }
    ::close(listener);
    ::unlink(args.path.c_str());
    return kOk;
}

// Each round: d[my id] = round, then l.append(round); every request waits
// for the server's reply (a proxy call is a round trip).
int runManagerClient(ipc::WorkerContext& context, const WorkerArgs& args)
{
    const int fd = ipc::connectWhenListening(context, args.path);
    if (fd < 0)
        return kStopped;
    const uint32_t rounds = messagesPerWorker(context);
    uint64_t seq = 0;
    for (uint32_t round = 0; round < rounds; ++round) {
        if (!context.waitWhilePaused() || (round > 0 && !context.pauseFor(sendGapUs(context)))) {
            ::close(fd);
            return kStopped;
        }
        for (const MessageKind kind : {MessageKind::DictSet, MessageKind::ListAppend}) {
            const uint64_t began = ipc::monotonicNs();
            const Message request{uint32_t(kind),
                                  uint32_t(context.slotIndex()),
                                  seq,
                                  began,
                                  kind == MessageKind::DictSet ? context.slotIndex()
                                                               : int64_t(round),
                                  int64_t(round)};
            Message reply{};
            if (ipc::sendMessage(context, fd, request) != IoResult::Ok ||
                ipc::receiveMessage(context, fd, &reply) != IoResult::Ok) {
                ::close(fd);
                return context.stopRequested() ? kStopped : kRuntimeFailure;
            }
            context.probe().record(ipc::EventType::ManagerRequest,
                                 kind == MessageKind::DictSet ? 0 : 1,
                                 int64_t(ipc::monotonicNs() - began), int64_t(seq));
            context.probe().addOp();
            ++seq;
        }
    }
    ::close(fd);
    return kOk;
}

} // namespace ipcscope::worker
