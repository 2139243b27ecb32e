#include "Messaging.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace ipcscope::ipc {

namespace {

constexpr int kPollSliceMs = 20;

// Polls for `events` in slices until ready, stop, or error.
IoResult waitFor(WorkerContext& context, int fd, short events)
{
    for (;;) {
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, kPollSliceMs);
        if (ready > 0)
            return IoResult::Ok; // readable, writable, or hung up: the read/write says which
        if (ready < 0 && errno != EINTR)
            return IoResult::Failed;
        if (context.stopRequested())
            return IoResult::Stopped;
    }
}

} // namespace

bool waitReadable(WorkerContext& context, int fd, int timeoutMs)
{
    pollfd entry{fd, POLLIN, 0};
    const int ready = ::poll(&entry, 1, timeoutMs);
    (void)context;
    return ready > 0;
}

IoResult sendMessage(WorkerContext& context, int fd, const Message& message)
{
    const auto* bytes = reinterpret_cast<const char*>(&message);
    size_t done = 0;
    while (done < sizeof message) {
        const ssize_t n =
            ::send(fd, bytes + done, sizeof message - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            done += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (const IoResult waited = waitFor(context, fd, POLLOUT); waited != IoResult::Ok)
                return waited;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return errno == EPIPE || errno == ECONNRESET ? IoResult::Closed : IoResult::Failed;
    }
    context.segment().messaging.sent.fetch_add(1, std::memory_order_relaxed);
    return IoResult::Ok;
}

IoResult receiveMessage(WorkerContext& context, int fd, Message* message)
{
    auto* bytes = reinterpret_cast<char*>(message);
    size_t done = 0;
    Probe& probe = context.probe();
    const WorkerState before = probe.state();
    bool blocked = false;
    uint64_t blockedSince = 0;
    auto unblock = [&] {
        if (blocked) {
            probe.addBlocked(monotonicNs() - blockedSince);
            probe.setState(before);
        }
    };
    while (done < sizeof *message) {
        const ssize_t n = ::recv(fd, bytes + done, sizeof *message - done, MSG_DONTWAIT);
        if (n > 0) {
            done += size_t(n);
            continue;
        }
        if (n == 0) {
            unblock();
            return IoResult::Closed;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!blocked) {
                blocked = true;
                blockedSince = monotonicNs();
                probe.setState(WorkerState::WaitingMessage);
            }
            if (const IoResult waited = waitFor(context, fd, POLLIN); waited != IoResult::Ok) {
                unblock();
                return waited;
            }
            continue;
        }
        if (errno == EINTR)
            continue;
        unblock();
        return errno == ECONNRESET ? IoResult::Closed : IoResult::Failed;
    }
    unblock();
    context.segment().messaging.received.fetch_add(1, std::memory_order_relaxed);
    return IoResult::Ok;
}

int listenUnix(const std::string& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    ::unlink(path.c_str());
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 ||
        ::listen(fd, 64) < 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int listenTcpLoopback(uint16_t* port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0; // the kernel picks a free port
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 ||
        ::listen(fd, 64) < 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) < 0) {
        ::close(fd);
        return -1;
    }
    *port = ntohs(address.sin_port);
    return fd;
}

int connectWhenListening(WorkerContext& context, const std::string& unixPath)
{
    while (!context.stopRequested()) {
        if (context.segment().messaging.serverReady.load(std::memory_order_acquire)) {
            int fd = -1;
            if (!unixPath.empty()) {
                fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                sockaddr_un address{};
                address.sun_family = AF_UNIX;
                std::strncpy(address.sun_path, unixPath.c_str(), sizeof address.sun_path - 1);
                if (fd >= 0 &&
                    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
                    return fd;
            } else {
                fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                sockaddr_in address{};
                address.sin_family = AF_INET;
                address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                // read only now: the server publishes it just before serverReady
                address.sin_port = htons(uint16_t(context.segment().messaging.tcpPort.load()));
                if (fd >= 0 &&
                    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
                    const int one = 1; // small messages: do not wait to coalesce them
                    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    return fd;
                }
            }
            if (fd >= 0)
                ::close(fd);
        }
        context.pauseFor(2000);
    }
    return -1;
}

} // namespace ipcscope::ipc
