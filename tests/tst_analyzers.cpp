// The analyzers on hand-made event streams: what they must conclude.
#include "DeliveryAudit.h"
#include "RaceAnalyzer.h"
#include "Sampler.h"
#include "WaitForGraph.h"
#include "ipc/Probe.h"
#include "ipc/Segment.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <random>

using namespace ipcscope;
using ipc::EventType;

class TestAnalyzers : public QObject
{
    Q_OBJECT

    static RecordedEvent event(double t, int worker, EventType type, qint64 a, qint64 b = 0)
    {
        return {t, worker, type, 0, a, b};
    }
    // A counter write of `written`, naming the value its read saw (as the probe does).
    static RecordedEvent write(double t, int worker, qint64 written)
    {
        return {t, worker, EventType::CounterWrite, 0, written, written - 1};
    }

    // A segment with `workers` slots in use (incrementers, idle: only what a
    // test pushes into their rings), and a Recording that knows them.
    struct SampledSegment
    {
        explicit SampledSegment(int workers) : owned(ipc::randomToken(), 1)
        {
            ipc::Segment& segment = owned.segment();
            segment.control.startNs.store(kStartNs);
            for (int id = 0; id < workers; ++id) {
                segment.workerSlots[id].role.store(uint32_t(ipc::Role::Incrementer));
                segment.workerSlots[id].inUse.store(1);
                recording.addWorker(id, ipc::Role::Incrementer, 1000 + id, 0);
            }
            sampler = std::make_unique<Sampler>(segment, recording);
        }
        // Pushes an event no analyzer draws conclusions from (a read of a
        // private copy); `sequence` tells events apart. False: the ring was full.
        bool push(int id, uint64_t timeNs, qint64 sequence)
        {
            return owned.segment().workerSlots[id].ring.push(
                {timeNs, uint16_t(EventType::CounterRead), 1, 0, sequence, 0});
        }
        ipc::EventRing& ring(int id) { return owned.segment().workerSlots[id].ring; }

