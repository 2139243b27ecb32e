// The QCustomPlot views: QueueDepthView and RaceView. Unit tests fill a real
// Recording by hand; integration tests watch real sessions with real workers.
#include "QueueDepthView.h"
#include "RaceView.h"
#include "Recording.h"
#include "Scenario.h"
#include "Session.h"
#include "TestSupport.h"

#include <QLabel>
#include <QPicture>
#include <QSignalSpy>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>
#include <functional>
#include <memory>

using namespace ipcscope;

namespace {

constexpr int kSessionTimeoutMs = 20'000;

Sample queueSample(double time, int depth, qint64 produced = 0, qint64 consumed = 0)
{
    Sample sample{};
    sample.time = time;
    sample.queueDepth = depth;
    sample.produced = produced;
    sample.consumed = consumed;
    sample.lockHolder = -1;
    return sample;
}

Sample counterSample(double time, qint64 expected, qint64 actual)
{
    Sample sample{};
    sample.time = time;
    sample.counterExpected = expected;
    sample.counterActual = actual;
    sample.lockHolder = -1;
    return sample;
}

Scenario queueScenario(int capacity)
{
    Scenario scenario(ScenarioKind::Queue);
    QString error;
    const bool ok = scenario.setValue(QStringLiteral("capacity"), capacity, &error);
    Q_ASSERT_X(ok, "queueScenario", qPrintable(error));
    return scenario;
}

// A 1 kHz stream, like the Sampler's: sample i at i ms.
void appendQueueSamples(Recording& recording, int from, int to, int capacity)
{
    for (int i = from; i < to; ++i)
        recording.appendSample(queueSample(i / 1000.0, (i / 7) % (capacity + 1), i, i));
}

void appendCounterSamples(Recording& recording, int from, int to)
{
    // Four workers, one increment each per ms; one in fifty lost.
    for (int i = from; i < to; ++i)
        recording.appendSample(counterSample(i / 1000.0, 4 * qint64(i), 4 * qint64(i) - i / 50));
}

QCPGraph* graphNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name)
            return plot->graph(i);
    return nullptr;
}

QCustomPlot* plotOf(LiveView* view)
{
    if (auto* queue = qobject_cast<QueueDepthView*>(view))
        return queue->plot();
    return static_cast<RaceView*>(view)->plot();
}

QCPRange timeRange(LiveView* view)
{
    return plotOf(view)->xAxis->range();
}

// The delivery plot's bars, lost, duplicated, phantom.
QList<double> barHeights(const RaceView& view)
{
    QList<double> heights;
    for (int i = 0; i < view.plot()->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(view.plot()->plottable(i)))
            heights.append(bars->data()->constBegin()->value);
    return heights;
}

void setTimeRange(LiveView* view, double lower, double upper)
{
    // As a user's drag does: every time axis of the view moves.
    for (QCPAxisRect* rect : plotOf(view)->axisRects())
        rect->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

// One of the two views with what the data-driven tests need to know about it.
struct ViewUnderTest
{
    std::unique_ptr<LiveView> view;
    Scenario scenario;
    std::function<int()> points;
    std::function<QCPGraph*()> mainGraph;
    std::function<void(Recording&, int, int)> append; // samples [from, to) in ms
};

ViewUnderTest makeView(const QString& which)
{
    ViewUnderTest t;
    if (which == QLatin1String("queue")) {
        auto* view = new QueueDepthView;
        t.view.reset(view);
        t.scenario = queueScenario(4);
        t.points = [view] { return view->pointCount(); };
        t.mainGraph = [view] { return graphNamed(view->plot(), QueueDepthView::tr("depth")); };
        t.append = [](Recording& r, int from, int to) { appendQueueSamples(r, from, to, 4); };
    } else {
        auto* view = new RaceView;
        t.view.reset(view);
        t.scenario = Scenario(ScenarioKind::Counter);
        t.points = [view] { return view->pointCount(); };
        t.mainGraph = [view] {
            return graphNamed(view->plot(), RaceView::tr("actual (shared counter)"));
        };
        t.append = [](Recording& r, int from, int to) { appendCounterSamples(r, from, to); };
    }
    t.view->resize(640, 400);
    return t;
}

QVector<QCPGraphData> pointsOf(QCPGraph* graph)
{
    return QVector<QCPGraphData>(graph->data()->constBegin(), graph->data()->constEnd());
}

bool samePoints(const QVector<QCPGraphData>& a, const QVector<QCPGraphData>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].key != b[i].key || a[i].value != b[i].value)
            return false;
    return true;
}

// Every visible text item of a plot (the "not used" note among them).
QStringList visibleTexts(QCustomPlot* plot)
{
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)); text && text->visible())
            texts.append(text->text());
    return texts;
}

// Marks every text of our classes, so a test can tell whether a view re-set
// its texts after QEvent::LanguageChange.
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        if (!QByteArray(context).startsWith("ipcscope::"))
            return {};
        return QStringLiteral("[zz] ") + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

