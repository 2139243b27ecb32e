#include "WaitForGraph.h"

#include <QHash>

namespace ipcscope {

QList<WaitEdge> waitForEdges(const ipc::Segment& segment)
{
    QList<WaitEdge> edges;
    for (int id = 0; id < ipc::kMaxWorkers; ++id) {
        const ipc::WorkerSlot& slot = segment.workerSlots[id];
        if (slot.inUse.load(std::memory_order_relaxed) == 0)
            continue;
        const int lock = slot.waitingForLock.load(std::memory_order_relaxed);
        if (lock < 0 || lock >= ipc::kMaxLocks)
            continue;
        const int holder = segment.locks[lock].holderWorker.load(std::memory_order_relaxed);
        if (holder >= 0 && holder != id)
            edges.append({id, lock, holder});
    }
    return edges;
}

QList<WaitEdge> findWaitCycle(const QList<WaitEdge>& edges)
{
    QHash<int, WaitEdge> next;
    for (const WaitEdge& edge : edges)
        next.insert(edge.worker, edge);
    for (const WaitEdge& start : edges) {
        // Walk at most as many steps as there are edges; a revisit is a cycle.
        QList<WaitEdge> path;
        QHash<int, qsizetype> seenAt;
        int at = start.worker;
        while (next.contains(at) && !seenAt.contains(at)) {
            seenAt.insert(at, path.size());
            path.append(next.value(at));
            at = path.last().holder;
        }
        if (seenAt.contains(at))
            return path.mid(seenAt.value(at));
    }
    return {};
}

} // namespace ipcscope
