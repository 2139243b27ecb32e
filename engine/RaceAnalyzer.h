#pragma once
// Finds overlapping read-modify-write windows on the shared counter: worker A
// read, worker B read before A wrote (or the other way round), so one of the
// two increments is lost. Fed with the events the Sampler drains; each pair is
// counted once, when the second of its two windows has been seen whole.
#include "Recording.h"

#include <QHash>
#include <QVector>

#include <deque>

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
    };
    struct WorkerWindows
    {
        bool open = false;
        double openReadTime = 0;
        qint64 openValue = 0;
        std::deque<Window> recent; // closed, oldest first
    };
    // Deep enough to cover a sampling period of out-of-order arrival between rings.
    static constexpr size_t kHistoryPerWorker = 512;

    QHash<int, WorkerWindows> m_workers;
    QVector<RaceOverlap> m_new;
    quint64 m_total = 0;
};

} // namespace ipcscope