void saveShot(QWidget* view, const QString& name)
{
    // Pictures for a person to look at, only when asked for: at the size
    // given and at a small size, as in a crowded window.
    const QString dir = qEnvironmentVariable("IPCSCOPE_SHOT_DIR");
    if (dir.isEmpty())
        return;
    const QSize given = view->size();
    for (const QSize size : {given, QSize(380, 250)}) {
        view->resize(size);
        QCoreApplication::processEvents(); // the layouts and the legend follow the size
        for (QCustomPlot* plot : view->findChildren<QCustomPlot*>())
            plot->replot(QCustomPlot::rpImmediateRefresh);
        const QString suffix = size == given ? QString() : QStringLiteral("_small");
        view->grab().save(QStringLiteral("%1/plotviews_%2%3.png").arg(dir, name, suffix));
    }
    view->resize(given);
}

} // namespace

class TestPlotViews : public QObject
{
    Q_OBJECT

private slots:
    // --- both views (data-driven) ---
    void views_data();
    void secondRefresh_addsNoPoints_data() { views_data(); }
    void secondRefresh_addsNoPoints();
    void refresh_appendsIncrementally_sameAsAllAtOnce_data() { views_data(); }
    void refresh_appendsIncrementally_sameAsAllAtOnce();
    void decimation_boundsPoints_keepsExtremes_data() { views_data(); }
    void decimation_boundsPoints_keepsExtremes();
    void tenMinuteSession_staysBounded_data() { views_data(); }
    void tenMinuteSession_staysBounded();
    void following_scrolls_notFollowing_staysPut_data() { views_data(); }
    void following_scrolls_notFollowing_staysPut();
    void showAll_coversWholeRun_data() { views_data(); }
    void showAll_coversWholeRun();
    void setRecording_resetsEverything_data() { views_data(); }
    void setRecording_resetsEverything();
    void languageChange_resetsTexts_data() { views_data(); }
    void languageChange_resetsTexts();

    // --- QueueDepthView ---
    void queue_countsFullAndEmptySeconds_acrossRefreshes();
    void queue_ratesAreItemsPerSecond();
    void queue_bandsOnScreen_lookAsExported();
    void queue_emptyViews_forEveryKind();

    // --- RaceView ---
    void race_lostUpdates_fromCounterFigures();
    void race_unsharedCounter_losesNothing();
    void race_overlaps_allCounted_markersCapped();
    void race_overlapsNotKept_stillCounted();
    void race_queue_showsDeliveryDamage();
    void race_queue_replotsOnlyWhenDamageChanges();
    void race_kindWithoutCounterOrQueue_showsNote();

    // --- real sessions ---
    void live_counterLockOff_showsLostUpdatesAndOverlaps();
    void live_smallQueue_showsFullThenEmpty();
};

void TestPlotViews::views_data()
{
    QTest::addColumn<QString>("which");
    QTest::newRow("queue") << QStringLiteral("queue");
    QTest::newRow("race") << QStringLiteral("race");
}

void TestPlotViews::secondRefresh_addsNoPoints()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording recording;
    t.append(recording, 0, 3000);
    t.view->setRecording(&recording, &t.scenario);
    t.view->refresh();
    const int points = t.points();
    QVERIFY(points > 0);
    const QVector<QCPGraphData> before = pointsOf(t.mainGraph());
    t.view->refresh();
    t.view->refresh();
    QCOMPARE(t.points(), points);
    QVERIFY(samePoints(pointsOf(t.mainGraph()), before));
}

void TestPlotViews::refresh_appendsIncrementally_sameAsAllAtOnce()
{
    QFETCH(QString, which);
    ViewUnderTest live = makeView(which);
    ViewUnderTest batch = makeView(which);
    Recording recording;
    live.view->setRecording(&recording, &live.scenario);
    // Frames of uneven size, some cutting a bucket in two, some empty.
    int at = 0;
    int previousPoints = 0;
    for (int frame : {1, 16, 17, 0, 3, 250, 16, 1, 999, 33, 0, 2000}) {
        live.append(recording, at, at + frame);
        at += frame;
        live.view->refresh();
        QVERIFY(live.points() >= previousPoints);
        previousPoints = live.points();
    }
    QVERIFY(previousPoints > 100);
    batch.view->setRecording(&recording, &batch.scenario);
    batch.view->refresh();
    QVERIFY(samePoints(pointsOf(live.mainGraph()), pointsOf(batch.mainGraph())));
}

