#include "RaceAnalyzer.h"

#include <algorithm>

namespace ipcscope {

void RaceAnalyzer::feed(const RecordedEvent& event)
{
    if (event.type != ipc::EventType::CounterRead && event.type != ipc::EventType::CounterWrite)
        return;
    if (event.object != 0)
        return; // object 1: a process's private copy (counter-unshared), nobody else's to race
    if (event.worker < 0 || event.worker >= ipc::kMaxWorkers)
        return;
    OpenWindow& mine = m_open[size_t(event.worker)];
    if (event.type == ipc::EventType::CounterRead) {
        mine = {true, event.time, event.a};
        return;
    }
    if (!mine.open)
        return; // its read was dropped with a full ring
    mine.open = false;
    // A write names the value its read saw (b). Another value: the events
    // between were dropped with a full ring and this read and write belong to
    // different increments; pairing them would invent a window spanning the
    // gap, overlapping everything in it.
    if (event.b != mine.valueRead)
        return;
    const Window closed{mine.readTime, event.time, mine.valueRead, event.worker};
    const auto place =
        std::upper_bound(m_byWrite.begin(), m_byWrite.end(), closed.writeTime,
                         [](double time, const Window& window) { return time < window.writeTime; });
    if (m_byWrite.end() - place > kMaxLateness)
        return;
    const auto from =
        std::lower_bound(m_byWrite.begin(), place, closed.readTime,
                         [](const Window& window, double time) { return window.writeTime < time; });
    for (auto w = from; w != place; ++w) // closed while ours was open
        overlap(*w, closed);
    for (auto w = place; w != m_byWrite.end(); ++w) // closed later, opened before ours closed
        if (w->readTime <= closed.writeTime)
            overlap(*w, closed);
    m_byWrite.insert(place, closed); // at the end but for late ones
    if (m_byWrite.size() > kHistory)
        m_byWrite.pop_front();
}

void RaceAnalyzer::overlap(const Window& other, const Window& closed)
{
    if (other.worker == closed.worker)
        return;
    ++m_total;
    m_new.append({std::max(closed.writeTime, other.writeTime), other.worker, closed.worker,
                  other.valueRead, closed.valueRead});
}

QVector<RaceOverlap> RaceAnalyzer::takeNewOverlaps()
{
    QVector<RaceOverlap> taken;
    taken.swap(m_new);
    return taken;
}

} // namespace ipcscope
