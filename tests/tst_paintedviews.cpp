// The two hand-painted views: the lock timeline and the process diagram.
// Unit tests feed a real Recording by hand; integration tests watch real
// ipcscope-worker processes, kill the lock holder and expect the views to
// say so.
//
// IPCSCOPE_SNAPSHOT_DIR=dir saves what the integration tests saw as PNGs
// (painted_*.png), to look at; IPCSCOPE_SNAPSHOT_QM=file.qm loads a
// translation first.
#include "LockTimelineView.h"
#include "PixelStrip.h"
#include "ProcessDiagramView.h"
#include "Session.h"
#include "StateStyle.h"
#include "TestSupport.h"
#include "WorkerTableModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QWheelEvent>

#include <algorithm>

using namespace ipcscope;
using ipc::EventType;
using ipc::WorkerState;

namespace {

Sample sampleAt(double time, int holder = -1, int depth = 0)
{
    Sample sample{};
    sample.time = time;
    sample.lockHolder = holder;
    sample.secondLockHolder = -1;
    sample.queueDepth = depth;
    return sample;
}

// Lock 0 held by `holder`, lock 1 (a queue's get lock) by `secondHolder`.
Sample twoLockSampleAt(double time, int holder, int secondHolder)
{
    Sample sample = sampleAt(time, holder);
    sample.secondLockHolder = secondHolder;
    return sample;
}

RecordedEvent recorded(double time, int worker, EventType type, qint64 a = 0, quint16 object = 0)
{
    return RecordedEvent{time, worker, type, object, a, 0};
}

RecordedEvent state(double time, int worker, WorkerState to)
{
    return recorded(time, worker, EventType::State, qint64(to));
}

// Answers every lookup of the views' own texts in "Chinese", so a test can
// see that the views follow a language change.
class ChineseTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char*, int) const override
    {
        const QByteArray name(context);
        if (name == "ipcscope::LockTimelineView" || name == "ipcscope::ProcessDiagramView")
            return QStringLiteral("锁视图·") + QString::fromUtf8(sourceText);
        return {};
    }
    bool isEmpty() const override { return false; }
};

bool paintsSomething(QWidget& widget)
{
    const QImage image = widget.grab().toImage();
    if (image.isNull())
        return false;
    // More than the background: at least a few distinct colours.
    QList<QRgb> seen;
    for (int y = 0; y < image.height() && seen.size() < 4; y += 3)
        for (int x = 0; x < image.width() && seen.size() < 4; x += 3)
            if (!seen.contains(image.pixel(x, y)))
                seen.append(image.pixel(x, y));
    return seen.size() >= 4;
}

bool snapshotsWanted()
{
    return !qEnvironmentVariableIsEmpty("IPCSCOPE_SNAPSHOT_DIR");
}

void snapshot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("IPCSCOPE_SNAPSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QStringLiteral("/painted_") + name + QStringLiteral(".png"));
}

// What the screen gets (the raster engine: the views' pixel strips and line
// layer) and what a vector export gets (their rectangles and lines, recorded
// in a QPicture here and replayed onto an image): the same picture.
QImage onScreen(QWidget& widget)
{
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    widget.render(&painter);
    return image;
}

QImage asVectors(QWidget& widget)
{
    QPicture picture;
    {
        QPainter recorder(&picture);
        widget.render(&recorder);
    }
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.drawPicture(0, 0, picture);
    return image;
}

// The share of pixels where some channel differs by more than `tolerance`.
double differingShare(const QImage& a, const QImage& b, int tolerance)
{
    if (a.size() != b.size())
        return 1;
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            if (std::abs(qRed(p) - qRed(q)) > tolerance ||
                std::abs(qGreen(p) - qGreen(q)) > tolerance ||
                std::abs(qBlue(p) - qBlue(q)) > tolerance)
                ++differing;
        }
    return double(differing) / (double(a.width()) * a.height());
}

} // namespace

class TestPaintedViews : public QObject
{
    Q_OBJECT

    // Three incrementers; W0 waits 2 ms then holds, W1 waits 4 ms and holds
    // until now (t = 1), W2 waits 6 ms.
    static void fillContention(Recording& recording)
    {
        for (int id = 0; id < 3; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 1000 + id, 0);
        recording.appendEvents({
            state(0.00, 0, WorkerState::Working),
            state(0.00, 1, WorkerState::Working),
            state(0.00, 2, WorkerState::Working),
            state(0.10, 0, WorkerState::WaitingLock),
            state(0.102, 0, WorkerState::HoldingLock),
            recorded(0.102, 0, EventType::LockAcquired, 2'000'000),
            state(0.20, 0, WorkerState::Working),
            recorded(0.20, 0, EventType::LockReleased, 98'000'000),
            state(0.30, 2, WorkerState::WaitingLock),
            state(0.306, 2, WorkerState::HoldingLock),
            recorded(0.306, 2, EventType::LockAcquired, 6'000'000),
            // The deadlock scenario's second lock is not "the" lock.
            recorded(0.307, 2, EventType::LockAcquired, 900'000'000, 1),
            state(0.40, 2, WorkerState::Working),
            state(0.50, 1, WorkerState::WaitingLock),
            state(0.504, 1, WorkerState::HoldingLock),
            recorded(0.504, 1, EventType::LockAcquired, 4'000'000),
        });
        recording.appendSample(sampleAt(1.0, 1));
    }

    // A queue's two ends at work: producers W0 and W1, consumers W2 and W3.
    // W0 holds the put lock (waited 2 ms) while W1 waits for it; W3 holds
    // the get lock (waited 8 ms) while W2 waits for it. Put lock acquisitions
    // are object 0, get lock acquisitions object 1.
    static void fillQueueLocks(Recording& recording)
    {
        recording.addWorker(0, ipc::Role::Producer, 1000, 0);
        recording.addWorker(1, ipc::Role::Producer, 1001, 0);
        recording.addWorker(2, ipc::Role::Consumer, 1002, 0);
        recording.addWorker(3, ipc::Role::Consumer, 1003, 0);
        recording.appendEvents({
            state(0.00, 0, WorkerState::Working),
            state(0.00, 1, WorkerState::Working),
            state(0.00, 2, WorkerState::Working),
            state(0.00, 3, WorkerState::Working),
            state(0.10, 1, WorkerState::HoldingLock),
            recorded(0.10, 1, EventType::LockAcquired, 0, 0),
            state(0.20, 1, WorkerState::Working),
            state(0.20, 2, WorkerState::HoldingLock),
            recorded(0.20, 2, EventType::LockAcquired, 4'000'000, 1),
            state(0.30, 2, WorkerState::Working),
            state(0.40, 0, WorkerState::WaitingLock),
            state(0.40, 3, WorkerState::WaitingLock),
            state(0.402, 0, WorkerState::HoldingLock),
            recorded(0.402, 0, EventType::LockAcquired, 2'000'000, 0),
            state(0.408, 3, WorkerState::HoldingLock),
            recorded(0.408, 3, EventType::LockAcquired, 8'000'000, 1),
            state(0.50, 1, WorkerState::WaitingLock),
            state(0.50, 2, WorkerState::WaitingLock),
        });
        recording.appendSample(twoLockSampleAt(1.0, 0, 3));
    }