void TestPlotViews::decimation_boundsPoints_keepsExtremes()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording recording;
    t.append(recording, 0, 100'000); // 100 s at 1 kHz
    t.view->setRecording(&recording, &t.scenario);
    t.view->refresh();
    // At most one point per 5 ms, at least one per 10 ms bucket.
    const int points = t.points();
    QVERIFY2(points <= 100'000 / 5 + 2, qPrintable(QString::number(points)));
    QVERIFY2(points >= 100'000 / 10, qPrintable(QString::number(points)));
    // Min/max per bucket: the extremes survive decimation.
    const QVector<Sample> samples = recording.samplesFrom(0);
    bool found = false;
    const QCPRange drawn = t.mainGraph()->getValueRange(found);
    QVERIFY(found);
    if (which == QLatin1String("queue")) {
        QCOMPARE(drawn.lower, 0.0);
        QCOMPARE(drawn.upper, 4.0);
    } else {
        QCOMPARE(drawn.lower, double(samples.first().counterActual));
        QCOMPARE(drawn.upper, double(samples.last().counterActual));
    }
}

void TestPlotViews::tenMinuteSession_staysBounded()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording recording;
    t.view->setRecording(&recording, &t.scenario);
    constexpr int kMs = 700'000; // more than ten minutes at 1 kHz
    for (int at = 0; at < kMs; at += 10'000) {
        t.append(recording, at, at + 10'000);
        t.view->refresh();
        QVERIFY2(t.points() <= DecimatedLine::kMaxPoints + 4,
                 qPrintable(QString::number(t.points())));
    }
    // Old data merged, the newest minute still at full resolution.
    QCPGraph* graph = t.mainGraph();
    const double last = (graph->data()->constEnd() - 1)->key;
    QVERIFY(last > kMs / 1000.0 - DecimatedLine::kBucketSeconds - 1e-9); // the open bucket
    const auto fineFrom = graph->data()->findBegin(last - 30, false);
    const int finePoints = int(graph->data()->constEnd() - fineFrom);
    QVERIFY2(finePoints >= 30 / DecimatedLine::kBucketSeconds,
             qPrintable(QString::number(finePoints)));
    bool found = false;
    const QCPRange oldRange = graph->getValueRange(found, QCP::sdBoth, QCPRange(0, 300));
    QVERIFY(found);
    if (which == QLatin1String("queue")) {
        QCOMPARE(oldRange.lower, 0.0);
        QCOMPARE(oldRange.upper, 4.0);
    }
}

void TestPlotViews::following_scrolls_notFollowing_staysPut()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording recording;
    t.view->setRecording(&recording, &t.scenario);
    t.view->setFollowing(true);
    t.append(recording, 0, 30'000);
    t.view->refresh();
    QCPRange range = timeRange(t.view.get());
    QCOMPARE(range.upper, 29.999);
    QCOMPARE(range.size(), 20.0);
    t.append(recording, 30'000, 40'000);
    t.view->refresh();
    QCOMPARE(timeRange(t.view.get()).upper, 39.999);

    t.view->setFollowing(false);
    setTimeRange(t.view.get(), 1, 5); // the user zoomed in
    t.append(recording, 40'000, 50'000);
    t.view->refresh();
    range = timeRange(t.view.get());
    QCOMPARE(range.lower, 1.0);
    QCOMPARE(range.upper, 5.0);

    t.view->setFollowing(true); // back to the newest data at once
    QCOMPARE(timeRange(t.view.get()).upper, 49.999);
}

void TestPlotViews::showAll_coversWholeRun()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording recording;
    t.view->setRecording(&recording, &t.scenario);
    t.append(recording, 0, 45'000);
    t.view->refresh();
    QVERIFY(timeRange(t.view.get()).lower > 20); // following: the last 20 s
    t.view->setFollowing(false);
    t.view->showAll();
    const QCPRange range = timeRange(t.view.get());
    QVERIFY(range.lower <= 0);
    QVERIFY(range.upper >= 44.999);
    QVERIFY(range.upper < 46);
    // Every point is inside the shown range.
    QCPGraph* graph = t.mainGraph();
    QVERIFY(range.contains(graph->data()->constBegin()->key));
    QVERIFY(range.contains((graph->data()->constEnd() - 1)->key));
}

void TestPlotViews::setRecording_resetsEverything()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    Recording first;
    t.append(first, 0, 5000);
    t.view->setRecording(&first, &t.scenario);
    t.view->refresh();
    QVERIFY(t.points() > 0);

    Recording second;
    t.view->setRecording(&second, &t.scenario);
    QCOMPARE(t.points(), 0);
    t.append(second, 0, 100);
    t.view->refresh();
    QVERIFY(t.points() > 0);
    QVERIFY(t.points() <= 100 / 5 + 2);
    QVERIFY(t.mainGraph()->data()->constBegin()->key < 0.01);

    t.view->setRecording(nullptr, &t.scenario);
    QCOMPARE(t.points(), 0);
    t.view->refresh(); // no recording: nothing to read, nothing to crash on
    QCOMPARE(t.points(), 0);
}

void TestPlotViews::languageChange_resetsTexts()
{
    QFETCH(QString, which);
    ViewUnderTest t = makeView(which);
    t.view->setRecording(nullptr, &t.scenario);
    t.view->show();
    QVERIFY(QTest::qWaitForWindowExposed(t.view.get()));
    QTest::qWait(50); // laid out: the labels that fit are shown
    QCustomPlot* plot = plotOf(t.view.get());
    auto allTexts = [&] {
        QStringList texts{t.view->title()};
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes())
                if (!axis->label().isEmpty())
                    texts.append(axis->label());
        for (int i = 0; i < plot->graphCount(); ++i)
            texts.append(plot->graph(i)->name());
        return texts;
    };
    const QStringList english = allTexts();
    QVERIFY(english.size() >= 5);
    for (const QString& text : english)
        QVERIFY2(!text.startsWith(QLatin1String("[zz]")), qPrintable(text));

    MarkingTranslator translator;
    QCoreApplication::installTranslator(&translator);
    QTRY_VERIFY(plot->axisRects().last()->axis(QCPAxis::atBottom)->label().startsWith(u"[zz]"));
    for (const QString& text : allTexts())
        QVERIFY2(text.startsWith(QLatin1String("[zz]")), qPrintable(text));
    QCoreApplication::removeTranslator(&translator);
    QTRY_COMPARE(allTexts().join(u'|'), english.join(u'|'));
}

