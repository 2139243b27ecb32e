#pragma once
// The only reader of the event rings. Runs on its own thread at the sampling
// rate: reads the gauges (atomics only, never an interprocess lock), drains
// every ring, appends to the Recording and feeds the analyzers.
#include "DeliveryAudit.h"
#include "MechanismAudit.h"
#include "RaceAnalyzer.h"
#include "Recording.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <vector>

namespace ipcscope {

class Sampler : public QThread
{
    Q_OBJECT
public:
    static constexpr int kDefaultRateHz = 1000;
    // A round takes from the rings as many events as it can analyze within
    // its budget: a share of the sampling period, in CPU time, at the cost
    // per event measured over the last rounds (see sampleOnce). What it does
    // not take stays in the rings; a ring that fills drops and counts. The
    // sampler's cost is bounded by design, whatever the workers do:
    // - up to kEventBudgetShare while that is enough to take every event
    //   the workers make (nothing dropped: 1 M events/s from 8 workers costs
    //   about 12 % of a core; the margin is for a machine busy with more);
    // - kOverloadBudgetShare when even that would not keep up (64 workers
    //   spinning on a lock make 12 M events/s, ten times what one thread can
    //   analyze): events are dropped either way, the rounds drop a few more
    //   and leave the cores to the workers and the window. With what a round
    //   costs besides events (~40 us with 64 workers: gauges, counters, the
    //   wait-for graph, sleeping and waking), under 10 % of a core at 1 kHz.
    static constexpr double kEventBudgetShare = 0.25;
    static constexpr double kOverloadBudgetShare = 0.04;
    // Whatever the budget says: at least this many (progress), at most that
    // many (the round's buffers stay small). 4 M events/s at 1 kHz is four
    // times what the capture benchmark asks.
    static constexpr size_t kMinEventsPerRound = 256;
    static constexpr size_t kMaxEventsPerRound = 4'096;
    // A ring's first take of a round, at least, when many rings share it:
    // fewer rings a round (the next round serves the others) rather than a
    // few events from each, which costs more per event (cold ring and
    // per-worker state, one heap entry per ring).
    static constexpr size_t kMinEventsPerWorker = 64;
    // Every so many rounds the Sampler looks for slots newly in use (see sampleOnce).
    static constexpr quint64 kSlotScanRounds = 16;

    Sampler(ipc::Segment& segment, Recording& recording, QObject* parent = nullptr);
    ~Sampler() override;

    void setRateHz(int hz) { m_periodNs.store(1'000'000'000ull / uint64_t(std::max(1, hz))); }
    int rateHz() const { return int(1'000'000'000ull / m_periodNs.load()); }
    void requestStop() { m_stop.store(true); }
    // The scenario kind's name: which MechanismAudit section to keep up to date.
    void setScenarioKind(const QString& kind) { m_kind = kind; }

    // One sampling step. Called by the thread; after the thread has ended,
    // the owner calls it once more (final = true) to drain what is left.
    void sampleOnce(bool final = false);
    quint64 samplesTaken() const { return m_samplesTaken.load(); }
    // The most a round may spend on events, as a share of the period
    // (kEventBudgetShare; under overload the least of this and
    // kOverloadBudgetShare). 0: only kMinEventsPerRound a round (tests).
    void setEventBudgetShare(double share) { m_eventBudgetShare.store(std::max(0.0, share)); }
    // The most the next round takes from the rings (what the budget allows).
    size_t eventsAllowedPerRound() const;

protected:
    void run() override;

private:
    // One ring's events drained this round: m_drained[begin, end).
    struct Run
    {
        uint32_t begin;
        uint32_t end;
        int worker;
    };

    double secondsSinceStart(uint64_t ns) const;
    size_t drainRing(int id, size_t most);
    void mergeRunsByTime(uint64_t startNs);

    ipc::Segment& m_segment;
    Recording& m_recording;
    RaceAnalyzer m_races;
    DeliveryAudit m_audit;
    MechanismAudit m_mechanism;
    QString m_kind;
    // The round's buffers, reused from round to round (no allocation once
    // they reached kMaxEventsPerRound; only the final round may grow them).
    std::vector<ipc::EventRecord> m_drained;   // ring by ring, as drained
    std::vector<ipc::EventRecord> m_wholeRing; // the final round's, a ring at a time
    std::vector<Run> m_runs;
    std::vector<RecordedEvent> m_batch;                // the runs merged in time order
    std::vector<int> m_knownSlots;                     // the slots in use, last we looked
    std::vector<std::pair<int, quint64>> m_slotsInUse; // id, ops read this round
    std::vector<WorkerCounters> m_counters;
    std::vector<WorkerStateNow> m_statesNow;
    std::vector<int> m_fullShare; // rings that had more than their share this round
    size_t m_firstRing = 0;       // where the next round starts among the rings in use
    struct RunHead                // a run's next event, in the merge's heap
    {
        uint64_t timeNs;
        int worker;
        uint32_t run;
    };
    std::vector<RunHead> m_heads;
    // CPU per event, averaged over the last rounds (the first rounds assume
    // a slow machine and learn).
    std::atomic<double> m_nsPerEvent{100};
    std::atomic<double> m_eventBudgetShare{kEventBudgetShare};
    // Events the workers offer per sampling period (written or dropped by
    // their rings), averaged over about kOfferedAveragedOverNs of wall time;
    // each ring's total and the time at the last round.
    static constexpr double kOfferedAveragedOverNs = 20'000'000;
    std::atomic<double> m_eventsOffered{0};
    uint64_t m_lastRoundNs = 0;
    std::vector<uint64_t> m_offeredBefore = std::vector<uint64_t>(ipc::kMaxWorkers);
    std::atomic<uint64_t> m_periodNs{1'000'000'000ull / kDefaultRateHz};
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_samplesTaken{0};
};

} // namespace ipcscope
