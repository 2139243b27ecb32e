#include "RaceView.h"

#include "Scenario.h"
#include "StateStyle.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ipcscope {

namespace {

const QColor kExpectedColor(0x75, 0x75, 0x75);
const QColor kLostColor(0xe5, 0x39, 0x35);
const QColor kMarkerColor(0xb7, 0x1c, 0x1c);
const QColor kDuplicatedColor(0xfb, 0x8c, 0x00);
const QColor kPhantomColor(0x8e, 0x24, 0xaa);

// Counters and item counts have no halves.
QSharedPointer<QCPAxisTicker> integerTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

QFont smaller(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

bool sameDelivery(const DeliveryFigures& a, const DeliveryFigures& b)
{
    return a.produced == b.produced && a.consumed == b.consumed && a.lost == b.lost &&
           a.duplicated == b.duplicated && a.phantom == b.phantom && a.maxDepth == b.maxDepth &&
           a.final == b.final;
}

bool sameCounter(const CounterFigures& a, const CounterFigures& b)
{
    return a.expected == b.expected && a.actual == b.actual && a.lostUpdates == b.lostUpdates &&
           a.overlappingWindows == b.overlappingWindows;
}

} // namespace

RaceView::RaceView(QWidget* parent) : LiveView(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_figures = new QLabel(this);
    m_figures->setObjectName(QStringLiteral("raceFigures"));
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    layout->addWidget(m_figures);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_counterPlot = new QCustomPlot(m_stack);
    m_counterPlot->setObjectName(QStringLiteral("racePlot"));
    // Its size hint grows with the legend's columns; the legend follows the
    // width instead (fitLegendColumns), so the hint must not hold the width.
    m_counterPlot->setMinimumSize(160, 120);
    m_deliveryPlot = new QCustomPlot(m_stack);
    m_deliveryPlot->setObjectName(QStringLiteral("deliveryPlot"));
    m_deliveryPlot->setMinimumSize(160, 120);
    m_stack->addWidget(m_counterPlot);
    m_stack->addWidget(m_deliveryPlot);
    buildCounterPlot();
    buildDeliveryPlot();
    applyTheme();
    setFollowing(m_following);
    setRecording(nullptr, nullptr);
}

RaceView::~RaceView() = default;

void RaceView::buildCounterPlot()
{
    QCustomPlot* plot = m_counterPlot;
    plot->setAutoAddPlottableToLegend(false);
    plot->setNoAntialiasingOnDrag(true);
    plot->setMouseTracking(true); // marker tooltips on hover

    m_valueRect = plot->axisRect();
    m_lostRect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, m_lostRect);
    // The legend gets a row of its own: inside a plot it would cover the
    // newest data, which is where following looks.
    m_valueRect->insetLayout()->take(plot->legend);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactors({0.001, 1.8, 1.0});
    plot->legend->setVisible(true);
    plot->legend->setMargins(QMargins(4, 2, 4, 0));
    plot->legend->setColumnSpacing(10);
    plot->legend->setIconSize(22, 12);
    auto* group = new QCPMarginGroup(plot);
    m_valueRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_lostRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);

    QCPAxis* valueX = m_valueRect->axis(QCPAxis::atBottom);
    QCPAxis* valueY = m_valueRect->axis(QCPAxis::atLeft);
    QCPAxis* lostX = m_lostRect->axis(QCPAxis::atBottom);
    QCPAxis* lostY = m_lostRect->axis(QCPAxis::atLeft);
    valueX->setTickLabels(false); // the lost updates below carry the shared time axis
    valueY->setTicker(integerTicker());
    // QCPAxisRect's default 15 px on every side leaves gaps where no axis is.
    m_valueRect->setMinimumMargins(QMargins(15, 6, 15, 2));
    m_lostRect->setMinimumMargins(QMargins(15, 4, 15, 15));
    lostY->setTicker(integerTicker());
    lostY->ticker()->setTickCount(3); // a short plot: five labels would touch
    // Counts are exact integers: 1000000, not 1·10^6 next to 800000.
    for (QCPAxis* axis : {valueY, lostY}) {
        axis->setNumberFormat(QStringLiteral("f"));
        axis->setNumberPrecision(0);
    }
    for (QCPAxisRect* rect : {m_valueRect, m_lostRect}) {
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeDragAxes({valueX, lostX}, {});
        rect->setRangeZoomAxes({valueX, lostX}, {});
    }
    connect(valueX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { fitValueAxes(); });
    connect(plot, &QCustomPlot::afterLayout, this, [this, plot] {
        if (fitAxisLabels(m_axisLabels))
            plot->replot(QCustomPlot::rpQueuedReplot);
    });

    m_expectedGraph = plot->addGraph(valueX, valueY);
    m_expectedGraph->setPen(QPen(kExpectedColor, 1.5, Qt::DashLine));
    m_expectedGraph->addToLegend();
    m_actualGraph = plot->addGraph(valueX, valueY);
    m_actualGraph->setPen(QPen(stateColor(ipc::WorkerState::HoldingLock), 1.5));
    m_actualGraph->addToLegend();
    m_markerGraph = plot->addGraph(valueX, valueY);
    m_markerGraph->setLineStyle(QCPGraph::lsNone);
    m_markerGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(kMarkerColor, 1.5), Qt::NoBrush, 7));
    m_markerGraph->addToLegend();
    m_lostGraph = plot->addGraph(lostX, lostY);
    m_lostGraph->setPen(QPen(kLostColor, 1.5));
    QColor fill = kLostColor;
    fill.setAlpha(45);
    m_lostGraph->setBrush(fill);
    m_lostGraph->addToLegend();

    m_expected.attach(m_expectedGraph);
    m_actual.attach(m_actualGraph);
    m_lost.attach(m_lostGraph);

    m_note = new QCPItemText(plot);
    m_note->setClipAxisRect(m_valueRect);
    m_note->position->setAxisRect(m_valueRect);
    m_note->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_note->position->setCoords(0.5, 0.5);
    m_note->setPositionAlignment(Qt::AlignCenter);

    connect(plot, &QCustomPlot::mouseMove, this, &RaceView::showMarkerTip);
}

