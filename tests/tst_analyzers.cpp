// The analyzers on hand-made event streams: what they must conclude.
#include "DeliveryAudit.h"
#include "RaceAnalyzer.h"

#include <QTest>

using namespace ipcscope;
using ipc::EventType;

class TestAnalyzers : public QObject
{
    Q_OBJECT

    static RecordedEvent event(double t, int worker, EventType type, qint64 a, qint64 b = 0)
    {
        return {t, worker, type, 0, a, b};
    }

private slots:
    void race_overlappingWindows_data()
    {
        QTest::addColumn<QVector<RecordedEvent>>("events");
        QTest::addColumn<quint64>("overlaps");
        QTest::newRow("disjoint") << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                                            event(2, 0, EventType::CounterWrite, 1),
                                                            event(3, 1, EventType::CounterRead, 1),
                                                            event(4, 1, EventType::CounterWrite, 2)}
                                  << quint64(0);
        QTest::newRow("interleaved")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(2, 1, EventType::CounterRead, 0),
                                      event(3, 0, EventType::CounterWrite, 1),
                                      event(4, 1, EventType::CounterWrite, 1)}
            << quint64(1);
        QTest::newRow("nested") << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                                          event(2, 1, EventType::CounterRead, 0),
                                                          event(3, 1, EventType::CounterWrite, 1),
                                                          event(4, 0, EventType::CounterWrite, 1)}
                                << quint64(1);
        QTest::newRow("three at once")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(1.1, 1, EventType::CounterRead, 0),
                                      event(1.2, 2, EventType::CounterRead, 0),
                                      event(2, 0, EventType::CounterWrite, 1),
                                      event(2.1, 1, EventType::CounterWrite, 1),
                                      event(2.2, 2, EventType::CounterWrite, 1)}
            << quint64(3);
        // The second worker's window arrives in a later batch although it
        // closed first: still one overlap, counted once.
        QTest::newRow("out of order batches")
            << QVector<RecordedEvent>{event(1, 0, EventType::CounterRead, 0),
                                      event(5, 0, EventType::CounterWrite, 1),
                                      event(2, 1, EventType::CounterRead, 0),
                                      event(3, 1, EventType::CounterWrite, 1)}
            << quint64(1);
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

    void race_namesWhoReadWhat()
    {
        RaceAnalyzer analyzer;
        analyzer.feed(event(1, 3, EventType::CounterRead, 41));
        analyzer.feed(event(2, 7, EventType::CounterRead, 41));
        analyzer.feed(event(3, 3, EventType::CounterWrite, 42));
        analyzer.feed(event(4, 7, EventType::CounterWrite, 42));
        const auto overlaps = analyzer.takeNewOverlaps();
        QCOMPARE(overlaps.size(), 1);
        QCOMPARE(overlaps[0].firstWorker, 3);
        QCOMPARE(overlaps[0].secondWorker, 7);
        QCOMPARE(overlaps[0].firstRead, 41);
        QCOMPARE(overlaps[0].secondRead, 41);
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
};

QTEST_GUILESS_MAIN(TestAnalyzers)
#include "tst_analyzers.moc"
