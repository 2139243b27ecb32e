#include "Segment.h"

#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/shared_memory_object.hpp>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <dirent.h>
#include <new>
#include <random>
#include <signal.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace bip = boost::interprocess;

namespace ipcscope::ipc {

GuardLock::GuardLock()
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &attributes);
    pthread_mutexattr_destroy(&attributes);
    holderWorker.store(-1);
}

Segment::Segment(uint64_t token, uint32_t queueCapacity, uint32_t semaphorePermits)
    : semaphore(semaphorePermits), queue(queueCapacity)
{
    header.magic = kMagic;
    header.layoutVersion = kLayoutVersion;
    header.segmentSize = uint32_t(sizeof(Segment));
    header.token = token;
    header.creatorPid = int32_t(getpid());
    header.creatorUid = uint32_t(getuid());
    control.runState.store(uint32_t(RunState::Starting));
    for (auto& enabled : control.lockEnabled)
        enabled.store(1);
    control.counterShared.store(1);
    control.frozenHolder.store(-1);
    for (auto& slot : workerSlots)
        slot.waitingForLock.store(-1);
}

std::string segmentName(uint32_t uid, int32_t pid, uint64_t token)
{
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "ipcscope_%u_%d_%016" PRIx64, uid, pid, token);
    return buffer;
}

bool parseSegmentName(const std::string& name, uint32_t* uid, int32_t* pid, uint64_t* token)
{
    unsigned u = 0;
    int p = 0;
    uint64_t t = 0;
    int consumed = 0;
    if (std::sscanf(name.c_str(), "ipcscope_%u_%d_%16" SCNx64 "%n", &u, &p, &t, &consumed) != 3 ||
        size_t(consumed) != name.size())
        return false;
    *uid = u;
    *pid = p;
    *token = t;
    return true;
}

uint64_t randomToken()
{
    std::random_device device;
    return (uint64_t(device()) << 32) ^ device();
}

struct OwnedSegment::Mapping
{
    bip::shared_memory_object object;
    bip::mapped_region region;
};

OwnedSegment::OwnedSegment(uint64_t token, uint32_t queueCapacity, uint32_t semaphorePermits)
    : m_name(segmentName(getuid(), getpid(), token)), m_token(token)
{
    if (queueCapacity < 1 || queueCapacity > uint32_t(kMaxQueueCapacity))
        throw std::runtime_error("queue capacity out of range");
    try {
        bip::permissions ownerOnly(0600); // Boost's default would be 0644
        m_mapping = std::make_unique<Mapping>();
        m_mapping->object =
            bip::shared_memory_object(bip::create_only, m_name.c_str(), bip::read_write, ownerOnly);
        m_mapping->object.truncate(sizeof(Segment));
        m_mapping->region = bip::mapped_region(m_mapping->object, bip::read_write);
    } catch (const bip::interprocess_exception& e) {
        bip::shared_memory_object::remove(m_name.c_str());
        throw std::runtime_error("cannot create shared memory segment " + m_name + ": " + e.what());
    }
    // Constructed once, here, before any worker can see it. Trivial members
    // (the event records) stay untouched, so their pages cost nothing until used.
    m_segment =
        new (m_mapping->region.get_address()) Segment(token, queueCapacity, semaphorePermits);
}

OwnedSegment::~OwnedSegment()
{
    // Not destroying the mutexes: a killed worker may still "hold" one, and
    // the memory goes away with the unlink and the last unmap anyway.
    m_mapping.reset();
    bip::shared_memory_object::remove(m_name.c_str());
}

struct AttachedSegment::Mapping
{
    bip::shared_memory_object object;
    bip::mapped_region region;
};

AttachedSegment::AttachedSegment() = default;
AttachedSegment::~AttachedSegment() = default;

std::string AttachedSegment::attach(const std::string& name, uint64_t expectedToken)
{
    auto mapping = std::make_unique<Mapping>();
    try {
        mapping->object = bip::shared_memory_object(bip::open_only, name.c_str(), bip::read_write);
    } catch (const bip::interprocess_exception& e) {
        return "cannot open segment " + name + ": " + e.what();
    }
    struct stat info;
    if (fstat(mapping->object.get_mapping_handle().handle, &info) != 0)
        return "cannot stat segment " + name;
    if (info.st_uid != getuid())
        return "segment " + name + " belongs to uid " + std::to_string(info.st_uid) +
               ", not to us (uid " + std::to_string(getuid()) + ")";
    if (size_t(info.st_size) < sizeof(SegmentHeader))
        return "segment " + name + " is truncated: " + std::to_string(info.st_size) + " bytes";
    try {
        mapping->region = bip::mapped_region(mapping->object, bip::read_write);
    } catch (const bip::interprocess_exception& e) {
        return "cannot map segment " + name + ": " + e.what();
    }
    const auto* header = static_cast<const SegmentHeader*>(mapping->region.get_address());
    char buffer[160];
    if (header->magic != kMagic) {
        std::snprintf(buffer, sizeof buffer,
                      "segment %s is not an ipcscope segment (magic %016" PRIx64 ")", name.c_str(),
                      header->magic);
        return buffer;
    }
    if (header->layoutVersion != kLayoutVersion)
        return "segment " + name + " has layout version " + std::to_string(header->layoutVersion) +
               ", this worker speaks version " + std::to_string(kLayoutVersion);
    if (header->segmentSize != sizeof(Segment) || size_t(info.st_size) < sizeof(Segment))
        return "segment " + name +
               " is truncated or of another size: " + std::to_string(info.st_size) +
               " bytes, expected " + std::to_string(sizeof(Segment));
    if (header->token != expectedToken) {
        std::snprintf(buffer, sizeof buffer,
                      "segment %s has token %016" PRIx64 ", expected %016" PRIx64, name.c_str(),
                      header->token, expectedToken);
        return buffer;
    }
    m_mapping = std::move(mapping);
    m_segment = static_cast<Segment*>(m_mapping->region.get_address());
    return {};
}

std::vector<std::string> removeStaleSegments()
{
    std::vector<std::string> removed;
    DIR* dir = opendir("/dev/shm");
    if (!dir)
        return removed;
    const uint32_t me = getuid();
    while (dirent* entry = readdir(dir)) {
        uint32_t uid;
        int32_t pid;
        uint64_t token;
        if (!parseSegmentName(entry->d_name, &uid, &pid, &token) || uid != me)
            continue;
        if (pid > 0 && (kill(pid, 0) == 0 || errno == EPERM))
            continue; // its creator is alive: not stale
        if (bip::shared_memory_object::remove(entry->d_name))
            removed.emplace_back(entry->d_name);
    }
    closedir(dir);
    return removed;
}

} // namespace ipcscope::ipc
