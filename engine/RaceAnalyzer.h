#pragma once
// Finds overlapping read-modify-write windows on the shared counter: worker A
// read, worker B read before A wrote (or the other way round), so one of the
// two increments is lost. Fed with the events the Sampler drains; each pair is
// counted once, when the second of its two windows has been seen whole.
#include "Recording.h"

#include <QVector>

#include <vector>

namespace ipcscope {

class RaceAnalyzer
{
public:
    void feed(const RecordedEvent& event);
    QVector<RaceOverlap> takeNewOverlaps();
    quint64 overlapCount() const { return m_total; }

private:
    struct Window
    {
        double readTime;
        double writeTime;
        qint64 valueRead;
        int worker;
    };
    struct OpenWindow
    {
        bool open = false;
        double readTime = 0;
        qint64 valueRead = 0;
    };
    // Every worker's recent windows, ordered by the time they closed. A window
    // overlaps exactly (1) those that closed between its read and its write, a
    // contiguous stretch just before its place, and (2) those that closed
    // after it but opened before it closed: none when it is the newest (they
    // will find it when they close), and for a window that comes late (rings
    // are drained in turns) a short stretch after its place. Both are found
    // from the newest end (a galloping search), so a window costs the log of
    // how far back it reaches, whatever the number of workers.
    // A ring of kHistory windows: position p (0 = oldest) is at
    // m_byWrite[(m_oldest + p) % kHistory].
    static constexpr size_t kHistory = 65'536;
    static_assert((kHistory & (kHistory - 1)) == 0);
    // A window later than this many newer ones comes from a ring drained in
    // part (the Sampler is overloaded and events are being dropped anyway):
    // it is not analyzed, which costs less than the event is worth.
    static constexpr size_t kMaxLateness = 256;
    Window& at(size_t position) { return m_byWrite[(m_oldest + position) & (kHistory - 1)]; }
    void insert(size_t position, const Window& window);
    template <typename Earlier> size_t lastPositionBefore(size_t end, Earlier earlier);
    std::vector<Window> m_byWrite = std::vector<Window>(kHistory);
    size_t m_oldest = 0;
    size_t m_windows = 0;
    std::vector<OpenWindow> m_open = std::vector<OpenWindow>(ipc::kMaxWorkers);
    void overlap(const Window& earlier, const Window& closed);
    QVector<RaceOverlap> m_new;
    quint64 m_total = 0;
};

} // namespace ipcscope