void TestPlotViews::queue_countsFullAndEmptySeconds_acrossRefreshes()
{
    QueueDepthView view;
    Recording recording;
    const Scenario scenario = queueScenario(4);
    view.setRecording(&recording, &scenario);
    QCOMPARE(view.capacity(), qint64(4));
    // 1 s empty, 2 s full, 1 s half full, 0.5 s empty; refreshed in odd chunks
    // so that the time between two frames' samples must be counted too.
    auto depthAt = [](int ms) { return ms < 1000 ? 0 : ms < 3000 ? 4 : ms < 4000 ? 2 : 0; };
    int at = 0;
    for (int chunk : {333, 667, 1, 1499, 500, 1000, 500}) {
        for (int i = at; i < at + chunk; ++i)
            recording.appendSample(queueSample(i / 1000.0, depthAt(i)));
        at += chunk;
        view.refresh();
    }
    QCOMPARE(at, 4500);
    // The last sample's state has no duration yet: 0.499 s of the final empty stretch.
    QVERIFY2(qAbs(view.fullSeconds() - 2.0) < 1e-6,
             qPrintable(QString::number(view.fullSeconds())));
    QVERIFY2(qAbs(view.emptySeconds() - 1.499) < 1e-6,
             qPrintable(QString::number(view.emptySeconds())));

    // The bands are drawn where the queue was full or empty, and only there.
    QCPGraph* full = graphNamed(view.plot(), QueueDepthView::tr("full: put() blocks"));
    QCPGraph* empty = graphNamed(view.plot(), QueueDepthView::tr("empty: get() blocks"));
    QVERIFY(full && empty);
    auto valueAt = [](QCPGraph* graph, double time) {
        auto it = graph->data()->findBegin(time, false); // the step in force at `time`
        if (it == graph->data()->constEnd() ||
            (it != graph->data()->constBegin() && it->key > time))
            --it;
        return it->value;
    };
    QCOMPARE(valueAt(full, 2.0), 1.0);
    QCOMPARE(valueAt(full, 0.5), 0.0);
    QCOMPARE(valueAt(full, 3.5), 0.0);
    QCOMPARE(valueAt(empty, 0.5), 1.0);
    QCOMPARE(valueAt(empty, 2.0), 0.0);
    QCOMPARE(valueAt(empty, 4.2), 1.0);

    auto* figures = view.findChild<QLabel*>(QStringLiteral("queueFigures"));
    QVERIFY(figures && !figures->isHidden());
    QVERIFY2(figures->text().contains(QLocale().toString(2.0, 'f', 2)),
             qPrintable(figures->text()));
}

void TestPlotViews::queue_ratesAreItemsPerSecond()
{
    QueueDepthView view;
    Recording recording;
    const Scenario scenario = queueScenario(8);
    view.setRecording(&recording, &scenario);
    // Producers put 3 items per ms (3000/s), consumers get 1 per ms.
    for (int i = 0; i < 5000; ++i)
        recording.appendSample(queueSample(i / 1000.0, 2, 3 * i, i));
    view.refresh();
    QCPGraph* put = graphNamed(view.plot(), QueueDepthView::tr("put rate"));
    QCPGraph* got = graphNamed(view.plot(), QueueDepthView::tr("get rate"));
    QVERIFY(put && got);
    QVERIFY(put->dataCount() >= 40);
    for (auto it = put->data()->constBegin(); it != put->data()->constEnd(); ++it)
        QVERIFY2(qAbs(it->value - 3000) < 1, qPrintable(QString::number(it->value)));
    for (auto it = got->data()->constBegin(); it != got->data()->constEnd(); ++it)
        QVERIFY2(qAbs(it->value - 1000) < 1, qPrintable(QString::number(it->value)));
    // The rate axis shows them.
    QVERIFY(put->valueAxis()->range().contains(3000));
}

