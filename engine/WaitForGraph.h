#pragma once
// Who waits for whom, read from the segment's gauges (a worker's
// waitingForLock, a lock's holderWorker) without taking any lock. A worker
// has at most one outgoing edge, so a cycle is found by walking.
#include "ipc/Layout.h"

#include <QList>

#include <span>

namespace ipcscope {

struct WaitEdge
{
    int worker; // blocked
    int lock;   // on this guard lock
    int holder; // held by this worker
};

// The wait-for edges right now (only workers blocked on a held lock).
QList<WaitEdge> waitForEdges(const ipc::Segment& segment);
// The same among the given slots only (the Sampler knows which are in use:
// reading every slot's flag costs a page walk each, on every sample).
QList<WaitEdge> waitForEdges(const ipc::Segment& segment, std::span<const int> slotsInUse);
// The first cycle among the edges, in order (W0 waits for W1 … waits for W0);
// empty if there is none.
QList<WaitEdge> findWaitCycle(const QList<WaitEdge>& edges);

} // namespace ipcscope
