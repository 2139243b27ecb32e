#pragma once
// The worker's side of observation: a few stores into its own slot. Costs a
// timestamp read and a ring push; never blocks, never allocates.
#include "Clock.h"
#include "Layout.h"

namespace ipcscope::ipc {

class Probe
{
public:
    explicit Probe(WorkerSlot& slot) : m_slot(slot) {}

    void record(EventType type, uint16_t object, int64_t a, int64_t b = 0) noexcept
    {
        emitAt(monotonicNs(), type, object, a, b);
    }

    void emitAt(uint64_t timeNs, EventType type, uint16_t object, int64_t a, int64_t b = 0) noexcept
    {
#ifndef IPCSCOPE_PROBE_OFF // the benchmark's baseline: the same code, observed by nobody
        m_slot.ring.push(EventRecord{timeNs, uint16_t(type), object, 0, a, b});
#else
        (void)timeNs, (void)type, (void)object, (void)a, (void)b;
#endif
    }

    // `type` at `timeNs`, and with it lock `lock` acquired just before (its
    // wait `lockNs`) or released just after (its hold `lockNs`): one record
    // (Layout.h, kRidesLockAcquired), or two when lockNs needs over 32 bits.
    void emitWithLockEvent(uint64_t timeNs, EventType type, uint16_t object, int64_t a, int64_t b,
                           EventType lockEvent, int lock, uint64_t lockNs) noexcept
    {
        const bool acquired = lockEvent == EventType::LockAcquired;
        if (lockNs > UINT32_MAX) {
            if (acquired)
                emitAt(timeNs, lockEvent, uint16_t(lock), int64_t(lockNs));
            emitAt(timeNs, type, object, a, b);
            if (!acquired)
                emitAt(timeNs, lockEvent, uint16_t(lock), int64_t(lockNs));
            return;
        }
#ifndef IPCSCOPE_PROBE_OFF
        const uint16_t riding = (acquired ? kRidesLockAcquired : kRidesLockReleased) |
                                uint16_t(lock << kRidingLockShift);
        m_slot.ring.push(
            EventRecord{timeNs, uint16_t(uint16_t(type) | riding), object, uint32_t(lockNs), a, b});
#else
        (void)type, (void)object, (void)a, (void)b, (void)lock;
#endif
    }

    void setState(WorkerState state) noexcept
    {
        if (state == m_state)
            return;
        const uint64_t now = monotonicNs();
        const WorkerState previous = m_state;
        m_state = state;
        m_slot.stateSinceNs.store(now, std::memory_order_relaxed);
        m_slot.state.store(uint32_t(state), std::memory_order_relaxed);
        emitAt(now, EventType::State, 0, int64_t(state), int64_t(previous));
    }

    // The same without a State event, for changes another event already
    // implies (LockAcquired = holding, LockReleased = working): fewer events
    // per operation, and the Recording derives the interval from that event.
    void setStateImplied(WorkerState state, uint64_t now) noexcept
    {
        m_state = state;
        m_slot.stateSinceNs.store(now, std::memory_order_relaxed);
        m_slot.state.store(uint32_t(state), std::memory_order_relaxed);
    }

    WorkerState state() const noexcept
    {
        return m_state;
    }

    // Counters have one writer (this worker): a load and a store, no RMW.
    void addOp() noexcept
    {
        addAsOnlyWriter(m_slot.ops, 1);
    }
    void addBlocked(uint64_t ns) noexcept
    {
        addAsOnlyWriter(m_slot.blockedNs, ns);
    }

private:
    WorkerSlot& m_slot;
    WorkerState m_state = WorkerState::Starting;
};

} // namespace ipcscope::ipc
