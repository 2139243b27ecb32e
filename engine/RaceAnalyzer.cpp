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
    // Its place: after every window that closed no later (upper bound of the
    // write time); the first window that closed at or after its read (lower
    // bound). Both searched back from the newest end.
    // Too late (see kMaxLateness) is told by one look, before any search.
    if (m_windows > kMaxLateness && at(m_windows - 1 - kMaxLateness).writeTime > closed.writeTime)
        return;
    const size_t place = lastPositionBefore(
        m_windows, [&](const Window& w) { return w.writeTime <= closed.writeTime; });
    const size_t from =
        lastPositionBefore(place, [&](const Window& w) { return w.writeTime < closed.readTime; });
    for (size_t w = from; w != place; ++w) // closed while ours was open
        overlap(at(w), closed);
    for (size_t w = place; w != m_windows; ++w) // closed later, opened before ours closed
        if (at(w).readTime <= closed.writeTime)
            overlap(at(w), closed);
    insert(place, closed); // at the end but for late ones
}

// Positions [0, end) are ordered so that `earlier` holds for a prefix: the end
// of that prefix, found by galloping back from `end` (steps 1, 2, 4, ...)
// and halving the last step: O(log distance) reads, mostly near the newest.
template <typename Earlier> size_t RaceAnalyzer::lastPositionBefore(size_t end, Earlier earlier)
{
    size_t high = end; // positions from here on are not earlier
    size_t step = 1;
    while (high > 0) {
        const size_t probe = high - std::min(step, high);
        if (!earlier(at(probe))) {
            high = probe;
            step *= 2;
            continue;
        }
        size_t low = probe; // earlier
        while (high - low > 1) {
            const size_t middle = low + (high - low) / 2;
            (earlier(at(middle)) ? low : high) = middle;
        }
        return high;
    }
    return 0;
}

void RaceAnalyzer::insert(size_t position, const Window& window)
{
    if (m_windows == kHistory) { // the oldest goes (never the place of a window in time)
        m_oldest = (m_oldest + 1) & (kHistory - 1);
        --m_windows;
        position = position > 0 ? position - 1 : 0;
    }
    for (size_t p = m_windows; p > position; --p) // at most kMaxLateness moves
        at(p) = at(p - 1);
    at(position) = window;
    ++m_windows;
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