    // Both scenarios whose bounded queue has a put lock and a get lock.
    static void addQueueKinds()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("queue") << int(ScenarioKind::Queue);
        QTest::newRow("joinable queue") << int(ScenarioKind::JoinableQueue);
    }

private slots:
    void initTestCase()
    {
        const QString qm = qEnvironmentVariable("IPCSCOPE_SNAPSHOT_QM");
        if (!qm.isEmpty()) {
            auto* translator = new QTranslator(qApp);
            if (translator->load(qm))
                QCoreApplication::installTranslator(translator);
            else
                qWarning("cannot load %s", qPrintable(qm));
        }
    }

    // ---------------------------------------------------------------- timeline

    void timeline_countsAcquisitionsAndWaits()
    {
        Recording recording;
        fillContention(recording);
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(640, 300);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.rowCount(), 3);
        QCOMPARE(view.currentHolder(), 1);
        QVERIFY(!view.holderIsDead());
        QCOMPARE(view.acquisitions(), 3u);
        QCOMPARE(view.meanWaitMs(), 4.0);
        QCOMPARE(view.maxWaitMs(), 6.0);

        // Only what is new is counted: nothing twice.
        view.refresh();
        QCOMPARE(view.acquisitions(), 3u);
        recording.appendEvents({state(1.1, 1, WorkerState::Working),
                                state(1.2, 0, WorkerState::WaitingLock),
                                state(1.214, 0, WorkerState::HoldingLock),
                                recorded(1.214, 0, EventType::LockAcquired, 14'000'000)});
        recording.appendSample(sampleAt(1.3, 0));
        view.refresh();
        QCOMPARE(view.acquisitions(), 4u);
        QCOMPARE(view.meanWaitMs(), 6.5);
        QCOMPARE(view.maxWaitMs(), 14.0);
        QCOMPARE(view.currentHolder(), 0);
        recording.appendSample(sampleAt(1.4, -1));
        view.refresh();
        QCOMPARE(view.currentHolder(), -1);
        QVERIFY(paintsSomething(view));
    }

    void timeline_deadHolder_marksWaitersStuck()
    {
        Recording recording;
        fillContention(recording);
        recording.appendEvents(
            {state(1.0, 0, WorkerState::WaitingLock), state(1.0, 2, WorkerState::WaitingLock)});
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(640, 300);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.currentHolder(), 1);
        QVERIFY(!view.holderIsDead());
        QCOMPARE(view.stuckWorkers(), QList<int>());

        // Killed inside its critical section: the lock word still names it.
        recording.setWorkerExit(1, QStringLiteral("killed"), 1.5);
        recording.appendSample(sampleAt(1.6, 1));
        view.refresh();
        QCOMPARE(view.currentHolder(), 1);
        QVERIFY(view.holderIsDead());
        QCOMPARE(view.stuckWorkers(), QList<int>({0, 2}));

        // A waiter that is gone itself is no longer stuck.
        recording.setWorkerExit(2, QStringLiteral("killed"), 1.7);
        view.refresh();
        QCOMPARE(view.stuckWorkers(), QList<int>({0}));
        QVERIFY(paintsSomething(view));
    }

    void timeline_holderThatExitedNormally_isNotDead()
    {
        Recording recording;
        fillContention(recording);
        recording.setWorkerExit(1, QStringLiteral("ok"), 1.5);
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.setRecording(&recording, &scenario);
        QVERIFY(!view.holderIsDead());
    }

    void timeline_queue_namesBothLocksAndCountsBoth_data() { addQueueKinds(); }

    // A put and a get never exclude each other: a producer and a consumer
    // hold their locks at the same time, and the header says so.
    void timeline_queue_namesBothLocksAndCountsBoth()
    {
        QFETCH(int, kind);
        Recording recording;
        fillQueueLocks(recording);
        const Scenario scenario(static_cast<ScenarioKind>(kind));
        LockTimelineView view;
        view.resize(900, 300);
        view.setRecording(&recording, &scenario);
        QVERIFY(view.hasPutAndGetLocks());
        QCOMPARE(view.currentHolder(), 0);
        QCOMPARE(view.secondHolder(), 3);
        QVERIFY(!view.holderIsDead());
        QCOMPARE(view.statusText(), QStringLiteral("Put lock held by W0 · get lock held by W3"));
        // Both locks' acquisitions: 2 + 2, waits 0, 2, 4 and 8 ms.
        QCOMPARE(view.acquisitions(), 4u);
        QCOMPARE(view.meanWaitMs(), 3.5);
        QCOMPARE(view.maxWaitMs(), 8.0);
        QVERIFY2(view.figuresText().startsWith(QLatin1String("Acquisitions 4 (put 2, get 2)")),
                 qPrintable(view.figuresText()));
        QVERIFY(paintsSomething(view));
        if (kind == int(ScenarioKind::Queue))
            snapshot(view, QStringLiteral("timeline_queue_twolocks"));

        recording.appendSample(twoLockSampleAt(1.1, -1, 3));
        view.refresh();
        QCOMPARE(view.statusText(), QStringLiteral("Put lock free · get lock held by W3"));
        recording.appendSample(twoLockSampleAt(1.2, 1, -1));
        view.refresh();
        QCOMPARE(view.statusText(), QStringLiteral("Put lock held by W1 · get lock free"));

        // The get lock's holder killed: only the consumers wait forever; the
        // producer waiting for the put lock will still get it.
        recording.appendSample(twoLockSampleAt(1.3, 0, 3));
        recording.setWorkerExit(3, QStringLiteral("killed"), 1.35);
        recording.appendSample(twoLockSampleAt(1.4, 0, 3));
        view.refresh();
        QVERIFY(view.holderIsDead());
        QCOMPARE(view.stuckWorkers(), QList<int>({2}));
        QVERIFY2(view.statusText().startsWith(
                     QStringLiteral("Put lock held by W0 · get lock held by dead W3 — ")),
                 qPrintable(view.statusText()));
        QVERIFY(paintsSomething(view));
        if (kind == int(ScenarioKind::Queue))
            snapshot(view, QStringLiteral("timeline_queue_deadgetholder"));
    }

    void timeline_queue_lockOff_saysBothAreSkipped()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Producer, 1000, 0);
        recording.addWorker(1, ipc::Role::Consumer, 1001, 0);
        recording.appendSample(twoLockSampleAt(0.1, -1, -1));
        Scenario scenario(ScenarioKind::Queue);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("lock"), 0, &error));
        LockTimelineView view;
        view.setRecording(&recording, &scenario);
        QVERIFY2(view.statusText().contains(QLatin1String("skip their locks")),
                 qPrintable(view.statusText()));
    }

    // Lock 1 is the queue's get lock only: elsewhere (the deadlock's lock B)
    // the header and the figures stay those of lock 0.
    void timeline_counter_ignoresTheSecondLock()
    {
        Recording recording;
        fillContention(recording);
        recording.appendSample(twoLockSampleAt(1.1, 1, 2));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.setRecording(&recording, &scenario);
        QVERIFY(!view.hasPutAndGetLocks());
        QCOMPARE(view.currentHolder(), 1);
        QCOMPARE(view.secondHolder(), -1);
        QVERIFY2(view.statusText().startsWith(QStringLiteral("Lock held by W1 · ")),
                 qPrintable(view.statusText()));
        QCOMPARE(view.acquisitions(), 3u);
        QCOMPARE(view.maxWaitMs(), 6.0);
        QVERIFY2(view.figuresText().startsWith(QStringLiteral("Acquisitions 3 · mean wait")),
                 qPrintable(view.figuresText()));
        // Killing lock 1's holder is not "the" lock's holder dying.
        recording.setWorkerExit(2, QStringLiteral("killed"), 1.15);
        view.refresh();
        QVERIFY(!view.holderIsDead());
    }

    void timeline_following_scrolls_offStays()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Incrementer, 1000, 0);
        recording.appendSample(sampleAt(20));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(640, 300);
        view.setRecording(&recording, &scenario);
        QVERIFY(view.following());
        QCOMPARE(view.visibleTimeRange(), qMakePair(10.0, 20.0));
        recording.appendSample(sampleAt(25));
        view.refresh();
        QCOMPARE(view.visibleTimeRange(), qMakePair(15.0, 25.0));

        view.setFollowing(false);
        recording.appendSample(sampleAt(30));
        view.refresh();
        QCOMPARE(view.visibleTimeRange(), qMakePair(15.0, 25.0));

        view.setFollowing(true);
        view.refresh();
        QCOMPARE(view.visibleTimeRange(), qMakePair(20.0, 30.0));

        view.showAll();
        QVERIFY(!view.following());
        QCOMPARE(view.visibleTimeRange().first, 0.0);
        QVERIFY(view.visibleTimeRange().second >= 30.0);
        QVERIFY(view.visibleTimeRange().second < 31.0);
    }

    void timeline_startsAtZero_beforeTenSeconds()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Incrementer, 1000, 0);
        recording.appendSample(sampleAt(3));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.visibleTimeRange(), qMakePair(0.0, 10.0));
    }

    void timeline_wheelZoomsAroundCursor_dragPans()
    {
        Recording recording;
        fillContention(recording);
        recording.appendSample(sampleAt(40, -1));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(800, 300);
        view.setRecording(&recording, &scenario);
        view.showAll();
        const auto before = view.visibleTimeRange();
        const double spanBefore = before.second - before.first;

        // The time under the cursor stays put: an anchor right of the
        // middle pulls the left end in further than the right end.
        const QPointF at(600, 150);
        QWheelEvent zoomIn(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                           Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &zoomIn);
        const auto zoomed = view.visibleTimeRange();
        const double spanZoomed = zoomed.second - zoomed.first;
        QVERIFY2(spanZoomed < spanBefore * 0.9, "wheel forward must zoom in");
        // Zooming around x = 600 of 800: both ends move in, the right one less.
        QVERIFY(zoomed.first > before.first);
        QVERIFY(zoomed.second < before.second);
        QVERIFY(zoomed.first - before.first > before.second - zoomed.second);

        QWheelEvent zoomOut(at, view.mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &zoomOut);
        const auto back = view.visibleTimeRange();
        QVERIFY(qAbs((back.second - back.first) - spanBefore) < spanBefore * 1e-6);
        QVERIFY(qAbs(back.first - before.first) < spanBefore * 1e-6);

        // Dragging to the right shows earlier times.
        const QPointF press(400, 150), release(500, 150);
        QMouseEvent down(QEvent::MouseButtonPress, press, view.mapToGlobal(press), Qt::LeftButton,
                         Qt::LeftButton, Qt::NoModifier);
        QMouseEvent move(QEvent::MouseMove, release, view.mapToGlobal(release), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QMouseEvent up(QEvent::MouseButtonRelease, release, view.mapToGlobal(release),
                       Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &down);
        QApplication::sendEvent(&view, &move);
        QApplication::sendEvent(&view, &up);
        const auto panned = view.visibleTimeRange();
        QVERIFY(panned.first < back.first);
        QVERIFY(qAbs((panned.second - panned.first) - (back.second - back.first)) < 1e-9);

        // New data does not move a range the user chose.
        recording.appendSample(sampleAt(50, -1));
        view.refresh();
        QCOMPARE(view.visibleTimeRange(), panned);
    }

    void timeline_wheelWhileFollowing_changesTheSpanShown()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Incrementer, 1000, 0);
        recording.appendSample(sampleAt(60));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(640, 300);
        view.setRecording(&recording, &scenario);
        const QPointF at(300, 150);
        QWheelEvent zoomIn(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                           Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &zoomIn);
        QVERIFY(view.following());
        const auto range = view.visibleTimeRange();
        QCOMPARE(range.second, 60.0); // still ends now
        QVERIFY(range.second - range.first < LockTimelineView::kFollowSeconds);
    }

    void timeline_idlePicture_showsThePlannedRows_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key1");
        QTest::addColumn<int>("value1");
        QTest::addColumn<QString>("key2");
        QTest::addColumn<int>("value2");
        QTest::addColumn<int>("rows");
        QTest::newRow("counter") << int(ScenarioKind::Counter) << "workers" << 5 << "workers" << 5
                                 << 5;
        QTest::newRow("queue") << int(ScenarioKind::Queue) << "producers" << 3 << "consumers" << 4
                               << 7;
        QTest::newRow("barrier") << int(ScenarioKind::Barrier) << "parties" << 6 << "parties" << 6
                                 << 6;
    }

    void timeline_idlePicture_showsThePlannedRows()
    {
        QFETCH(int, kind);
        QFETCH(QString, key1);
        QFETCH(int, value1);
        QFETCH(QString, key2);
        QFETCH(int, value2);
        QFETCH(int, rows);
        Scenario scenario(static_cast<ScenarioKind>(kind));
        QString error;
        QVERIFY2(scenario.setValue(key1, value1, &error), qPrintable(error));
        QVERIFY2(scenario.setValue(key2, value2, &error), qPrintable(error));
        LockTimelineView view;
        view.resize(500, 260);
        view.setRecording(nullptr, &scenario);
        QCOMPARE(view.rowCount(), rows);
        QCOMPARE(view.currentHolder(), -1);
        QCOMPARE(view.acquisitions(), 0u);
        view.refresh(); // no recording: must not crash
        QVERIFY(paintsSomething(view));
        view.setRecording(nullptr, nullptr);
        QCOMPARE(view.rowCount(), 0);
        QVERIFY(!view.grab().isNull());
    }

    void timeline_64workersLongSession_paintsQuickly()
    {
        // 64 workers, ten minutes, 200 000 lock hand-overs: painting the whole
        // session or the last ten seconds must stay cheap.
        Recording recording;
        constexpr int kWorkers = 64;
        constexpr double kSeconds = 600;
        for (int id = 0; id < kWorkers; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 2000 + id, 0);
        QVector<RecordedEvent> events;
        const int handOvers = 200'000;
        events.reserve(handOvers * 3);
        for (int i = 0; i < handOvers; ++i) {
            const double t = kSeconds * i / handOvers;
            const int w = i % kWorkers;
            events.append(state(t, w, WorkerState::WaitingLock));
            events.append(state(t + 0.0005, w, WorkerState::HoldingLock));
            events.append(state(t + 0.0020, w, WorkerState::Working));
        }
        recording.appendEvents(events);
        recording.appendSample(sampleAt(kSeconds, 5));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(900, 500);
        QElapsedTimer clock;
        clock.start();
        view.setRecording(&recording, &scenario);
        qInfo("took in 600 000 intervals in %lld ms", clock.elapsed());
        QCOMPARE(view.rowCount(), kWorkers);
        QCOMPARE(view.currentHolder(), 5);

        clock.restart();
        QVERIFY(paintsSomething(view)); // following: the last ten seconds
        const qint64 following = clock.elapsed();
        view.showAll();
        clock.restart();
        QVERIFY(paintsSomething(view)); // the whole ten minutes
        const qint64 whole = clock.elapsed();
        qInfo("paint: last 10 s %lld ms, whole session %lld ms", following, whole);
        QVERIFY2(following < 1000 && whole < 1000, "painting must not walk every interval");
        // A refresh with nothing new must not rebuild anything.
        clock.restart();
        for (int i = 0; i < 60; ++i)
            view.refresh();
        QVERIFY2(clock.elapsed() < 1000, "60 idle refreshes must be cheap");
    }

    void timeline_longHistory_earlyTimesStillDrawn()
    {
        // 300 000 short holds, 1 ms apart: the finest levels keep only their
        // newest spans, and zooming into the first seconds must still show
        // the holds (from a coarser level), not an empty row.
        Recording recording;
        recording.addWorker(0, ipc::Role::Incrementer, 1000, 0);
        QVector<RecordedEvent> events;
        constexpr int kHolds = 300'000;
        events.reserve(2 * kHolds);
        for (int i = 0; i < kHolds; ++i) {
            events.append(state(i * 0.001, 0, WorkerState::HoldingLock));
            events.append(state(i * 0.001 + 0.0004, 0, WorkerState::Working));
        }
        recording.appendEvents(events);
        recording.appendSample(sampleAt(kHolds * 0.001, -1));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(600, 200);
        view.setRecording(&recording, &scenario);
        auto bluePixels = [&] {
            const QImage image = view.grab().toImage();
            const QColor hold = stateColor(WorkerState::HoldingLock);
            int count = 0;
            // Below the header and its legend, right of the labels.
            for (int y = 2 * QFontMetrics(view.font()).height() + 12; y < image.height(); ++y)
                for (int x = image.width() / 3; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    // The hold colour, at any opacity over white.
                    if (c.blue() > c.red() + 30 && qAbs(c.blue() - 255) < 40 &&
                        c.red() < 255 - (255 - hold.red()) / 5)
                        ++count;
                }
            return count;
        };
        view.setVisibleTimeRange(1.0, 1.01); // long trimmed from the finest levels
        QVERIFY(!view.following());
        QCOMPARE(view.visibleTimeRange(), qMakePair(1.0, 1.01));
        const int early = bluePixels();
        view.setVisibleTimeRange(299.0, 299.01); // still at full detail
        const int late = bluePixels();
        QVERIFY2(late > 100, qPrintable(QString::number(late)));
        QVERIFY2(early > 100, qPrintable(QString::number(early)));
    }

    void timeline_followsLanguageChange()
    {
        LockTimelineView view;
        const QString english = view.title();
        ChineseTranslator translator;
        QCoreApplication::installTranslator(&translator);
        QCoreApplication::processEvents();
        QVERIFY(view.title().startsWith(QStringLiteral("锁视图")));
        QVERIFY(view.toolTip().startsWith(QStringLiteral("锁视图"))); // set in changeEvent
        const Scenario scenario(ScenarioKind::Counter);
        view.setRecording(nullptr, &scenario);
        QVERIFY(paintsSomething(view));
        QCoreApplication::removeTranslator(&translator);
        QCoreApplication::processEvents();
        QCOMPARE(view.title(), english);
        QVERIFY(!view.toolTip().startsWith(QStringLiteral("锁视图")));
    }

    // ----------------------------------------------------------------- diagram

    void diagram_queueLevel_easesTowardTheDepth()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Producer, 1000, 0);
        recording.addWorker(1, ipc::Role::Consumer, 1001, 0);
        recording.appendSample(sampleAt(0.1, -1, 0));
        Scenario scenario(ScenarioKind::Queue);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("capacity"), 8, &error));
        ProcessDiagramView view;
        view.resize(600, 320);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.processCount(), 2);
        QCOMPARE(view.displayedQueueLevel(), 0.0);

        recording.appendSample(sampleAt(0.2, -1, 6));
        view.refresh();
        QCOMPARE(view.targetQueueDepth(), 6);
        const double first = view.displayedQueueLevel();
        QVERIFY2(first > 0 && first < 6, qPrintable(QString::number(first)));
        // Monotonic, no overshoot, and it arrives.
        double previous = first;
        int frames = 1;
        while (view.displayedQueueLevel() != 6.0 && frames < 600) {
            view.refresh();
            ++frames;
            QVERIFY(view.displayedQueueLevel() >= previous);
            QVERIFY(view.displayedQueueLevel() <= 6.0);
            previous = view.displayedQueueLevel();
        }
        QCOMPARE(view.displayedQueueLevel(), 6.0);
        QVERIFY2(frames >= 4, "the level must glide, not jump");
        QVERIFY2(frames <= 120, "and arrive within two seconds of frames");

        // Down again, the same way.
        recording.appendSample(sampleAt(0.3, -1, 1));
        view.refresh();
        QVERIFY(view.displayedQueueLevel() < 6.0 && view.displayedQueueLevel() > 1.0);
        QVERIFY(paintsSomething(view));
        // showAll (the session ended): the final picture, settled.
        view.showAll();
        QCOMPARE(view.displayedQueueLevel(), 1.0);
    }

    void diagram_largeCapacity_paints()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Producer, 1000, 0);
        recording.addWorker(1, ipc::Role::Consumer, 1001, 0);
        recording.appendSample(sampleAt(0.1, 0, 40'000));
        Scenario scenario(ScenarioKind::Queue);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("capacity"), 65536, &error));
        ProcessDiagramView view;
        view.resize(600, 320);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.targetQueueDepth(), 40'000);
        QCOMPARE(view.displayedQueueLevel(), 40'000.0); // a new picture starts settled
        QElapsedTimer clock;
        clock.start();
        QVERIFY(paintsSomething(view));
        QVERIFY(clock.elapsed() < 1000);
    }

    void diagram_holder_deadAndCrossedOut()
    {
        Recording recording;
        for (int id = 0; id < 4; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 1000 + id, 0);
        recording.appendEvents(
            {state(0.1, 0, WorkerState::WaitingLock), state(0.1, 1, WorkerState::WaitingLock),
             state(0.1, 2, WorkerState::HoldingLock), state(0.1, 3, WorkerState::Working)});
        recording.appendSample(sampleAt(0.2, 2));
        const Scenario scenario(ScenarioKind::Counter);
        ProcessDiagramView view;
        view.resize(600, 360);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.processCount(), 4);
        QCOMPARE(view.lockHolder(), 2);
        QCOMPARE(view.crossedOutCount(), 0);
        QVERIFY(!view.holderIsDead());
        QVERIFY(view.lockEnabled());

        recording.setWorkerExit(2, QStringLiteral("killed"), 0.3);
        recording.appendSample(sampleAt(0.4, 2));
        view.refresh();
        QCOMPARE(view.crossedOutCount(), 1);
        QVERIFY(view.holderIsDead());
        // One that finished normally is not crossed out.
        recording.setWorkerExit(3, QStringLiteral("ok"), 0.5);
        view.refresh();
        QCOMPARE(view.crossedOutCount(), 1);
        recording.setWorkerExit(0, QStringLiteral("error"), 0.6);
        view.refresh();
        QCOMPARE(view.crossedOutCount(), 2);
        QVERIFY(paintsSomething(view));
    }

    void diagram_lockSwitch()
    {
        Scenario scenario(ScenarioKind::Counter);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("lock"), 0, &error));
        ProcessDiagramView view;
        view.resize(500, 300);
        view.setRecording(nullptr, &scenario);
        QVERIFY(!view.lockEnabled());
        const QImage off = view.grab().toImage();
        view.setLockEnabled(true);
        QVERIFY(view.lockEnabled());
        const QImage on = view.grab().toImage();
        QVERIFY2(off != on, "an open padlock must look different from a closed one");

        // A running session's scenario follows the switch (Session::setLiveValue):
        // the diagram follows it on the next frame without being told.
        Recording recording;
        recording.addWorker(0, ipc::Role::Incrementer, 1000, 0);
        Scenario live(ScenarioKind::Counter);
        view.setRecording(&recording, &live);
        QVERIFY(view.lockEnabled());
        QVERIFY(live.setValue(QStringLiteral("lock"), 0, &error));
        view.refresh();
        QVERIFY(!view.lockEnabled());
        view.setLockEnabled(true); // told directly: stays until the scenario changes again
        view.refresh();
        QVERIFY(view.lockEnabled());
    }

    // The open padlock says what races, in the scenario's terms.
    void diagram_lockOffCaption_namesWhatRaces()
    {
        ProcessDiagramView view;
        const Scenario counter(ScenarioKind::Counter), queue(ScenarioKind::Queue),
            joinable(ScenarioKind::JoinableQueue);
        view.setRecording(nullptr, &counter);
        QVERIFY2(view.lockOffCaption().contains(QLatin1String("updates race")),
                 qPrintable(view.lockOffCaption()));
        // Two producers race for a slot, two consumers for an item; a put
        // and a get never race (the semaphores keep them on different slots).
        for (const Scenario* scenario : {&queue, &joinable}) {
            view.setRecording(nullptr, scenario);
            QVERIFY2(view.lockOffCaption().contains(QLatin1String("puts race with puts")),
                     qPrintable(view.lockOffCaption()));
            QVERIFY2(view.lockOffCaption().contains(QLatin1String("gets with gets")),
                     qPrintable(view.lockOffCaption()));
        }
    }

    void diagram_queue_twoPadlocks_bothHoldersAtOnce_data() { addQueueKinds(); }

    // The put lock by the producers, the get lock by the consumers, each
    // with its own holder and its own waiters.
    void diagram_queue_twoPadlocks_bothHoldersAtOnce()
    {
        QFETCH(int, kind);
        Recording recording;
        fillQueueLocks(recording);
        const Scenario scenario(static_cast<ScenarioKind>(kind));
        ProcessDiagramView view;
        view.resize(700, 360);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.padlockCount(), 2);
        QCOMPARE(view.lockHolder(), 0);
        QCOMPARE(view.secondLockHolder(), 3);
        QCOMPARE(view.waitingFor(0), QList<int>({1}));
        QCOMPARE(view.waitingFor(1), QList<int>({2}));
        QVERIFY(!view.holderIsDead());
        QVERIFY(paintsSomething(view));
        if (kind == int(ScenarioKind::Queue))
            snapshot(view, QStringLiteral("diagram_queue_twolocks"));

        // The get lock's holder is drawn (highlighted box, padlock at its
        // edge): the picture with it differs from the one without.
        const QImage both = view.grab().toImage();
        recording.appendSample(twoLockSampleAt(1.1, 0, -1));
        view.showAll(); // settled: no easing between the two pictures
        QCOMPARE(view.secondLockHolder(), -1);
        QVERIFY2(view.grab().toImage() != both, "the get lock's holder must show");

        // A dead get lock holder counts, though the put lock's is alive.
        recording.appendSample(twoLockSampleAt(1.2, 0, 3));
        recording.setWorkerExit(3, QStringLiteral("killed"), 1.25);
        view.refresh();
        QVERIFY(view.holderIsDead());
        QCOMPARE(view.crossedOutCount(), 1);
        QVERIFY(paintsSomething(view));
        if (kind == int(ScenarioKind::Queue))
            snapshot(view, QStringLiteral("diagram_queue_deadgetholder"));
    }

    // Everywhere but a queue there is one padlock, lock 0's: lock 1 (the
    // deadlock's lock B) changes nothing in the picture.
    void diagram_counter_onePadlock_ignoresTheSecondLock()
    {
        Recording recording;
        for (int id = 0; id < 3; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 1000 + id, 0);
        recording.appendEvents({state(0.1, 0, WorkerState::WaitingLock),
                                state(0.1, 1, WorkerState::WaitingLock),
                                state(0.1, 2, WorkerState::HoldingLock)});
        recording.appendSample(sampleAt(0.2, 2));
        const Scenario scenario(ScenarioKind::Counter);
        ProcessDiagramView view;
        view.resize(600, 360);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.padlockCount(), 1);
        QCOMPARE(view.lockHolder(), 2);
        QCOMPARE(view.secondLockHolder(), -1);
        QCOMPARE(view.waitingFor(0), QList<int>({0, 1}));
        QCOMPARE(view.waitingFor(1), QList<int>());
        const QImage oneLock = view.grab().toImage();

        recording.appendSample(twoLockSampleAt(0.3, 2, 1));
        view.showAll();
        QCOMPARE(view.secondLockHolder(), -1);
        QCOMPARE(view.grab().toImage(), oneLock);
        recording.setWorkerExit(1, QStringLiteral("killed"), 0.4);
        view.refresh();
        QVERIFY(!view.holderIsDead());
    }

    void diagram_idlePicture_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key1");
        QTest::addColumn<int>("value1");
        QTest::addColumn<QString>("key2");
        QTest::addColumn<int>("value2");
        QTest::addColumn<int>("processes");
        QTest::newRow("counter") << int(ScenarioKind::Counter) << "workers" << 5 << "workers" << 5
                                 << 5;
        QTest::newRow("queue") << int(ScenarioKind::Queue) << "producers" << 3 << "consumers" << 2
                               << 5;
        QTest::newRow("event") << int(ScenarioKind::Event) << "waiters" << 2 << "timed_waiters" << 1
                               << 4;
        QTest::newRow("semaphore")
            << int(ScenarioKind::Semaphore) << "workers" << 64 << "permits" << 3 << 64;
    }

    void diagram_idlePicture()
    {
        QFETCH(int, kind);
        QFETCH(QString, key1);
        QFETCH(int, value1);
        QFETCH(QString, key2);
        QFETCH(int, value2);
        QFETCH(int, processes);
        Scenario scenario(static_cast<ScenarioKind>(kind));
        QString error;
        QVERIFY2(scenario.setValue(key1, value1, &error), qPrintable(error));
        QVERIFY2(scenario.setValue(key2, value2, &error), qPrintable(error));
        ProcessDiagramView view;
        view.resize(520, 320);
        view.setRecording(nullptr, &scenario);
        QCOMPARE(view.processCount(), processes);
        QCOMPARE(view.crossedOutCount(), 0);
        QCOMPARE(view.lockHolder(), -1);
        view.refresh(); // no recording: must not crash
        QVERIFY(paintsSomething(view));
        view.resize(250, 170); // the smallest the window gives it
        QVERIFY(paintsSomething(view));
    }

    void pixelStrip_blendsAsFillRectDoes()
    {
        const QColor translucent(30, 120, 200, 110);
        const QColor mostlyOpaque(200, 40, 40, 220);
        QImage filled(120, 12, QImage::Format_ARGB32_Premultiplied);
        filled.fill(Qt::white);
        QImage stripped = filled;
        {
            QPainter painter(&filled);
            painter.fillRect(QRectF(10.3, 2, 5.4, 8), translucent);
            painter.fillRect(QRectF(12, 2, 30, 8), mostlyOpaque);
            painter.fillRect(QRectF(60, 2, 1, 8), translucent);
            painter.fillRect(QRectF(60, 2, 1, 8), translucent);
        }
        PixelStrip strip;
        strip.reset(0, 120);
        strip.fill(10.3, 15.7, translucent);
        strip.fill(12, 42, mostlyOpaque);
        strip.fill(60, 61, translucent);
        strip.fill(60, 61, translucent);
        strip.fill(-30, -2, mostlyOpaque); // left of the strip: nothing
        {
            QPainter painter(&stripped);
            QVERIFY(PixelStrip::suits(painter));
            strip.draw(painter, 2, 8);
        }
        QCOMPARE(differingShare(filled, stripped, 2), 0.0);
        QCOMPARE(stripped.pixel(0, 5), qRgb(255, 255, 255));

        // A vector device gets the views' rectangles, never a bitmap.
        QPicture picture;
        QPainter recorder(&picture);
        QVERIFY(!PixelStrip::suits(recorder));
        QVERIFY(!LineLayer::suits(recorder));
    }

    void lineLayer_coversWhereTheLineIs()
    {
        LineLayer layer;
        layer.reset(QSize(100, 100), 1);
        layer.addLine(QPointF(10, 10.5), QPointF(90, 10.5), Qt::red, 1); // row 10, exactly
        layer.addLine(QPointF(10, 30), QPointF(60, 80), QColor(0, 0, 255, 128), 2.5);
        QImage drawn(100, 100, QImage::Format_ARGB32_Premultiplied);
        drawn.fill(Qt::transparent);
        {
            QPainter painter(&drawn);
            QVERIFY(LineLayer::suits(painter));
            layer.draw(painter);
        }
        QCOMPARE(drawn.pixel(50, 10), qRgb(255, 0, 0));
        QCOMPARE(qAlpha(drawn.pixel(50, 9)), 0);
        QCOMPARE(qAlpha(drawn.pixel(50, 11)), 0);
        QCOMPARE(qAlpha(drawn.pixel(95, 10)), 0);
        // The diagonal: as much ink as QPainter's antialiased line of that width.
        QImage reference(100, 100, QImage::Format_ARGB32_Premultiplied);
        reference.fill(Qt::transparent);
        {
            QPainter painter(&reference);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(QColor(0, 0, 255, 128), 2.5, Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(10, 30), QPointF(60, 80));
        }
        auto ink = [](const QImage& image) {
            double sum = 0;
            for (int y = 20; y < 100; ++y)
                for (int x = 0; x < 100; ++x)
                    sum += qAlpha(image.pixel(x, y));
            return sum;
        };
        QVERIFY2(std::abs(ink(drawn) - ink(reference)) < 0.1 * ink(reference),
                 qPrintable(QStringLiteral("%1 vs %2").arg(ink(drawn)).arg(ink(reference))));
        QCOMPARE(qAlpha(drawn.pixel(60, 30)), 0); // far from the line

        // A new frame starts clean.
        layer.reset(QSize(100, 100), 1);
        QImage cleared(100, 100, QImage::Format_ARGB32_Premultiplied);
        cleared.fill(Qt::transparent);
        {
            QPainter painter(&cleared);
            layer.draw(painter);
        }
        QCOMPARE(qAlpha(cleared.pixel(50, 10)), 0);
    }

    void timeline_onScreen_looksAsExported()
    {
        // Dense narrow spans (64 workers handing a lock over every 0.3 ms),
        // a long blocked stretch and a long, hatched wait.
        Recording recording;
        constexpr int kWorkers = 64;
        for (int id = 0; id <= kWorkers; ++id)
            recording.addWorker(id, ipc::Role::Incrementer, 2000 + id, 0);
        QVector<RecordedEvent> events;
        for (int i = 0; i < 30'000; ++i) {
            const double t = 9.0 * i / 30'000;
            const int w = i % kWorkers;
            events.append(state(t, w, WorkerState::WaitingLock));
            events.append(state(t + 0.0001, w, WorkerState::HoldingLock));
            events.append(state(t + 0.0002, w, WorkerState::Working));
        }
        events.append(state(1.0, kWorkers, WorkerState::BlockedGet));
        events.append(state(3.0, kWorkers, WorkerState::WaitingLock));
        events.append(state(6.0, kWorkers, WorkerState::HoldingLock));
        events.append(state(6.5, kWorkers, WorkerState::Working));
        std::stable_sort(
            events.begin(), events.end(),
            [](const RecordedEvent& a, const RecordedEvent& b) { return a.time < b.time; });
        recording.appendEvents(events);
        recording.appendSample(sampleAt(9.5, 3));
        const Scenario scenario(ScenarioKind::Counter);
        LockTimelineView view;
        view.resize(900, 600);
        view.setRecording(&recording, &scenario);
        view.refresh();
        const QImage screen = onScreen(view);
        const QImage exported = asVectors(view);
        QImage blank(screen.size(), screen.format());
        blank.fill(Qt::white);
        QVERIFY(differingShare(screen, blank, 6) > 0.05); // there is a picture to compare
        // Texts replay from a QPicture a little differently: the bars only.
        const QRect bars(screen.width() / 4, 60, screen.width() * 3 / 4, screen.height() - 100);
        const double share = differingShare(screen.copy(bars), exported.copy(bars), 6);
        qInfo("timeline: %.4f%% of pixels differ", share * 100);
        // A QPicture replays a fillRect as a drawRect, which rounds some
        // edges the other way: single pixels differ. A missing strip, or one
        // off by a row or a column, differs in a quarter of the bars' pixels.
        QVERIFY2(share < 0.03, qPrintable(QString::number(share)));
    }

    void diagram_onScreen_looksAsExported()
    {
        Recording recording;
        QVector<RecordedEvent> events;
        for (int id = 0; id < 64; ++id) {
            recording.addWorker(id, id < 32 ? ipc::Role::Producer : ipc::Role::Consumer, 3000 + id,
                                0);
            events.append(state(0.1, id, id % 3 ? WorkerState::Working : WorkerState::BlockedGet));
            if (id % 2)
                events.append(
                    recorded(0.15, id, id < 32 ? EventType::ItemPut : EventType::ItemGot));
        }
        recording.appendEvents(events);
        Sample sample = sampleAt(0.2, 7, 3);
        recording.appendSample(sample);
        Scenario scenario(ScenarioKind::Queue);
        ProcessDiagramView view;
        view.resize(700, 420);
        view.setRecording(&recording, &scenario);
        for (int i = 0; i < 3; ++i)
            view.refresh();
        const QImage screen = onScreen(view);
        const QImage exported = asVectors(view);
        // Antialiasing computed two ways: edge pixels may differ a little,
        // no line may be missing or misplaced.
        // The producers' arrows, between their boxes and the queue: as much ink.
        const QRect fan(screen.width() * 24 / 100, 0, screen.width() * 35 / 1000, screen.height());
        auto ink = [&](const QImage& image) {
            double sum = 0;
            for (int y = fan.top(); y <= fan.bottom(); ++y)
                for (int x = fan.left(); x <= fan.right(); ++x)
                    sum += 255 - qGray(image.pixel(x, y));
            return sum;
        };
        qInfo("diagram: arrows' ink %.0f on screen, %.0f exported", ink(screen), ink(exported));
        QVERIFY(ink(exported) > 0);
        QVERIFY(std::abs(ink(screen) - ink(exported)) < 0.15 * ink(exported));
        // Antialiasing computed two ways and the box texts replayed from a
        // QPicture differ a little; nothing may be missing or misplaced.
        const double share = differingShare(screen, exported, 48);
        qInfo("diagram: %.4f%% of pixels differ by more than 48", share * 100);
        QVERIFY2(share < 0.015, qPrintable(QString::number(share)));
    }

    void diagram_cachedBoxes_followStateAndLanguage()
    {
        // On screen the boxes are cached pictures: a new state, or a new
        // language, must show at once, as the vector path draws it.
        Recording recording;
        for (int id = 0; id < 4; ++id) {
            recording.addWorker(id, id < 2 ? ipc::Role::Producer : ipc::Role::Consumer, 4000 + id,
                                0);
            recording.appendEvents({state(0.1, id, WorkerState::Working)});
        }
        recording.appendSample(sampleAt(0.2, -1, 1));
        const Scenario scenario(ScenarioKind::Queue);
        ProcessDiagramView view;
        view.resize(700, 420);
        view.setRecording(&recording, &scenario);
        for (int i = 0; i < 30; ++i)
            view.refresh();
        view.showAll();
        const QImage working = onScreen(view);
        recording.appendEvents(
            {state(0.3, 0, WorkerState::BlockedPut), state(0.3, 3, WorkerState::BlockedGet)});
        recording.appendSample(sampleAt(0.4, -1, 1));
        view.refresh();
        view.showAll();
        const QImage blocked = onScreen(view);
        QVERIFY(differingShare(working, blocked, 48) > 0.005); // two boxes changed colour
        QVERIFY2(differingShare(blocked, asVectors(view), 48) < 0.015,
                 qPrintable(QString::number(differingShare(blocked, asVectors(view), 48))));

        ChineseTranslator translator;
        QCoreApplication::installTranslator(&translator);
        const QImage chinese = onScreen(view);
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(differingShare(blocked, chinese, 48) > 0.001); // the boxes' texts changed
    }

    void workerTable_refresh_announcesOnlyWhatChanged()
    {
        Recording recording;
        for (int id = 0; id < 3; ++id) {
            recording.addWorker(id, ipc::Role::Incrementer, 5000 + id, 0);
            recording.appendEvents({state(0.1, id, WorkerState::Working)});
        }
        WorkerTableModel model;
        model.setRecording(&recording);
        model.refresh(1.0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        recording.appendEvents({state(1.05, 1, WorkerState::WaitingLock)});
        model.refresh(1.1);
        QCOMPARE(model.stateOf(1), WorkerState::WaitingLock);
        QCOMPARE(model.stateOf(0), WorkerState::Working);
        // Row 1's state (and its time in state, which restarted), and the
        // time-in-state column of every row; rows 0 and 2 did nothing else.
        QList<QPair<QModelIndex, QModelIndex>> ranges;
        for (const QList<QVariant>& signal : changed)
            ranges.append({signal.at(0).toModelIndex(), signal.at(1).toModelIndex()});
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges[0].first, model.index(1, WorkerTableModel::StateColumn));
        QCOMPARE(ranges[0].second, model.index(1, WorkerTableModel::TimeInStateColumn));
        QCOMPARE(ranges[1].first, model.index(0, WorkerTableModel::TimeInStateColumn));
        QCOMPARE(ranges[1].second, model.index(2, WorkerTableModel::TimeInStateColumn));
        QCOMPARE(model
                     .data(model.index(0, WorkerTableModel::TimeInStateColumn),
                           WorkerTableModel::SortRole)
                     .toDouble(),
                 1.0);
        // An ops count that moved is that one cell: a view repaints what it
        // is told about, and most rows change only there (bench row 8).
        changed.clear();
        recording.setWorkerCounters(2, 7, 0, 0);
        model.refresh(1.1);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed[0].at(0).toModelIndex(), model.index(2, WorkerTableModel::OpsColumn));
        QCOMPARE(changed[0].at(1).toModelIndex(), model.index(2, WorkerTableModel::OpsColumn));
        QCOMPARE(model.data(model.index(2, WorkerTableModel::OpsColumn)).toString(),
                 QStringLiteral("7"));
    }

    void diagram_64workers_paint()
    {
        Recording recording;
        QVector<RecordedEvent> events;
        for (int id = 0; id < 64; ++id) {
            recording.addWorker(id, ipc::Role::Incrementer, 3000 + id, 0);
            events.append(
                state(0.1, id, id == 7 ? WorkerState::HoldingLock : WorkerState::WaitingLock));
        }
        recording.appendEvents(events);
        recording.appendSample(sampleAt(0.2, 7));
        recording.setWorkerExit(9, QStringLiteral("killed"), 0.15);
        const Scenario scenario(ScenarioKind::Counter);
        ProcessDiagramView view;
        view.resize(700, 420);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.processCount(), 64);
        QCOMPARE(view.crossedOutCount(), 1);
        for (int i = 0; i < 30; ++i)
            view.refresh();
        QVERIFY(paintsSomething(view));
    }

    void diagram_workerAddedWhileRunning_appears()
    {
        Recording recording;
        recording.addWorker(0, ipc::Role::Producer, 1000, 0);
        recording.addWorker(1, ipc::Role::Consumer, 1001, 0);
        recording.appendSample(sampleAt(0.1));
        const Scenario scenario(ScenarioKind::Queue);
        ProcessDiagramView view;
        view.resize(600, 320);
        view.setRecording(&recording, &scenario);
        QCOMPARE(view.processCount(), 2);
        recording.addWorker(2, ipc::Role::Consumer, 1002, 0.2);
        view.refresh();
        QCOMPARE(view.processCount(), 3);
        QVERIFY(paintsSomething(view));
    }

    void diagram_followsLanguageChange()
    {
        ProcessDiagramView view;
        const QString english = view.title();
        ChineseTranslator translator;
        QCoreApplication::installTranslator(&translator);
        QCoreApplication::processEvents();
        QVERIFY(view.title().startsWith(QStringLiteral("锁视图")));
        const Scenario scenario(ScenarioKind::Queue);
        view.resize(500, 300);
        view.setRecording(nullptr, &scenario);
        QVERIFY(paintsSomething(view));
        QCoreApplication::removeTranslator(&translator);
        QCoreApplication::processEvents();
        QCOMPARE(view.title(), english);
    }

    void bothViews_followADarkPalette()
    {
        Recording recording;
        fillContention(recording);
        const Scenario scenario(ScenarioKind::Counter);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        LockTimelineView timeline;
        ProcessDiagramView diagram;
        for (QWidget* view : {static_cast<QWidget*>(&timeline), static_cast<QWidget*>(&diagram)}) {
            view->setPalette(dark);
            view->resize(500, 300);
        }
        timeline.setRecording(&recording, &scenario);
        diagram.setRecording(&recording, &scenario);
        for (QWidget* view : {static_cast<QWidget*>(&timeline), static_cast<QWidget*>(&diagram)}) {
            const QImage image = view->grab().toImage();
            // The bottom right corner is background in both pictures.
            QCOMPARE(image.pixelColor(image.width() - 2, image.height() - 2),
                     dark.color(QPalette::Base));
            // And some text is light: the palette's text colour was used.
            bool light = false;
            for (int y = 0; y < image.height() && !light; ++y)
                for (int x = 0; x < image.width() / 3 && !light; ++x)
                    light = image.pixelColor(x, y).lightness() > 200;
            QVERIFY(light);
        }
    }

    // ------------------------------------------------------ with real workers

    void realCounter_killedHolder_isShownDead()
    {
        // Each increment holds the lock 100 ms: the holder the views name is
        // still the holder when the kill lands.
        Session session(test::scenarioWith(
            ScenarioKind::Counter,
            {{"workers", 4}, {"iterations", 1'000'000'000}, {"lock", 1}, {"think_us", 100'000}}));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();

        LockTimelineView timeline;
        ProcessDiagramView diagram;
        timeline.resize(700, 320);
        diagram.resize(600, 360);
        timeline.setRecording(&session.recording(), &session.scenario());
        diagram.setRecording(&session.recording(), &session.scenario());
        QCOMPARE(diagram.processCount(), 4);
        QCOMPARE(timeline.rowCount(), 4);
        int holderSeen = -1;
        QTimer frames;
        frames.setInterval(16);
        connect(&frames, &QTimer::timeout, this, [&] {
            timeline.refresh();
            diagram.refresh();
            if (timeline.currentHolder() >= 0)
                holderSeen = timeline.currentHolder();
        });
        frames.start();

        QTRY_VERIFY_WITH_TIMEOUT(timeline.acquisitions() > 0 && holderSeen >= 0, 20'000);
        QVERIFY(timeline.meanWaitMs() >= 0);
        QVERIFY(timeline.maxWaitMs() >= timeline.meanWaitMs());
        // Three of the four wait for the one inside: their waits are long.
        QTRY_VERIFY_WITH_TIMEOUT(timeline.maxWaitMs() > 50, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(diagram.lockHolder() >= 0, 20'000);
        if (snapshotsWanted())
            QTest::qWait(3000); // some history to look at
        snapshot(timeline, QStringLiteral("timeline_counter"));
        snapshot(diagram, QStringLiteral("diagram_counter"));

        // Kill whoever the view says holds the lock; should the lock have
        // changed hands in between (a 1 % chance), kill the next holder.
        int victim = -1;
        for (int attempt = 0; attempt < 3 && !timeline.holderIsDead(); ++attempt) {
            timeline.refresh();
            QTRY_VERIFY_WITH_TIMEOUT((victim = timeline.currentHolder()) >= 0 &&
                                         session.recording().worker(victim).exit.isEmpty(),
                                     20'000);
            QVERIFY(session.killWorker(victim));
            QTest::qWait(1000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(timeline.holderIsDead(), 20'000);
        QCOMPARE(timeline.currentHolder(), victim);
        QTRY_VERIFY_WITH_TIMEOUT(diagram.holderIsDead(), 20'000);
        QCOMPARE(diagram.lockHolder(), victim);
        QVERIFY(diagram.crossedOutCount() >= 1);
        // The views and the engine agree on who is stuck behind the dead holder.
        auto sorted = [](QList<int> ids) {
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!session.stuckWorkers().isEmpty(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(timeline.stuckWorkers(), sorted(session.stuckWorkers()), 20'000);
        QTest::qWait(300); // let the animation settle for the picture
        snapshot(timeline, QStringLiteral("timeline_deadholder"));
        snapshot(diagram, QStringLiteral("diagram_deadholder"));

        frames.stop();
        session.stop();
        QVERIFY(test::runToEnd(session, 20'000));
        timeline.refresh();
        diagram.showAll();
        timeline.showAll();
        QVERIFY(paintsSomething(timeline));
        QVERIFY(paintsSomething(diagram));
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }

    void realQueue_levelFollowsTheDepth()
    {
        // Slow consumers: the queue fills up and stays (nearly) full.
        Session session(test::scenarioWith(ScenarioKind::Queue, {{"producers", 3},
                                                                 {"consumers", 2},
                                                                 {"capacity", 8},
                                                                 {"items", 1'000'000},
                                                                 {"consume_us", 20'000}}));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        const QList<qint64> pids = session.livePids();
        LockTimelineView timeline;
        ProcessDiagramView diagram;
        timeline.resize(700, 320);
        diagram.resize(640, 360);
        timeline.setRecording(&session.recording(), &session.scenario());
        diagram.setRecording(&session.recording(), &session.scenario());
        QTimer frames;
        frames.setInterval(16);
        connect(&frames, &QTimer::timeout, this, [&] {
            timeline.refresh();
            diagram.refresh();
        });
        frames.start();
        QTRY_VERIFY_WITH_TIMEOUT(diagram.targetQueueDepth() >= 6, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(diagram.displayedQueueLevel() >= 5.5, 20'000);
        QVERIFY(diagram.displayedQueueLevel() <= 8.0);
        QTRY_VERIFY_WITH_TIMEOUT(timeline.acquisitions() > 10, 20'000); // the queue's lock
        QCOMPARE(diagram.processCount(), 5);
        if (snapshotsWanted())
            QTest::qWait(3000);
        snapshot(timeline, QStringLiteral("timeline_queue"));
        snapshot(diagram, QStringLiteral("diagram_queue"));
        frames.stop();
        session.stop();
        QVERIFY(test::runToEnd(session, 20'000));
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }
};

QTEST_MAIN(TestPaintedViews)
#include "tst_paintedviews.moc"
