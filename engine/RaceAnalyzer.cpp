#include "RaceAnalyzer.h"

namespace ipcscope {

void RaceAnalyzer::feed(const RecordedEvent& event)
{
    if (event.type == ipc::EventType::CounterRead) {
        WorkerWindows& mine = m_workers[event.worker];
        mine.open = true;
        mine.openReadTime = event.time;
        mine.openValue = event.a;
        return;
    }
    if (event.type != ipc::EventType::CounterWrite)
        return;
    WorkerWindows& mine = m_workers[event.worker];
    if (!mine.open)
        return; // its read was dropped with a full ring
    mine.open = false;
    const Window closed{mine.openReadTime, event.time, mine.openValue};
    for (auto it = m_workers.begin(); it != m_workers.end(); ++it) {
        if (it.key() == event.worker)
            continue;
        const std::deque<Window>& theirs = it.value().recent;
        // Their windows are disjoint and in order: walk back until one ended
        // before ours began.
        for (auto w = theirs.rbegin(); w != theirs.rend() && w->writeTime >= closed.readTime; ++w) {
            if (w->readTime <= closed.writeTime) {
                ++m_total;
                m_new.append({std::max(closed.writeTime, w->writeTime), it.key(), event.worker,
                              w->valueRead, closed.valueRead});
            }
        }
    }
    mine.recent.push_back(closed);
    if (mine.recent.size() > kHistoryPerWorker)
        mine.recent.pop_front();
}

QVector<RaceOverlap> RaceAnalyzer::takeNewOverlaps()
{
    QVector<RaceOverlap> taken;
    taken.swap(m_new);
    return taken;
}

} // namespace ipcscope
