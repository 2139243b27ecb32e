#include "WaitForGraph.h"

#include <array>
#include <vector>

namespace ipcscope {

QList<WaitEdge> waitForEdges(const ipc::Segment& segment)
{
    std::vector<int> slotsInUse;
    for (int id = 0; id < ipc::kMaxWorkers; ++id)
        if (segment.workerSlots[id].inUse.load(std::memory_order_relaxed) != 0)
            slotsInUse.push_back(id);
    return waitForEdges(segment, slotsInUse);
}

QList<WaitEdge> waitForEdges(const ipc::Segment& segment, std::span<const int> slotsInUse)
{
    QList<WaitEdge> edges;
    for (const int id : slotsInUse) {
        const int lock = segment.workerSlots[id].waitingForLock.load(std::memory_order_relaxed);
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
    // Runs on every sample (MechanismAudit::observe): arrays indexed by
    // worker id, no hashing and no allocation unless a cycle is found. Each
    // worker is walked through once: a walk that reaches a worker an earlier
    // walk passed ends there, as that walk found no cycle beyond it.
    std::array<int, ipc::kMaxWorkers> edgeOf; // worker -> its edge (the last one given)
    edgeOf.fill(-1);
    for (qsizetype e = 0; e < edges.size(); ++e)
        if (edges[e].worker >= 0 && edges[e].worker < ipc::kMaxWorkers)
            edgeOf[size_t(edges[e].worker)] = int(e);
    std::array<int, ipc::kMaxWorkers> walkedBy; // which walk (start edge) passed this worker
    walkedBy.fill(-1);
    const auto edgeFrom = [&](int worker) {
        return worker >= 0 && worker < ipc::kMaxWorkers ? edgeOf[size_t(worker)] : -1;
    };
    for (qsizetype start = 0; start < edges.size(); ++start) {
        int at = edges[start].worker;
        while (edgeFrom(at) >= 0 && walkedBy[size_t(at)] < 0) {
            walkedBy[size_t(at)] = int(start);
            at = edges[edgeFrom(at)].holder;
        }
        if (edgeFrom(at) < 0 || walkedBy[size_t(at)] != int(start))
            continue;          // ends at a worker that waits for nobody, or on an earlier walk
        QList<WaitEdge> cycle; // from where this walk entered it, as the walk went
        int in = at;
        do {
            cycle.append(edges[edgeFrom(in)]);
            in = cycle.last().holder;
        } while (in != at);
        return cycle;
    }
    return {};
}

} // namespace ipcscope