void TestPlotViews::queue_bandsOnScreen_lookAsExported()
{
    // Empty for 5 s, full for 5 s, then flipping every few milliseconds: the
    // screen draws the bands as a pixel strip, an export as rectangles, and
    // both must show the same picture.
    QueueDepthView view;
    Recording recording;
    const Scenario scenario = queueScenario(4);
    view.setRecording(&recording, &scenario);
    for (int i = 0; i < 20'000; ++i) {
        const int depth = i < 5000 ? 0 : i < 10'000 ? 4 : (i / 3) % 3 == 0 ? 0 : (i / 7) % 5;
        recording.appendSample(queueSample(i / 1000.0, depth, i, i));
    }
    view.refresh();
    QCustomPlot* plot = view.plot();
    const QSize size(800, 320);
    const QImage screen =
        plot->toPixmap(size.width(), size.height()).toImage().convertToFormat(QImage::Format_RGB32);
    QPicture picture;
    {
        QCPPainter recorder(&picture);
        plot->toPainter(&recorder, size.width(), size.height());
    }
    QImage exported(size, QImage::Format_RGB32);
    exported.fill(Qt::white);
    {
        QPainter painter(&exported);
        painter.drawPicture(0, 0, picture);
    }
    // The depth plot, where the bands are (rotated axis labels replay from a
    // QPicture a little differently).
    const QRect bands = plot->axisRect(0)->rect();
    QVERIFY(bands.width() > 400 && bands.height() > 50);
    qint64 differing = 0;
    for (int y = bands.top(); y <= bands.bottom(); ++y)
        for (int x = bands.left(); x <= bands.right(); ++x) {
            const QRgb a = screen.pixel(x, y), b = exported.pixel(x, y);
            if (std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
                    std::abs(qBlue(a) - qBlue(b)) >
                30)
                ++differing;
        }
    const double share = double(differing) / (double(bands.width()) * bands.height());
    qInfo("bands: %.4f%% of pixels differ", share * 100);
    QVERIFY2(share < 0.001, qPrintable(QString::number(share)));
}

void TestPlotViews::queue_emptyViews_forEveryKind()
{
    QueueDepthView view;
    view.resize(500, 300);
    for (ScenarioKind kind :
         {ScenarioKind::Counter, ScenarioKind::Queue, ScenarioKind::Array, ScenarioKind::Semaphore,
          ScenarioKind::Event, ScenarioKind::Barrier}) {
        const Scenario scenario(kind);
        view.setRecording(nullptr, &scenario);
        QCOMPARE(view.pointCount(), 0);
        QVERIFY(!view.plot()->axisRects().last()->axis(QCPAxis::atBottom)->label().isEmpty());
        const QStringList texts = visibleTexts(view.plot());
        if (kind == ScenarioKind::Queue) {
            QCOMPARE(view.capacity(), scenario.value(QStringLiteral("capacity")));
            // The dashed line's legend entry.
            QVERIFY(
                graphNamed(view.plot(), QueueDepthView::tr("capacity %1").arg(view.capacity())));
            QVERIFY(view.plot()->legend->visible());
            QVERIFY(texts.isEmpty());
        } else {
            QCOMPARE(view.capacity(), qint64(0));
            QVERIFY2(texts.contains(QueueDepthView::tr("This scenario does not use a queue.")),
                     qPrintable(texts.join(u'|')));
            QVERIFY(!view.plot()->legend->visible());
        }
    }
    // A recording of a kind without a queue is not read as one.
    Recording recording;
    appendQueueSamples(recording, 0, 1000, 4);
    const Scenario counter(ScenarioKind::Counter);
    view.setRecording(&recording, &counter);
    view.refresh();
    QCOMPARE(view.pointCount(), 0);
    QCOMPARE(view.fullSeconds(), 0.0);
}

void TestPlotViews::race_lostUpdates_fromCounterFigures()
{
    RaceView view;
    Recording recording;
    const Scenario scenario(ScenarioKind::Counter);
    view.setRecording(&recording, &scenario);
    QCOMPARE(view.lostUpdates(), qint64(0));
    appendCounterSamples(recording, 0, 2000);
    recording.setCounterFigures({4 * 1999, 4 * 1999 - 1999 / 50, 1999 / 50, 0});
    view.refresh();
    QCOMPARE(view.lostUpdates(), qint64(1999 / 50));
    QVERIFY(view.pointCount() > 0);
    // The lost-updates line climbs to the same figure.
    QCPGraph* lost = graphNamed(view.plot(), RaceView::tr("lost updates"));
    QVERIFY(lost);
    QCOMPARE((lost->data()->constEnd() - 1)->value, double(1999 / 50));
    auto* figures = view.findChild<QLabel*>(QStringLiteral("raceFigures"));
    QVERIFY(figures);
    QVERIFY2(figures->text().startsWith(QStringLiteral("lost updates %1 ·").arg(1999 / 50)),
             qPrintable(figures->text()));

    // The figures move on even when no sample came (the final ones at stop).
    recording.setCounterFigures({8000, 7900, 100, 0});
    view.refresh();
    QCOMPARE(view.lostUpdates(), qint64(100));
}

