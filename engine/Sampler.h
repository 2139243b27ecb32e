#pragma once
// The only reader of the event rings. Runs on its own thread at the sampling
// rate: reads the gauges (atomics only, never an interprocess lock), drains
// every ring, appends to the Recording and feeds the analyzers.
#include "DeliveryAudit.h"
#include "MechanismAudit.h"
#include "RaceAnalyzer.h"
#include "Recording.h"

#include <QThread>

#include <atomic>
#include <vector>

namespace ipcscope {

class Sampler : public QThread
{
    Q_OBJECT
public:
    static constexpr int kDefaultRateHz = 1000;
    // The most one round takes from the rings (see sampleOnce): 4 M events/s
    // at 1 kHz, four times what the capture benchmark asks, and about a
    // millisecond of work when 64 workers flood their rings.
    static constexpr size_t kMaxEventsPerRound = 4'096;
    static constexpr size_t kMinEventsPerWorker = 64;

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

protected:
    void run() override;

private:
    double secondsSinceStart(uint64_t ns) const;
    void orderBatchByTime();

    ipc::Segment& m_segment;
    Recording& m_recording;
    RaceAnalyzer m_races;
    DeliveryAudit m_audit;
    MechanismAudit m_mechanism;
    QString m_kind;
    std::vector<ipc::EventRecord> m_drainBuffer;
    QVector<RecordedEvent> m_batch;
    std::vector<std::pair<int, quint64>> m_slotsInUse; // id, ops read this round
    std::vector<qsizetype> m_runStarts;
    std::vector<int> m_fullShare; // rings that had more than their share this round // where each
                                  // ring's run begins in m_batch
    std::atomic<uint64_t> m_periodNs{1'000'000'000ull / kDefaultRateHz};
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_samplesTaken{0};
};

} // namespace ipcscope
