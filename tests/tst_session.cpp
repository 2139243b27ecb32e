// Sessions with real ipcscope-worker processes and real shared memory.
#include "Session.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace ipcscope;

class TestSession : public QObject
{
    Q_OBJECT

    // Runs until the session finishes by itself (or the generous timeout).
    static bool runToEnd(Session& session, int timeoutMs = 120'000)
    {
        if (session.state() == Session::State::Finished)
            return true;
        QSignalSpy finished(&session, &Session::finished);
        return finished.wait(timeoutMs) || session.state() == Session::State::Finished;
    }

    static Scenario counter(int workers, int iterations, bool lock, int thinkUs)
    {
        Scenario scenario(ScenarioKind::Counter);
        QString error;
        scenario.setValue(QStringLiteral("workers"), workers, &error);
        scenario.setValue(QStringLiteral("iterations"), iterations, &error);
        scenario.setValue(QStringLiteral("lock"), lock ? 1 : 0, &error);
        scenario.setValue(QStringLiteral("think_us"), thinkUs, &error);
        return scenario;
    }

    static Scenario queue(int producers, int consumers, int capacity, int items, bool lock)
    {
        Scenario scenario(ScenarioKind::Queue);
        QString error;
        scenario.setValue(QStringLiteral("producers"), producers, &error);
        scenario.setValue(QStringLiteral("consumers"), consumers, &error);
        scenario.setValue(QStringLiteral("capacity"), capacity, &error);
        scenario.setValue(QStringLiteral("items"), items, &error);
        scenario.setValue(QStringLiteral("lock"), lock ? 1 : 0, &error);
        return scenario;
    }

    static void expectNothingLeft(const QList<qint64>& pids)
    {
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }

private slots:
    void lockOn_losesNoUpdate()
    {
        Session session(counter(4, 100'000, true, 0));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QCOMPARE(pids.size(), 4);
        QVERIFY(runToEnd(session));
        const CounterFigures figures = session.recording().counterFigures();
        QCOMPARE(figures.expected, 400'000);
        QCOMPARE(figures.actual, 400'000);
        QCOMPARE(figures.lostUpdates, 0);
        QCOMPARE(figures.overlappingWindows, 0u);
        for (const WorkerRecord& worker : session.recording().workers())
            QCOMPARE(worker.exit, QStringLiteral("ok"));
        expectNothingLeft(pids);
    }

    void lockOff_losesUpdates()
    {
        Session session(counter(4, 20'000, false, 2));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QVERIFY(runToEnd(session));
        const CounterFigures figures = session.recording().counterFigures();
        QCOMPARE(figures.expected, 80'000);
        QVERIFY2(figures.lostUpdates > 0, "an unlocked read-think-write must lose updates");
        QCOMPARE(figures.actual + figures.lostUpdates, figures.expected);
        QVERIFY(figures.overlappingWindows > 0);
        QVERIFY(!session.recording().overlapsFrom(0).isEmpty());
        expectNothingLeft(pids);
    }

    void queue_deliversEachItemExactlyOnce()
    {
        Session session(queue(3, 2, 4, 5'000, true));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QVERIFY(runToEnd(session));
        const DeliveryFigures figures = session.recording().deliveryFigures();
        QCOMPARE(figures.produced, 15'000u);
        QCOMPARE(figures.consumed, 15'000u);
        QCOMPARE(figures.lost, 0u);
        QCOMPARE(figures.duplicated, 0u);
        QCOMPARE(figures.phantom, 0u);
        QVERIFY(figures.maxDepth <= 4);
        QVERIFY(figures.maxDepth >= 1);
        // The workers' own count agrees, item by item.
        QVERIFY(figures.counted);
        QCOMPARE(figures.put.count, 15'000u);
        QCOMPARE(figures.got.count, 15'000u);
        QCOMPARE(figures.left.count, 0u);
        QVERIFY(figures.everyItemOnce());
        QCOMPARE(session.recording().eventsDropped(), 0u);
        for (const WorkerRecord& worker : session.recording().workers())
            QCOMPARE(worker.exit, QStringLiteral("ok"));
        expectNothingLeft(pids);
    }

    // As Python's Queue (_wlock, _rlock): producers take the put lock (0),
    // consumers the get lock (1), so a put and a get can be under way at once.
    void queue_producersAndConsumersHoldTheirOwnLocks()
    {
        Scenario scenario = queue(2, 2, 4, 100'000, true);
        QString error;
        scenario.setValue(QStringLiteral("think_us"), 2'000, &error); // holds of 2 ms
        Session session(scenario);
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        const Recording& recording = session.recording();
        QHash<int, ipc::Role> roles;
        for (const WorkerRecord& worker : recording.workers())
            roles.insert(worker.id, worker.role);
        auto roleOf = [&](int worker) { return roles.value(worker, ipc::Role::None); };
        auto bothHeld = [&] {
            for (const Sample& s : recording.samplesFrom(0))
                if (s.lockHolder >= 0 && s.secondLockHolder >= 0)
                    return roleOf(s.lockHolder) == ipc::Role::Producer &&
                           roleOf(s.secondLockHolder) == ipc::Role::Consumer;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(bothHeld(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(recording.deliveryFigures().consumed > 20, 20'000);
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        int acquisitions[2] = {0, 0};
        for (const RecordedEvent& e : recording.eventsFrom(0)) {
            if (e.type != ipc::EventType::LockAcquired)
                continue;
            QVERIFY(e.object <= 1);
            QCOMPARE(roleOf(e.worker), e.object == 0 ? ipc::Role::Producer : ipc::Role::Consumer);
            ++acquisitions[e.object];
        }
        QVERIFY(acquisitions[0] > 0 && acquisitions[1] > 0);
        QCOMPARE(recording.deliveryFigures().duplicated, 0u);
        expectNothingLeft(pids);
    }

    void queue_lockOff_finishesAndCountsDamage()
    {
        Scenario scenario = queue(3, 2, 4, 5'000, false);
        QString error;
        scenario.setValue(QStringLiteral("think_us"), 2, &error);
        Session session(scenario);
        session.setStopWhenStuck(true); // a lost sentinel must not hang the run
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QVERIFY(runToEnd(session));
        const DeliveryFigures figures = session.recording().deliveryFigures();
        QCOMPARE(figures.produced, 15'000u);
        // Whatever the damage, it is accounted for: every item produced is
        // either consumed at least once or counted lost.
        QVERIFY(figures.consumed + figures.lost >=
                figures.produced - figures.duplicated - figures.phantom);
        qInfo("lock off: lost %llu, duplicated %llu, phantom %llu", figures.lost,
              figures.duplicated, figures.phantom);
        // The workers' own count: every put counted, and the damage the audit
        // saw shows there too.
        QVERIFY(figures.counted);
        QCOMPARE(figures.put.count, 15'000u);
        if (figures.lost + figures.duplicated + figures.phantom > 0)
            QVERIFY(!figures.everyItemOnce());
        expectNothingLeft(pids);
    }

    void stoppedQueue_itemsStillQueuedAreNotLost()
    {
        Scenario scenario = queue(2, 1, 16, 1'000'000, true);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("consume_us"), 2000, &error));
        Session session(scenario);
        QVERIFY2(session.start(&error), qPrintable(error));
        // Slow consumer: the queue fills up, then stop with items in it.
        QTRY_VERIFY_WITH_TIMEOUT(session.recording()
                                         .samplesFrom(session.recording().sampleCount() - 1)
                                         .value(0)
                                         .queueDepth >= 8,
                                 20'000);
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        const DeliveryFigures figures = session.recording().deliveryFigures();
        QCOMPARE(figures.lost, 0u);
        QCOMPARE(figures.duplicated, 0u);
        QVERIFY(figures.leftInQueue >= 1);
        QCOMPARE(figures.produced, figures.consumed + figures.leftInQueue);
        // Counted by the workers: what is left is still in the queue's slots.
        QVERIFY(figures.counted);
        QCOMPARE(figures.left.count, figures.leftInQueue);
        QCOMPARE(figures.put.count, figures.produced);
        QVERIFY(figures.everyItemOnce());
    }

    void killedWorker_isReportedKilled()
    {
        Session session(counter(3, 1'000'000'000, true, 0));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QSignalSpy exited(&session, &Session::workerExited);
        QVERIFY(session.killWorker(1));
        QVERIFY(exited.wait(10'000));
        QCOMPARE(exited.first().at(0).toInt(), 1);
        QCOMPARE(exited.first().at(1).toString(), QStringLiteral("killed"));
        QCOMPARE(session.recording().worker(1).exit, QStringLiteral("killed"));
        QCOMPARE(session.recording().worker(1).intervals.last().state, ipc::WorkerState::Killed);
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        expectNothingLeft(pids);
    }

    void pause_stopsProgress_resume_continues()
    {
        Session session(counter(2, 1'000'000'000, true, 0));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QTRY_VERIFY_WITH_TIMEOUT(session.recording().counterFigures().actual > 1000, 10'000);
        session.pause();
        // Paused when every worker says so; after that the counter is still.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const WorkerRecord& w : session.recording().workers())
                    if (w.intervals.isEmpty() ||
                        w.intervals.last().state != ipc::WorkerState::Paused)
                        return false;
                return true;
            }(),
            10'000);
        const qint64 frozen = session.recording().counterFigures().actual;
        QTest::qWait(200);
        QCOMPARE(session.recording().counterFigures().actual, frozen);
        session.resume();
        QTRY_VERIFY_WITH_TIMEOUT(session.recording().counterFigures().actual > frozen, 10'000);
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        for (const WorkerRecord& worker : session.recording().workers())
            QCOMPARE(worker.exit, QStringLiteral("stopped"));
        expectNothingLeft(pids);
    }

    void lockSwitch_flipsLiveRaceOnAndOff()
    {
        Session session(counter(4, 1'000'000'000, true, 0));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        QVERIFY(session.setLiveValue(QStringLiteral("think_us"), 2, &error));
        QTRY_VERIFY_WITH_TIMEOUT(session.recording().counterFigures().actual > 1000, 10'000);
        QCOMPARE(session.recording().counterFigures().lostUpdates, 0);
        QVERIFY(session.setLiveValue(QStringLiteral("lock"), 0, &error));
        QTRY_VERIFY_WITH_TIMEOUT(session.recording().counterFigures().lostUpdates > 0, 10'000);
        QVERIFY(session.setLiveValue(QStringLiteral("lock"), 1, &error));
        // Once every worker is past its last unlocked increment the loss
        // stops growing. The figures come from samples, which may lag on a
        // loaded machine: wait for one taken well after the switch.
        const double switchedAt = session.elapsedSeconds();
        QTRY_VERIFY_WITH_TIMEOUT(session.recording().lastTime() > switchedAt + 0.2, 20'000);
        auto actualNow = [&] { return session.recording().counterFigures().actual; };
        const qint64 lost = session.recording().counterFigures().lostUpdates;
        const qint64 later = actualNow();
        QTRY_VERIFY_WITH_TIMEOUT(actualNow() > later + 50'000, 10'000);
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        // The final figure is exact; a live one may lag by the few increments
        // done between reading the workers' counts and the counter.
        const qint64 finalLost = session.recording().counterFigures().lostUpdates;
        QVERIFY2(
            finalLost - lost < 100,
            qPrintable(QStringLiteral("lost %1 -> %2 with the lock on").arg(lost).arg(finalLost)));
    }

    void killedLockHolder_isReportedAndStopStillEnds()
    {
        Session session(counter(5, 1'000'000'000, true, 0));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        QVERIFY(session.setLiveValue(QStringLiteral("think_us"), 20'000, &error)); // hold long
        const QList<qint64> pids = session.livePids();
        QSignalSpy messages(&session, &Session::message);
        auto saidDead = [&] {
            for (const auto& m : messages)
                if (m.at(0).toString().contains(QStringLiteral("which is dead")))
                    return true;
            return false;
        };
        auto holderNow = [&] {
            const auto samples = session.recording().samplesFrom(
                std::max<qsizetype>(0, session.recording().sampleCount() - 1));
            return samples.isEmpty() ? -1 : samples.last().lockHolder;
        };
        // Kill whoever holds the lock; the sample may be a little old, so if
        // the victim had just let go, someone else holds it now: again.
        int killed = 0;
        for (int attempt = 0; attempt < 3 && !saidDead(); ++attempt) {
            int victim = -1;
            QTRY_VERIFY_WITH_TIMEOUT((victim = holderNow()) >= 0 &&
                                         session.recording().worker(victim).exit.isEmpty(),
                                     10'000);
            QVERIFY(session.killWorker(victim));
            ++killed;
            QTRY_VERIFY_WITH_TIMEOUT(saidDead() || holderNow() != victim, 10'000);
        }
        QVERIFY(saidDead());
        // Everyone left is stuck behind the dead holder, and the window (or
        // the headless run) is told so.
        QTRY_COMPARE_WITH_TIMEOUT(int(session.stuckWorkers().size()), 5 - killed, 10'000);
        QElapsedTimer stopping;
        stopping.start();
        session.stop();
        QVERIFY(runToEnd(session, 10'000));
        QVERIFY(stopping.elapsed() < 5'000);
        expectNothingLeft(pids);
    }

    void addConsumer_whileRunning_takesItems()
    {
        Scenario scenario = queue(1, 1, 8, 3'000, true);
        QString error;
        scenario.setValue(QStringLiteral("consume_us"), 500, &error);
        Session session(scenario);
        QVERIFY2(session.start(&error), qPrintable(error));
        const int added = session.addWorker(ipc::Role::Consumer, &error);
        QVERIFY2(added >= 0, qPrintable(error));
        const QList<qint64> pids = session.livePids();
        QVERIFY(runToEnd(session));
        QVERIFY(session.recording().worker(added).ops > 0);
        QCOMPARE(session.recording().worker(added).exit, QStringLiteral("ok"));
        QCOMPARE(session.recording().deliveryFigures().lost, 0u);
        expectNothingLeft(pids);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
