#pragma once
// Creating (parent) and attaching (worker) the session segment.
#include "Layout.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ipcscope::ipc {

// Name of a session segment: ipcscope_<uid>_<creator pid>_<token as hex>.
std::string segmentName(uint32_t uid, int32_t pid, uint64_t token);
// Parses a segment name; false if it is not one of ours.
bool parseSegmentName(const std::string& name, uint32_t* uid, int32_t* pid, uint64_t* token);

uint64_t randomToken();

// The parent's handle: creates the shared memory object (create_only, 0600),
// sizes it, maps it and constructs the whole layout before any worker starts.
// The destructor unmaps and unlinks it.
class OwnedSegment
{
public:
    // Throws std::runtime_error with a readable message on failure.
    OwnedSegment(uint64_t token, uint32_t queueCapacity, uint32_t semaphorePermits = 1);
    ~OwnedSegment();
    OwnedSegment(const OwnedSegment&) = delete;
    OwnedSegment& operator=(const OwnedSegment&) = delete;

    const std::string& name() const { return m_name; }
    uint64_t token() const { return m_token; }
    Segment& segment() { return *m_segment; }
    const Segment& segment() const { return *m_segment; }

private:
    struct Mapping;
    std::string m_name;
    uint64_t m_token;
    std::unique_ptr<Mapping> m_mapping;
    Segment* m_segment = nullptr;
};

// A worker's (or a test's) view of an existing segment. Checks that it is
// really ours: size, magic, layout version, token, owner.
class AttachedSegment
{
public:
    AttachedSegment();
    ~AttachedSegment();
    AttachedSegment(const AttachedSegment&) = delete;
    AttachedSegment& operator=(const AttachedSegment&) = delete;

    // Returns an empty string on success, otherwise one line saying what is wrong.
    std::string attach(const std::string& name, uint64_t expectedToken);
    Segment& segment() { return *m_segment; }

private:
    struct Mapping;
    std::unique_ptr<Mapping> m_mapping;
    Segment* m_segment = nullptr;
};

// Removes segments named ipcscope_<our uid>_<pid>_* whose creator pid no
// longer exists. Returns the names removed.
std::vector<std::string> removeStaleSegments();

} // namespace ipcscope::ipc