void TestPlotViews::race_unsharedCounter_losesNothing()
{
    RaceView view;
    Recording recording;
    Scenario scenario(ScenarioKind::Counter);
    QString error;
    QVERIFY2(scenario.setValue(QStringLiteral("shared"), 0, &error), qPrintable(error));
    view.setRecording(&recording, &scenario);
    // Each worker counts on its own copy: the parent's counter stays 0.
    for (int i = 0; i < 1000; ++i)
        recording.appendSample(counterSample(i / 1000.0, 4 * i, 0));
    recording.setCounterFigures({4 * 999, 0, 0, 0});
    view.refresh();
    QCOMPARE(view.lostUpdates(), qint64(0));
    QCPGraph* lost = graphNamed(view.plot(), RaceView::tr("lost updates"));
    QVERIFY(lost && lost->dataCount() > 0);
    bool found = false;
    QCOMPARE(lost->getValueRange(found).upper, 0.0);
}

void TestPlotViews::race_overlaps_allCounted_markersCapped()
{
    RaceView view;
    Recording recording;
    const Scenario scenario(ScenarioKind::Counter);
    view.setRecording(&recording, &scenario);
    appendCounterSamples(recording, 0, 60'000);
    // One overlap every 12 ms for 60 s, W1 and W3 reading the same value:
    // with markers at least 50 ms apart, every fifth one gets a marker
    // (12 ms steps keep clear of the spacing's edge). The figures are not
    // updated, so the count must be the view's own.
    constexpr int kOverlaps = 5000;
    quint64 total = 0;
    for (int first = 0; first < kOverlaps; first += 100) {
        QVector<RaceOverlap> overlaps;
        for (int i = first; i < first + 100; ++i) {
            const double time = i * 0.012;
            const qint64 read = qint64(time * 4000);
            overlaps.append({time, 1, 3, read, read});
        }
        total += quint64(overlaps.size());
        recording.appendOverlaps(overlaps, total);
        view.refresh();
        QCOMPARE(view.overlapMarks(), total);
        QVERIFY(view.markerCount() <= RaceView::kMaxMarkers);
    }
    QCOMPARE(view.overlapMarks(), quint64(kOverlaps));
    QCOMPARE(view.markerCount(), int(RaceView::kMaxMarkers));
    // The newest ones are kept, each standing for five overlaps.
    QCPGraph* markers = graphNamed(view.plot(), RaceView::tr("overlapping read-modify-write"));
    QVERIFY(markers);
    const double newest = (markers->data()->constEnd() - 1)->key;
    QCOMPARE(newest, 4995 * 0.012);
    QCOMPARE((markers->data()->constEnd() - 1)->value, double(qint64(newest * 4000)));
    QVERIFY(markers->data()->constBegin()->key > newest - 0.06 * RaceView::kMaxMarkers);
    const QString tip = view.markerText(newest);
    QVERIFY2(tip.contains(
                 RaceView::tr("W%1 & W%2 both read %3").arg(1).arg(3).arg(qint64(newest * 4000))),
             qPrintable(tip));
    QVERIFY2(
        tip.contains(RaceView::tr("%n overlapping window(s) within %1 ms", nullptr, 5).arg(50)),
        qPrintable(tip));
    // Another refresh: nothing new, nothing drawn twice.
    view.refresh();
    QCOMPARE(view.markerCount(), int(RaceView::kMaxMarkers));
    QCOMPARE(view.overlapMarks(), quint64(kOverlaps));
}

void TestPlotViews::race_overlapsNotKept_stillCounted()
{
    RaceView view;
    Recording recording;
    const Scenario scenario(ScenarioKind::Counter);
    view.setRecording(&recording, &scenario);
    appendCounterSamples(recording, 0, 100);
    // The recording keeps a bounded number of overlaps; its total counts all.
    recording.appendOverlaps({{0.05, 0, 2, 100, 100}, {0.06, 1, 2, 120, 121}}, 5000);
    recording.setCounterFigures({400, 398, 2, 0});
    view.refresh();
    QCOMPARE(view.overlapMarks(), quint64(5000));
    QCOMPARE(view.markerCount(), 1); // 10 ms apart: one marker for both
    QVERIFY(view.markerText(0.05).contains(QLatin1String("W0")));
}

void TestPlotViews::race_queue_showsDeliveryDamage()
{
    RaceView view;
    view.resize(600, 360);
    Recording recording;
    const Scenario scenario = queueScenario(4);
    view.setRecording(&recording, &scenario);
    QCOMPARE(view.plot()->objectName(), QStringLiteral("deliveryPlot"));
    appendQueueSamples(recording, 0, 1000, 4);
    DeliveryFigures figures;
    figures.produced = 1000;
    figures.consumed = 998;
    figures.lost = 3;
    figures.duplicated = 2;
    figures.phantom = 1;
    recording.setDeliveryFigures(figures);
    view.refresh();
    QCOMPARE(view.lostItems(), qint64(3));
    QCOMPARE(view.duplicatedItems(), qint64(2));
    QCOMPARE(view.phantomItems(), qint64(1));
    QCOMPARE(view.lostUpdates(), qint64(0));
    QCOMPARE(view.pointCount(), 0); // no counter in a queue
    // One bar per kind of damage, as tall as its count.
    QCOMPARE(barHeights(view), (QList<double>{3, 2, 1}));
    auto* text = view.findChild<QLabel*>(QStringLiteral("raceFigures"));
    QVERIFY2(text->text().contains(QLatin1String("duplicated 2")), qPrintable(text->text()));
    // While the run goes on, lost is not known yet, and the view says so ...
    QVERIFY2(text->text().contains(QLatin1String("only known when the run ends")),
             qPrintable(text->text()));
    // ... and stops saying it once the verdict is in.
    figures.final = true;
    recording.setDeliveryFigures(figures);
    view.refresh();
    QVERIFY2(!text->text().contains(QLatin1String("only known when the run ends")),
             qPrintable(text->text()));
    QVERIFY2(text->text().contains(QLatin1String("lost 3")), qPrintable(text->text()));
}

void TestPlotViews::race_queue_replotsOnlyWhenDamageChanges()
{
    // Produced and consumed move every few frames, but only the figures line
    // shows them: the bars' plot is redrawn when the damage changes, not then.
    Recording recording;
    DeliveryFigures figures;
    figures.produced = 100;
    figures.consumed = 99;
    recording.setDeliveryFigures(figures);
    const Scenario scenario = queueScenario(4);
    RaceView view;
    view.resize(600, 360);
    view.setRecording(&recording, &scenario);
    view.refresh();
    QCoreApplication::processEvents(); // the replots queued so far
    QSignalSpy replots(view.plot(), &QCustomPlot::afterReplot);
    auto* text = view.findChild<QLabel*>(QStringLiteral("raceFigures"));

    figures.produced = 200;
    figures.consumed = 198;
    recording.setDeliveryFigures(figures);
    view.refresh();
    QCoreApplication::processEvents();
    QVERIFY2(text->text().contains(QLatin1String("produced 200")), qPrintable(text->text()));
    QCOMPARE(replots.count(), 0);

    figures.duplicated = 1;
    recording.setDeliveryFigures(figures);
    view.refresh();
    QCoreApplication::processEvents();
    QCOMPARE(replots.count(), 1);
    QVERIFY2(text->text().contains(QLatin1String("duplicated 1")), qPrintable(text->text()));
    QCOMPARE(barHeights(view), (QList<double>{0, 1, 0}));
}

void TestPlotViews::race_kindWithoutCounterOrQueue_showsNote()
{
    RaceView view;
    Recording recording;
    appendCounterSamples(recording, 0, 1000);
    recording.setCounterFigures({4000, 3980, 20, 0});
    for (ScenarioKind kind :
         {ScenarioKind::Semaphore, ScenarioKind::Event, ScenarioKind::Barrier}) {
        const Scenario scenario(kind);
        view.setRecording(&recording, &scenario);
        view.refresh();
        QCOMPARE(view.pointCount(), 0);
        QCOMPARE(view.lostUpdates(), qint64(0));
        const QStringList texts = visibleTexts(view.plot());
        QVERIFY2(texts.contains(
                     RaceView::tr("This scenario has no shared counter or queue to race on.")),
                 qPrintable(texts.join(u'|')));
    }
    view.setRecording(nullptr, nullptr);
    QVERIFY(visibleTexts(view.plot()).contains(RaceView::tr("No scenario.")));
}

void TestPlotViews::live_counterLockOff_showsLostUpdatesAndOverlaps()
{
    Scenario scenario(ScenarioKind::Counter);
    QString error;
    QVERIFY(scenario.setValue(QStringLiteral("workers"), 4, &error));
    QVERIFY(scenario.setValue(QStringLiteral("iterations"), 1'000'000'000, &error));
    QVERIFY(scenario.setValue(QStringLiteral("lock"), 0, &error));
    QVERIFY(scenario.setValue(QStringLiteral("think_us"), 2, &error));
    Session session(scenario);
    QVERIFY2(session.start(&error), qPrintable(error));
    const QList<qint64> pids = session.livePids();

    RaceView view;
    view.resize(720, 440);
    view.show();
    view.setRecording(&session.recording(), &session.scenario());
    QTimer frames;
    connect(&frames, &QTimer::timeout, &view, &RaceView::refresh);
    frames.start(16);
    QTRY_VERIFY_WITH_TIMEOUT(view.lostUpdates() > 0 && view.overlapMarks() > 0 &&
                                 view.markerCount() > 0 && view.pointCount() > 50,
                             kSessionTimeoutMs);
    // Following: the newest sample is at the right edge.
    QTRY_VERIFY_WITH_TIMEOUT(session.recording().lastTime() > 1.5, kSessionTimeoutMs);
    view.refresh();
    QVERIFY(qAbs(view.plot()->xAxis->range().upper -
                 std::max(20.0, session.recording().lastTime())) < 0.5);
    QVERIFY(view.pointCount() <= int(session.recording().lastTime() / 0.005) + 4);

    session.stop();
    QSignalSpy finished(&session, &Session::finished);
    QVERIFY(session.state() == Session::State::Finished || finished.wait(kSessionTimeoutMs));
    frames.stop();
    view.refresh();
    const CounterFigures final = session.recording().counterFigures();
    QCOMPARE(view.lostUpdates(), final.lostUpdates);
    QVERIFY(final.lostUpdates > 0);
    QCOMPARE(view.overlapMarks(), final.overlappingWindows);
    view.setFollowing(false);
    view.showAll();
    saveShot(&view, QStringLiteral("race"));
    QCOMPARE(test::stillExisting(pids), QList<qint64>());
    QCOMPARE(test::ourSegments(), QStringList());
}

void TestPlotViews::live_smallQueue_showsFullThenEmpty()
{
    Scenario scenario = queueScenario(4);
    QString error;
    QVERIFY(scenario.setValue(QStringLiteral("producers"), 2, &error));
    QVERIFY(scenario.setValue(QStringLiteral("consumers"), 1, &error));
    QVERIFY(scenario.setValue(QStringLiteral("items"), 1'000'000'000, &error));
    QVERIFY(scenario.setValue(QStringLiteral("consume_us"), 300, &error)); // slow consumer: full
    Session session(scenario);
    QVERIFY2(session.start(&error), qPrintable(error));
    const QList<qint64> pids = session.livePids();

    QueueDepthView depth;
    depth.resize(720, 440);
    depth.show();
    RaceView race;
    race.resize(480, 320);
    race.show();
    depth.setRecording(&session.recording(), &session.scenario());
    race.setRecording(&session.recording(), &session.scenario());
    QCOMPARE(depth.capacity(), qint64(4));
    QTimer frames;
    connect(&frames, &QTimer::timeout, &depth, &QueueDepthView::refresh);
    connect(&frames, &QTimer::timeout, &race, &RaceView::refresh);
    frames.start(16);

    QTRY_VERIFY_WITH_TIMEOUT(depth.fullSeconds() > 0.5 && depth.pointCount() > 50,
                             kSessionTimeoutMs);
    const double emptyWhileSlowConsumer = depth.emptySeconds();
    QVERIFY2(emptyWhileSlowConsumer < depth.fullSeconds(),
             qPrintable(QStringLiteral("full %1 s, empty %2 s")
                            .arg(depth.fullSeconds())
                            .arg(emptyWhileSlowConsumer)));
    // Now slow producers: the queue runs dry and the consumer waits.
    QVERIFY2(session.setLiveValue(QStringLiteral("consume_us"), 0, &error), qPrintable(error));
    QVERIFY2(session.setLiveValue(QStringLiteral("produce_us"), 3000, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(depth.emptySeconds() > emptyWhileSlowConsumer + 0.5,
                             kSessionTimeoutMs);

    session.stop();
    QSignalSpy finished(&session, &Session::finished);
    QVERIFY(session.state() == Session::State::Finished || finished.wait(kSessionTimeoutMs));
    frames.stop();
    depth.refresh();
    race.refresh();
    const double run = session.recording().lastTime();
    QVERIFY(depth.fullSeconds() + depth.emptySeconds() <= run + 1e-9);
    // Lock on: the queue delivered every item it took exactly once.
    const DeliveryFigures figures = session.recording().deliveryFigures();
    QVERIFY(figures.produced > 0);
    QCOMPARE(race.duplicatedItems(), qint64(0));
    QCOMPARE(race.lostItems(), qint64(figures.lost));
    QCOMPARE(race.phantomItems(), qint64(0));
    depth.setFollowing(false);
    depth.showAll();
    saveShot(&depth, QStringLiteral("queue"));
    saveShot(&race, QStringLiteral("delivery"));
    QCOMPARE(test::stillExisting(pids), QList<qint64>());
    QCOMPARE(test::ourSegments(), QStringList());
}

QTEST_MAIN(TestPlotViews)
#include "tst_plotviews.moc"