void RaceView::buildDeliveryPlot()
{
    QCustomPlot* plot = m_deliveryPlot;
    plot->setAutoAddPlottableToLegend(false);
    plot->legend->setVisible(false); // the category axis names the bars
    QCPAxis* x = plot->xAxis;
    QCPAxis* y = plot->yAxis;
    connect(plot, &QCustomPlot::afterLayout, this, [this, plot] {
        if (fitAxisLabels(m_axisLabels))
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
    x->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    x->setRange(0.4, 3.6);
    x->grid()->setVisible(false);
    x->setSubTicks(false);
    x->setTickLength(0, 4);
    y->setTicker(integerTicker());
    y->setSubTicks(false); // a quarter of an item means nothing
    int key = 1;
    for (QCPBars** bars : {&m_lostBars, &m_duplicatedBars, &m_phantomBars}) {
        const QColor color = key == 1 ? kLostColor : key == 2 ? kDuplicatedColor : kPhantomColor;
        *bars = new QCPBars(x, y);
        (*bars)->setWidth(0.55);
        (*bars)->setPen(QPen(color.darker(120), 1));
        QColor fill = color;
        fill.setAlpha(190);
        (*bars)->setBrush(fill);
        (*bars)->setData({double(key)}, {0.0}, true);
        // The exact number above the bar: a bar of 3 next to one of 3000 is invisible.
        auto* label = new QCPItemText(plot);
        label->position->setAxes(x, y);
        label->position->setCoords(key, 0);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 2));
        label->setClipToAxisRect(false);
        m_barLabels.append(label);
        ++key;
    }
}