        static constexpr uint64_t kStartNs = 1'000'000'000;
        ipc::OwnedSegment owned;
        Recording recording;
        std::unique_ptr<Sampler> sampler;
    };

private slots:
    void race_overlappingWindows_data()
    {
        QTest::addColumn<QVector<RecordedEvent>>("events");
        QTest::addColumn<quint64>("overlaps");
        QTest::newRow("disjoint") << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                                            write(2, 0, 1),
                                                            event(3, 1, EventType::CounterRead, 1),
                                                            write(4, 1, 2)}
                                  << quint64(0);
        QTest::newRow("interleaved")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(2, 1, EventType::CounterRead, 0), write(3, 0, 1),
                                      write(4, 1, 1)}
            << quint64(1);
        QTest::newRow("nested") << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                                          event(2, 1, EventType::CounterRead, 0),
                                                          write(3, 1, 1), write(4, 0, 1)}
                                << quint64(1);
        QTest::newRow("three at once")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(1.1, 1, EventType::CounterRead, 0),
                                      event(1.2, 2, EventType::CounterRead, 0),
                                      write(2, 0, 1),
                                      write(2.1, 1, 1),
                                      write(2.2, 2, 1)}
            << quint64(3);
        // The second worker's window arrives in a later batch although it
        // closed first: still one overlap, counted once.
        QTest::newRow("out of order batches")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0), write(5, 0, 1),
                                      event(2, 1, EventType::CounterRead, 0), write(3, 1, 1)}
            << quint64(1);
        // Worker 0's first write and second read were dropped with a full
        // ring: its remaining read and write belong to different increments
        // and make no window, so worker 1's window in the gap overlaps nothing.
        QTest::newRow("events dropped between read and write")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(2, 1, EventType::CounterRead, 1), write(3, 1, 2),
                                      write(5, 0, 3)}
            << quint64(0);
        // A private copy (object 1, counter-unshared) races with nobody.
        QTest::newRow("private copies")
            << QVector<RecordedEvent>{{1, 0, EventType::CounterRead, 1, 0, 0},
                                      {1.5, 1, EventType::CounterRead, 1, 0, 0},
                                      {2, 0, EventType::CounterWrite, 1, 1, 0},
                                      {2.5, 1, EventType::CounterWrite, 1, 1, 0}}
            << quint64(0);
    }

    void race_overlappingWindows()
    {
        QFETCH(QVector<RecordedEvent>, events);
        QFETCH(quint64, overlaps);
        RaceAnalyzer analyzer;
        for (const RecordedEvent& e : events)
            analyzer.feed(e);
        QCOMPARE(analyzer.overlapCount(), overlaps);
        QCOMPARE(quint64(analyzer.takeNewOverlaps().size()), overlaps);
        QVERIFY(analyzer.takeNewOverlaps().isEmpty());
    }

    // Many workers, random windows: the analyzer counts exactly the pairs a
    // brute-force check finds, whether the events come in time order or ring
    // by ring (each worker's events in a batch of its own, as the Sampler
    // drains them when it falls behind).
    void race_countsEveryOverlapOnce_data()
    {
        QTest::addColumn<bool>("ringByRing");
        QTest::newRow("time order") << false;
        QTest::newRow("ring by ring") << true;
    }

    void race_countsEveryOverlapOnce()
    {
        QFETCH(bool, ringByRing);
        constexpr int kWorkers = 6; // ring by ring: lateness up to 5 × 40 windows
        constexpr int kWindows = 40;
        std::mt19937 random(7);
        std::uniform_real_distribution<double> gap(0.0, 3.0);
        std::uniform_real_distribution<double> length(0.1, 2.0);
        QVector<std::pair<double, double>> windows[kWorkers];
        for (int w = 0; w < kWorkers; ++w) {
            double t = gap(random);
            for (int i = 0; i < kWindows; ++i) {
                const double read = t;
                const double written = read + length(random);
                windows[w].append({read, written});
                t = written + gap(random);
            }
        }
        quint64 expected = 0;
        for (int a = 0; a < kWorkers; ++a)
            for (int b = a + 1; b < kWorkers; ++b)
                for (const auto& x : windows[a])
                    for (const auto& y : windows[b])
                        expected += x.first <= y.second && y.first <= x.second;
        QVector<RecordedEvent> events;
        for (int w = 0; w < kWorkers; ++w)
            for (const auto& [read, written] : windows[w]) {
                events.append(event(read, w, EventType::CounterRead, 100));
                events.append(write(written, w, 101));
            }
        if (!ringByRing)
            std::stable_sort(
                events.begin(), events.end(),
                [](const RecordedEvent& x, const RecordedEvent& y) { return x.time < y.time; });
        RaceAnalyzer analyzer;
        for (const RecordedEvent& e : events)
            analyzer.feed(e);
        QVERIFY(expected > 50);
        QCOMPARE(analyzer.overlapCount(), expected);
    }

    void race_namesWhoReadWhat()
    {
        RaceAnalyzer analyzer;
        analyzer.feed(event(1, 3, EventType::CounterRead, 41));
        analyzer.feed(event(2, 7, EventType::CounterRead, 41));
        analyzer.feed(write(3, 3, 42));
        analyzer.feed(write(4, 7, 42));
        const auto overlaps = analyzer.takeNewOverlaps();
        QCOMPARE(overlaps.size(), 1);
        QCOMPARE(overlaps[0].firstWorker, 3);
        QCOMPARE(overlaps[0].secondWorker, 7);
        QCOMPARE(overlaps[0].firstRead, 41);
        QCOMPARE(overlaps[0].secondRead, 41);
    }

    // The Sampler merges the rings' runs into one batch in time order; equal
    // times go by worker id, and one worker's events keep their ring order
    // (a stable sort by time of the rings in worker order), also for a ring
    // whose run is not in time order itself and for runs that wrap around
    // the ring's end.
    void sampler_mergesRingsInTimeOrder_tiesByWorkerThenRingOrder()
    {
        constexpr int kWorkers = 37; // not a power of two: an uneven heap
        SampledSegment session(kWorkers);
        std::mt19937 random(11);
        std::uniform_int_distribution<uint64_t> tick(0, 40); // few distinct times: many ties
        std::uniform_int_distribution<int> length(0, 90);
        struct Pushed
        {
            uint64_t timeNs;
            int worker;
            qint64 sequence;
        };
        QVector<Pushed> pushed;
        qint64 sequence = 0;
        for (int id = 0; id < kWorkers; ++id) {
            if (id == 5) { // wrap this ring: its run crosses the end of the buffer
                for (uint32_t i = 0; i < ipc::kRingCapacity - 10; ++i)
                    QVERIFY(session.push(id, SampledSegment::kStartNs, -1));
                ipc::EventRecord sink[1];
                while (session.ring(id).drain(sink, 1) == 1) {
                }
            }
            QVector<uint64_t> times;
            for (int i = length(random); i > 0; --i)
                times.append(SampledSegment::kStartNs + 1000 * tick(random));
            if (id != 9) // worker 9's ring is out of order
                std::sort(times.begin(), times.end());
            for (const uint64_t t : times) {
                QVERIFY(session.push(id, t, sequence));
                pushed.append({t, id, sequence++});
            }
        }
        std::stable_sort(pushed.begin(), pushed.end(), [](const Pushed& x, const Pushed& y) {
            return x.timeNs != y.timeNs ? x.timeNs < y.timeNs : x.worker < y.worker;
        });
        session.sampler->sampleOnce(true); // the final round: everything, one batch
        const QVector<RecordedEvent> merged = session.recording.eventsFrom(0);
        QCOMPARE(merged.size(), pushed.size());
        for (qsizetype i = 0; i < merged.size(); ++i) {
            QCOMPARE(merged[i].worker, pushed[i].worker);
            QCOMPARE(merged[i].a, pushed[i].sequence);
            QCOMPARE(merged[i].time, double(pushed[i].timeNs - SampledSegment::kStartNs) * 1e-9);
        }
    }

    // A round takes what its time budget allows and no more: the rest stays
    // in the ring, and what a full ring cannot hold is dropped and counted
    // (the status bar shows it). Nothing is lost without being counted.
    // A lock event rides on the event at its moment (Probe::emitWithLockEvent):
    // one ring record, and the Sampler writes out both events, the
    // acquisition before its event and the release after, with the lock's
    // index and time; a time that needs over 32 bits takes a record of its own.
    void sampler_ridingLockEvents_comeOutAsTwoEvents()
    {
        SampledSegment session(2);
        ipc::WorkerSlot& slot = session.owned.segment().workerSlots[1];
        ipc::Probe probe(slot);
        const uint64_t t = SampledSegment::kStartNs;
        probe.emitWithLockEvent(t + 1000, EventType::CounterRead, 0, 41, 0, EventType::LockAcquired,
                                2, 250);
        probe.emitWithLockEvent(t + 2000, EventType::ItemGot, 0, 77, 3, EventType::LockReleased, 1,
                                900);
        const uint64_t longHold = 5'000'000'000ull; // 5 s: over 32 bits of ns
        probe.emitWithLockEvent(t + 3000, EventType::ArrayWrite, 4, 8, 7, EventType::LockReleased,
                                0, longHold);
        QCOMPARE(slot.ring.head.load(), 4u); // 2 + 2 riding, the long hold on its own
        session.sampler->sampleOnce(true);
        const QVector<RecordedEvent> events = session.recording.eventsFrom(0);
        using E = EventType;
        const QVector<std::tuple<E, quint16, qint64, qint64>> expected{
            {E::LockAcquired, 2, 250, 0}, {E::CounterRead, 0, 41, 0},
            {E::ItemGot, 0, 77, 3},       {E::LockReleased, 1, 900, 0},
            {E::ArrayWrite, 4, 8, 7},     {E::LockReleased, 0, qint64(longHold), 0}};
        QCOMPARE(events.size(), expected.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(std::tuple(events[i].type, events[i].object, events[i].a, events[i].b),
                     expected[i]);
            QCOMPARE(events[i].worker, 1);
        }
        QCOMPARE(events[0].time, events[1].time);
        QCOMPARE(events[2].time, events[3].time);
        QVERIFY(events[1].time < events[2].time);
    }

    void sampler_budgetedRound_leavesTheRestCountedAsDropped()
    {
        SampledSegment session(1);
        session.sampler->setEventBudgetShare(0); // the least a round takes
        const size_t allowed = session.sampler->eventsAllowedPerRound();
        QCOMPARE(allowed, Sampler::kMinEventsPerRound);
        constexpr uint64_t kFirst = 1000;
        uint64_t pushed = 0;
        for (; pushed < kFirst; ++pushed)
            QVERIFY(session.push(0, SampledSegment::kStartNs + pushed, qint64(pushed)));
        session.sampler->sampleOnce();
        QCOMPARE(session.recording.eventsRecorded(), quint64(allowed));
        QCOMPARE(session.ring(0).head.load() - session.ring(0).tail.load(), kFirst - allowed);
        // Fill the ring past full: the overflow is dropped by the ring.
        uint64_t refused = 0;
        for (uint32_t i = 0; i < ipc::kRingCapacity; ++i, ++pushed)
            refused += !session.push(0, SampledSegment::kStartNs + pushed, qint64(pushed));
        QCOMPARE(refused, kFirst - allowed);
        session.sampler->sampleOnce();
        QCOMPARE(session.recording.eventsRecorded(), quint64(2 * allowed));
        QCOMPARE(session.recording.eventsDropped(), refused);
        // The final round takes the rest: recorded + dropped = pushed.
        session.sampler->sampleOnce(true);
        QCOMPARE(session.recording.eventsRecorded() + session.recording.eventsDropped(), pushed);
        const QVector<RecordedEvent> events = session.recording.eventsFrom(0);
        for (qsizetype i = 1; i < events.size(); ++i)
            QVERIFY(events[i].a > events[i - 1].a); // in ring order, none twice
    }

    // When the allowance runs out before every ring had its share, the next
    // round begins with the rings left out: no worker is starved.
    void sampler_smallAllowance_servesEveryRingInTurn()
    {
        constexpr int kWorkers = 64;
        SampledSegment session(kWorkers);
        session.sampler->setEventBudgetShare(0);
        for (int id = 0; id < kWorkers; ++id)
            for (int i = 0; i < 1000; ++i)
                QVERIFY(session.push(id, SampledSegment::kStartNs + uint64_t(i), i));
        const size_t perRing = Sampler::kMinEventsPerWorker;
        const size_t ringsPerRound = Sampler::kMinEventsPerRound / perRing;
        QVERIFY(ringsPerRound < size_t(kWorkers));
        const int rounds = int((size_t(kWorkers) + ringsPerRound - 1) / ringsPerRound);
        for (int round = 0; round < rounds; ++round)
            session.sampler->sampleOnce();
        for (int id = 0; id < kWorkers; ++id)
            QVERIFY2(session.ring(id).tail.load() >= perRing, qPrintable(QString::number(id)));
        QCOMPARE(session.recording.eventsRecorded(), quint64(rounds) * Sampler::kMinEventsPerRound);
    }

    // The deadlock detector's walk (on every sample): the first cycle the
    // edges reach, from where the walk entered it; none in a star of waiters.
    void waitFor_findsTheFirstCycle_data()
    {
        QTest::addColumn<QList<WaitEdge>>("edges");
        QTest::addColumn<QList<int>>("cycle"); // the workers, in the cycle's order
        QTest::newRow("none") << QList<WaitEdge>{} << QList<int>{};
        QTest::newRow("star, no cycle")
            << QList<WaitEdge>{{1, 0, 0}, {2, 0, 0}, {3, 0, 0}} << QList<int>{};
        QTest::newRow("chain into a cycle")
            << QList<WaitEdge>{{4, 0, 1}, {1, 0, 2}, {2, 1, 3}, {3, 2, 1}} << QList<int>{1, 2, 3};
        QTest::newRow("two cycles: the first reached")
            << QList<WaitEdge>{{7, 0, 8}, {5, 0, 6}, {6, 1, 5}, {8, 1, 7}} << QList<int>{7, 8};
        QTest::newRow("walks join without a cycle")
            << QList<WaitEdge>{{1, 0, 3}, {2, 0, 3}, {3, 1, 4}, {4, 2, 300}} << QList<int>{};
    }

    void waitFor_findsTheFirstCycle()
    {
        QFETCH(QList<WaitEdge>, edges);
        QFETCH(QList<int>, cycle);
        QList<int> found;
        for (const WaitEdge& edge : findWaitCycle(edges))
            found.append(edge.worker);
        QCOMPARE(found, cycle);
    }

    void audit_exactlyOnce()
    {
        DeliveryAudit audit;
        for (int p = 0; p < 2; ++p)
            for (int seq = 0; seq < 100; ++seq)
                audit.feed(event(seq, p, EventType::ItemPut, qint64(ipc::itemKey(p, seq)), 1));
        for (int p = 0; p < 2; ++p)
            for (int seq = 0; seq < 100; ++seq)
                audit.feed(event(200 + seq, 5, EventType::ItemGot, qint64(ipc::itemKey(p, seq))));
        const DeliveryFigures f = audit.figures(true);
        QCOMPARE(f.produced, 200u);
        QCOMPARE(f.consumed, 200u);
        QCOMPARE(f.lost, 0u);
        QCOMPARE(f.duplicated, 0u);
        QCOMPARE(f.phantom, 0u);
    }

    void audit_countsLostDuplicatedAndPhantomPerProducer()
    {
        DeliveryAudit audit;
        for (int seq = 0; seq < 10; ++seq) {
            audit.feed(event(seq, 0, EventType::ItemPut, qint64(ipc::itemKey(0, seq))));
            audit.feed(event(seq, 1, EventType::ItemPut, qint64(ipc::itemKey(1, seq))));
        }
        for (int seq = 0; seq < 10; ++seq)
            if (seq != 4 && seq != 5) // producer 0 loses two
                audit.feed(event(20, 2, EventType::ItemGot, qint64(ipc::itemKey(0, seq))));
        for (int seq = 0; seq < 10; ++seq)
            audit.feed(event(20, 2, EventType::ItemGot, qint64(ipc::itemKey(1, seq))));
        audit.feed(event(21, 3, EventType::ItemGot, qint64(ipc::itemKey(1, 3)))); // duplicate
        audit.feed(event(22, 3, EventType::ItemGot, 0));                          // never written
        QCOMPARE(audit.figures(false).lost, 0u); // not known before the end
        const DeliveryFigures f = audit.figures(true);
        QCOMPARE(f.lost, 2u);
        QCOMPARE(f.duplicated, 1u);
        QCOMPARE(f.phantom, 1u);
        QCOMPARE(f.lostPerProducer, (QVector<quint64>{2, 0}));
        QCOMPARE(f.duplicatedPerProducer, (QVector<quint64>{0, 1}));
    }

    // An hour at 1 kHz: the Recording folds old samples, stays bounded, keeps
    // the newest whole, keeps every depth peak, and a reader that follows with
    // samplesFrom(next) sees each position once.
    void recording_foldsOldSamples_boundedWithPeaksKept()
    {
        Recording recording;
        const qsizetype total = 3'600'000;
        qsizetype readerNext = 0;
        qsizetype readerSeen = 0;
        for (qsizetype i = 0; i < total; ++i) {
            Sample sample{};
            sample.time = double(i) * 1e-3;
            sample.queueDepth = (i % 1000 == 500) ? 64 : qint32(i % 7); // a peak each second
            sample.counterActual = i;
            recording.appendSample(sample);
            if (i % 100'000 == 0)
                readerSeen += recording.samplesFrom(readerNext, &readerNext).size();
        }
        readerSeen += recording.samplesFrom(readerNext, &readerNext).size();
        QCOMPARE(recording.sampleCount(), total);
        QCOMPARE(readerNext, total);
        QCOMPARE(readerSeen, total); // the follower read each sample once, as it came

        const QVector<Sample> kept = recording.samplesFrom(0);
        QVERIFY2(kept.size() <= 2 * Recording::kFineSamples + Recording::kMaxCoarseSamples,
                 qPrintable(QString::number(kept.size())));
        QVERIFY(kept.size() < total / 4);
        int peaks = 0;
        for (qsizetype i = 1; i < kept.size(); ++i) {
            QVERIFY(kept[i].time > kept[i - 1].time);
            peaks += kept[i].queueDepth == 64;
        }
        QCOMPARE(peaks, int(total / 1000)); // every peak survives the folds
        // The newest kFineSamples are whole: the last ones are the last appended.
        const QVector<Sample> newest = recording.samplesFrom(total - 1000);
        QCOMPARE(newest.size(), 1000);
        QCOMPARE(newest.first().counterActual, total - 1000);
    }

    void recording_foldsOldIntervals_longestStateKept()
    {
        Recording recording;
        const int workers = 64; // 64 share the budget; only worker 0 is busy
        for (int id = 0; id < workers; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 1 + id, 0);
        const qsizetype fine = Recording::fineIntervalsPerWorker(workers);
        // Each millisecond: 0.9 ms holding the lock, 0.1 ms working.
        const int changes = int(4 * fine);
        qsizetype next = 0;
        for (int i = 0; i < changes; ++i) {
            const double t = i * 1e-3;
            recording.appendEvents({{t, 0, EventType::LockAcquired, 0, 0, 0},
                                    {t + 0.9e-3, 0, EventType::LockReleased, 0, 0, 0}});
            if (i % 50'000 == 0)
                recording.intervalsFrom(0, next, &next);
        }
        const QVector<StateInterval> all = recording.intervalsFrom(0, 0);
        QVERIFY2(all.size() <= 3 * fine, qPrintable(QString::number(all.size())));
        QVERIFY(all.size() < 2 * changes / 2);
        double held = 0;
        for (qsizetype i = 1; i < all.size(); ++i) {
            QCOMPARE(all[i].start, all[i - 1].end); // no gap, no overlap
            if (all[i - 1].state == ipc::WorkerState::HoldingLock)
                held += all[i - 1].end - all[i - 1].start;
        }
        QCOMPARE(all.first().start, 0.0);
        QCOMPARE(all.last().end, -1.0); // still open
        // The folds keep the duty cycle: held 90 % of the time.
        QVERIFY2(qAbs(held / all.last().start - 0.9) < 0.01, qPrintable(QString::number(held)));
        // Positions: the follower's next is the logical count.
        recording.intervalsFrom(0, next, &next);
        QCOMPARE(next, qsizetype(2 * changes));
        QCOMPARE(recording.intervalsFrom(0, next - 1).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAnalyzers)
#include "tst_analyzers.moc"