void RaceView::applyTheme()
{
    applyPlotTheme(m_counterPlot, this);
    applyPlotTheme(m_deliveryPlot, this);
    m_note->setColor(palette().color(QPalette::PlaceholderText));
    m_note->setFont(font());
    for (QCPItemText* label : std::as_const(m_barLabels)) {
        label->setFont(smaller(font()));
        label->setColor(palette().color(QPalette::Text));
    }
    m_figures->setFont(smaller(font()));
}

void RaceView::setRecording(const Recording* recording, const Scenario* scenario)
{
    m_recording = recording;
    m_hasScenario = scenario != nullptr;
    const ScenarioKind kind = scenario ? scenario->kind() : ScenarioKind::Counter;
    m_array = m_hasScenario && kind == ScenarioKind::Array;
    m_unshared = m_hasScenario && kind == ScenarioKind::Counter &&
                 scenario->value(QStringLiteral("shared")) == 0;
    if (!m_hasScenario)
        m_mode = Mode::None;
    else if (kind == ScenarioKind::Counter || kind == ScenarioKind::Array)
        m_mode = Mode::Counter;
    else if (kind == ScenarioKind::Queue)
        m_mode = Mode::Delivery;
    else
        m_mode = Mode::None; // kinds without a counter or a queue (and any added later)
    resetData();

    m_stack->setCurrentWidget(m_mode == Mode::Delivery ? m_deliveryPlot : m_counterPlot);
    m_note->setVisible(m_mode == Mode::None);
    m_counterPlot->legend->setVisible(m_mode == Mode::Counter);
    m_figures->setVisible(m_mode != Mode::None);

    retranslate(); // names depend on the kind
    updateBars();
    for (QCPAxisRect* rect : {m_valueRect, m_lostRect})
        rect->axis(QCPAxis::atBottom)->setRange(0, kFollowSeconds);
    fitValueAxes();
    m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
    m_deliveryPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RaceView::resetData()
{
    for (DecimatedLine* line : {&m_expected, &m_actual, &m_lost})
        line->clear();
    m_markerGraph->data()->clear();
    m_markers.clear();
    m_nextSample = 0;
    m_nextOverlap = 0;
    m_overlapsRead = 0;
    m_overlapsSeen = 0;
    m_haveSamples = false;
    m_firstTime = 0;
    m_lastTime = 0;
    m_counter = CounterFigures{};
    m_delivery = DeliveryFigures{};
}

void RaceView::refresh()
{
    if (!m_recording)
        return;
    if (m_mode == Mode::Counter)
        refreshCounter();
    else if (m_mode == Mode::Delivery)
        refreshDelivery();
}

void RaceView::refreshCounter()
{
    const QVector<Sample> samples = m_recording->samplesFrom(m_nextSample, &m_nextSample);
    const QVector<RaceOverlap> overlaps = m_recording->overlapsFrom(m_nextOverlap, &m_nextOverlap);
    CounterFigures figures = m_recording->counterFigures();

    for (const Sample& sample : samples) {
        if (!m_haveSamples) {
            m_firstTime = sample.time;
            m_haveSamples = true;
        }
        m_lastTime = std::max(m_lastTime, sample.time);
        m_expected.add(sample.time, double(sample.counterExpected));
        m_actual.add(sample.time, double(sample.counterActual));
        // Unshared copies: the parent's 0 is the lesson, not a loss.
        const qint64 lost =
            m_unshared ? 0 : std::max<qint64>(0, sample.counterExpected - sample.counterActual);
        m_lost.add(sample.time, double(lost));
    }

    QVector<double> keys, values;
    for (const RaceOverlap& overlap : overlaps)
        addOverlap(overlap, keys, values);
    m_overlapsRead += quint64(overlaps.size());
    if (!keys.isEmpty())
        m_markerGraph->addData(keys, values, true);
    if (m_markers.size() > kMaxMarkers) {
        m_markers.remove(0, m_markers.size() - kMaxMarkers);
        // Marker times are at least the spacing apart: this removes exactly the dropped ones.
        m_markerGraph->data()->removeBefore(m_markers.first().overlap.time);
    }

    // The Sampler's figures are the authority (they know whether the counter
    // is shared); before it has set any, the newest sample says the same.
    if (figures.expected == 0 && figures.actual == 0 && !samples.isEmpty()) {
        figures.expected = samples.last().counterExpected;
        figures.actual = samples.last().counterActual;
        figures.lostUpdates =
            m_unshared ? 0 : std::max<qint64>(0, figures.expected - figures.actual);
    }
    // The recording keeps a bounded number of overlaps but counts them all.
    const quint64 seen = std::max(m_overlapsRead, figures.overlappingWindows);
    if (samples.isEmpty() && overlaps.isEmpty() && sameCounter(figures, m_counter) &&
        seen == m_overlapsSeen)
        return; // nothing new, nothing to redraw
    m_counter = figures;
    m_overlapsSeen = seen;

    for (DecimatedLine* line : {&m_expected, &m_actual, &m_lost})
        line->flush();
    updateFigures();
    if (m_following)
        applyFollowRange();
    // Also when following did not move the range (the first 20 s): new data
    // inside the same window may still need more height.
    fitValueAxes();
    m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RaceView::addOverlap(const RaceOverlap& overlap, QVector<double>& keys,
                          QVector<double>& values)
{
    if (!m_markers.isEmpty() &&
        overlap.time < m_markers.last().overlap.time + kMarkerSpacingSeconds) {
        ++m_markers.last().count;
        return;
    }
    m_markers.append({overlap, 1});
    keys.append(overlap.time);
    values.append(double(overlap.firstRead)); // on the counter line, where it was read
}

void RaceView::refreshDelivery()
{
    const DeliveryFigures figures = m_recording->deliveryFigures();
    if (sameDelivery(figures, m_delivery))
        return;
    // Produced and consumed move all the time but only the figures line shows
    // them; the bars are the damage, which rarely changes. The figures change
    // every 50 ms, so redrawing the same bars each time cost a replot every
    // third frame (bench row 8).
    const bool barsChanged = figures.lost != m_delivery.lost ||
                             figures.duplicated != m_delivery.duplicated ||
                             figures.phantom != m_delivery.phantom;
    m_delivery = figures;
    updateFigures();
    if (!barsChanged)
        return;
    updateBars();
    m_deliveryPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RaceView::updateBars()
{
    // Three numbers, not a series: replacing them is the whole update.
    const quint64 counts[] = {m_delivery.lost, m_delivery.duplicated, m_delivery.phantom};
    QCPBars* bars[] = {m_lostBars, m_duplicatedBars, m_phantomBars};
    quint64 highest = 0;
    const QLocale locale;
    for (int i = 0; i < 3; ++i) {
        bars[i]->data()->clear();
        bars[i]->addData(i + 1, double(counts[i]));
        m_barLabels[i]->position->setCoords(i + 1, double(counts[i]));
        m_barLabels[i]->setText(locale.toString(counts[i]));
        highest = std::max(highest, counts[i]);
    }
    // Headroom for the number above the tallest bar.
    m_deliveryPlot->yAxis->setRange(0, std::max<double>(double(highest), 4) * 1.25);
}

void RaceView::setFollowing(bool following)
{
    LiveView::setFollowing(following);
    // While following, a drag would be undone by the next frame: offer none.
    m_counterPlot->setInteractions(
        following ? QCP::Interactions() : QCP::Interactions(QCP::iRangeDrag | QCP::iRangeZoom));
    if (following && m_haveSamples) {
        applyFollowRange();
        m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void RaceView::applyFollowRange()
{
    followTimeRange({m_lostRect, m_valueRect}, m_lastTime, kFollowSeconds);
}

void RaceView::showAll()
{
    showWholeTimeRange({m_lostRect, m_valueRect}, m_haveSamples, m_firstTime, m_lastTime,
                       kFollowSeconds);
    fitValueAxes();
    m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RaceView::fitValueAxes()
{
    // The value axes follow what the time axis shows, so a zoomed-in stretch
    // shows the gap between expected and actual, not just two parallel lines.
    const QCPRange visible = m_valueRect->axis(QCPAxis::atBottom)->range();
    bool any = false;
    QCPRange values;
    for (QCPGraph* graph : {m_expectedGraph, m_actualGraph}) {
        bool found = false;
        const QCPRange range = graph->getValueRange(found, QCP::sdBoth, visible);
        if (!found)
            continue;
        values =
            any ? QCPRange(std::min(values.lower, range.lower), std::max(values.upper, range.upper))
                : range;
        any = true;
    }
    if (!any)
        values = QCPRange(0, 10);
    const double pad = std::max(1.0, values.size() * 0.06);
    m_valueRect->axis(QCPAxis::atLeft)
        ->setRange(std::max(0.0, values.lower - pad), values.upper + pad);

    bool found = false;
    const QCPRange lost = m_lostGraph->getValueRange(found, QCP::sdBoth, visible);
    const double top = found ? std::max(lost.upper, 1.0) : 1.0;
    m_lostRect->axis(QCPAxis::atLeft)->setRange(0, top * 1.15);
}

int RaceView::pointCount() const
{
    return m_actual.pointCount();
}

int RaceView::markerCount() const
{
    return m_markerGraph->dataCount();
}

QCustomPlot* RaceView::plot() const
{
    return m_mode == Mode::Delivery ? m_deliveryPlot : m_counterPlot;
}

QString RaceView::describe(const Marker& marker) const
{
    const RaceOverlap& o = marker.overlap;
    const QLocale locale;
    QString text =
        o.firstRead == o.secondRead
            ? tr("W%1 & W%2 both read %3").arg(o.firstWorker).arg(o.secondWorker).arg(o.firstRead)
            : tr("W%1 read %2 and W%3 read %4 before either wrote")
                  .arg(o.firstWorker)
                  .arg(o.firstRead)
                  .arg(o.secondWorker)
                  .arg(o.secondRead);
    text += QLatin1Char('\n') + tr("t = %1 s").arg(locale.toString(o.time, 'f', 3));
    if (marker.count > 1)
        text += QLatin1Char('\n') +
                tr("%n overlapping window(s) within %1 ms", nullptr, int(marker.count))
                    .arg(kMarkerSpacingSeconds * 1000, 0, 'f', 0);
    return text;
}

QString RaceView::markerText(double time) const
{
    const Marker* nearest = nullptr;
    for (const Marker& marker : m_markers)
        if (!nearest ||
            std::abs(marker.overlap.time - time) < std::abs(nearest->overlap.time - time))
            nearest = &marker;
    return nearest ? describe(*nearest) : QString();
}

void RaceView::showMarkerTip(QMouseEvent* event)
{
    QCPAxis* x = m_valueRect->axis(QCPAxis::atBottom);
    QCPAxis* y = m_valueRect->axis(QCPAxis::atLeft);
    const QPointF at = event->position();
    const Marker* nearest = nullptr;
    double nearestDistance = 8; // pixels
    for (const Marker& marker : std::as_const(m_markers)) {
        const double dx = x->coordToPixel(marker.overlap.time) - at.x();
        const double dy = y->coordToPixel(double(marker.overlap.firstRead)) - at.y();
        const double distance = std::hypot(dx, dy);
        if (distance <= nearestDistance) {
            nearestDistance = distance;
            nearest = &marker;
        }
    }
    if (nearest)
        QToolTip::showText(event->globalPosition().toPoint(), describe(*nearest), m_counterPlot);
    else
        QToolTip::hideText();
}

void RaceView::updateFigures()
{
    const QLocale locale;
    if (m_mode == Mode::Counter) {
        // What the lesson is about first: expected and actual are also in the plot.
        QString text =
            tr("lost updates %1 · overlapping windows %2 · expected %3 · actual %4")
                .arg(locale.toString(m_counter.lostUpdates), locale.toString(m_overlapsSeen),
                     locale.toString(m_counter.expected), locale.toString(m_counter.actual));
        if (m_unshared)
            text += QLatin1Char('\n') + tr("Each worker increments its own copy: the parent's "
                                           "counter stays 0, and nothing is lost.");
        QString last;
        if (!m_unshared && !m_markers.isEmpty())
            last = tr("Last overlap: %1").arg(describe(m_markers.last()).section(u'\n', 0, 0));
        m_figures->setToolTip(last);
        // In a crowded window the plot needs the height more than this line.
        if (!last.isEmpty() && height() >= kRoomForLastOverlap)
            text += QLatin1Char('\n') + last;
        m_figures->setText(text);
    } else if (m_mode == Mode::Delivery) {
        QString text =
            tr("produced %1 · consumed %2 · lost %3 · duplicated %4 · phantom %5")
                .arg(locale.toString(m_delivery.produced), locale.toString(m_delivery.consumed),
                     locale.toString(m_delivery.lost), locale.toString(m_delivery.duplicated),
                     locale.toString(m_delivery.phantom));
        if (!m_delivery.final) // an item not yet got may still be got
            text += QLatin1Char('\n') + tr("Lost items are only known when the run ends.");
        m_figures->setText(text);
    } else {
        m_figures->clear();
    }
}

QString RaceView::title() const
{
    return tr("Races and lost updates");
}

void RaceView::retranslate()
{
    m_axisLabels = {{m_valueRect->axis(QCPAxis::atLeft),
                     m_array ? tr("sum of the array") : tr("counter value")},
                    {m_lostRect->axis(QCPAxis::atLeft), tr("lost updates")},
                    {m_lostRect->axis(QCPAxis::atBottom), tr("time (s)")},
                    {m_deliveryPlot->yAxis, tr("items")}};
    fitAxisLabels(m_axisLabels);
    m_expectedGraph->setName(m_array ? tr("expected (writes done)")
                                     : tr("expected (increments done)"));
    m_actualGraph->setName(m_array      ? tr("actual (sum of the elements)")
                           : m_unshared ? tr("actual (the parent's counter)")
                                        : tr("actual (shared counter)"));
    m_markerGraph->setName(tr("overlapping read-modify-write"));
    m_lostGraph->setName(tr("lost updates"));
    m_note->setText(m_hasScenario ? tr("This scenario has no shared counter or queue to race on.")
                                  : tr("No scenario."));

    auto ticker = m_deliveryPlot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    ticker->setTicks({{1.0, tr("lost")}, {2.0, tr("duplicated")}, {3.0, tr("phantom")}});

    updateFigures();
    fitLegendColumns(m_counterPlot->legend, m_counterPlot->width());
    m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
    m_deliveryPlot->replot(QCustomPlot::rpQueuedReplot);
}

void RaceView::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::PaletteChange:
    case QEvent::FontChange:
        applyTheme();
        fitLegendColumns(m_counterPlot->legend, m_counterPlot->width());
        m_counterPlot->replot(QCustomPlot::rpQueuedReplot);
        m_deliveryPlot->replot(QCustomPlot::rpQueuedReplot);
        break;
    default:
        break;
    }
    LiveView::changeEvent(event);
}

void RaceView::resizeEvent(QResizeEvent* event)
{
    LiveView::resizeEvent(event);
    fitLegendColumns(m_counterPlot->legend, width());
    updateFigures(); // the last-overlap line needs room
}

} // namespace ipcscope
