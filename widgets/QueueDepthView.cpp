#include "QueueDepthView.h"

#include "PixelStrip.h"
#include "Recording.h"
#include "Scenario.h"
#include "StateStyle.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ipcscope {

// --------------------------------------------------------------------------
// QueueDepthView

namespace {

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

// A shaded time span. QCPGraph's legend icon is a line with a thin strip of
// fill under it: a band without a line needs a swatch.
class BandGraph : public QCPGraph
{
public:
    using QCPGraph::QCPGraph;

protected:
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override
    {
        painter->fillRect(rect.adjusted(0, 1, 0, -1), brush());
    }

    // The band is 1 where the queue was full (or empty) and 0 elsewhere, as a
    // step function, drawn as one run per stretch at pixel resolution (runs
    // closer than a pixel merge). QCPGraph would fill one polygon with two
    // vertices per point, thousands of edges when the queue flips often. On
    // screen the runs go into one PixelStrip: as rectangles, each was a
    // thread-pool round trip of the raster engine (see PixelStrip.h).
    void draw(QCPPainter* painter) override
    {
        QCPAxis* key = keyAxis();
        QCPAxis* value = valueAxis();
        if (!key || !value || mDataContainer->isEmpty())
            return;
        const double top = value->coordToPixel(1);
        const double bottom = value->coordToPixel(0);
        const QCPRange visible = key->range();
        auto it = mDataContainer->findBegin(visible.lower);
        const auto end = mDataContainer->findEnd(visible.upper);
        applyFillAntialiasingHint(painter); // off: no seams between touching rectangles
        const bool strip = PixelStrip::suits(*painter);
        const QRect area = keyAxis()->axisRect()->rect();
        if (strip)
            m_strip.reset(area.left() - 1, area.width() + 2);
        else {
            painter->setPen(Qt::NoPen);
            painter->setBrush(brush());
        }
        const QColor color = brush().color();
        double runStart = 0;
        bool inRun = false;
        double lastDrawnEnd = -1e300;
        auto fill = [&](double from, double to) {
            if (to - from < 1)
                to = from + 1;
            if (from <= lastDrawnEnd + 0.5) {
                from = lastDrawnEnd;
                if (to <= from)
                    return;
            }
            if (strip)
                m_strip.fill(from, to, color);
            else
                painter->drawRect(QRectF(QPointF(from, top), QPointF(to, bottom)));
            lastDrawnEnd = to;
        };
        for (; it != end; ++it) {
            const double x = key->coordToPixel(it->key);
            const bool on = it->value > 0.5;
            if (on && !inRun) {
                runStart = x;
                inRun = true;
            } else if (!on && inRun) {
                fill(runStart, x);
                inRun = false;
            }
        }
        if (inRun) // lasts until the next point, or the newest data
            fill(runStart, end != mDataContainer->constEnd() ? key->coordToPixel(end->key)
                                                             : key->coordToPixel((end - 1)->key));
        if (strip)
            m_strip.draw(*painter, std::min(top, bottom), std::fabs(bottom - top));
    }

private:
    PixelStrip m_strip; // kept: its image is reused frame after frame
};

// Integer ticks: depth and item counts have no halves.
QSharedPointer<QCPAxisTicker> integerTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

} // namespace

QueueDepthView::QueueDepthView(QWidget* parent) : LiveView(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_figures = new QLabel(this);
    m_figures->setObjectName(QStringLiteral("queueFigures"));
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    layout->addWidget(m_figures);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("queueDepthPlot"));
    // Its size hint grows with the legend's columns; the legend follows the
    // width instead (fitLegendColumns), so the hint must not hold the width.
    m_plot->setMinimumSize(160, 120);
    layout->addWidget(m_plot, 1);
    build();
    setRecording(nullptr, nullptr);
}

QueueDepthView::~QueueDepthView() = default;

void QueueDepthView::build()
{
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setNoAntialiasingOnDrag(true);

    m_depthRect = m_plot->axisRect();
    m_rateRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_rateRect);
    // The legend gets a row of its own above the plots: inside, it would hide
    // the newest data, which is exactly where following looks.
    m_depthRect->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactors({0.001, 1.8, 1.0});
    m_plot->plotLayout()->setRowSpacing(0);
    m_plot->legend->setVisible(true);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    m_plot->legend->setColumnSpacing(10);
    m_plot->legend->setIconSize(22, 12);
    auto* group = new QCPMarginGroup(m_plot);
    m_depthRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_rateRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);

    QCPAxis* depthX = m_depthRect->axis(QCPAxis::atBottom);
    QCPAxis* depthY = m_depthRect->axis(QCPAxis::atLeft);
    QCPAxis* bandY = m_depthRect->axis(QCPAxis::atRight);
    QCPAxis* rateX = m_rateRect->axis(QCPAxis::atBottom);
    QCPAxis* rateY = m_rateRect->axis(QCPAxis::atLeft);
    depthX->setTickLabels(false); // the rates below carry the shared time axis
    depthY->setTicker(integerTicker());
    depthY->setSubTicks(false);                  // a quarter of an item means nothing
    rateY->setTicker(integerTicker());           // whole items per second are precise enough
    rateY->ticker()->setTickCount(3);            // a short plot: five labels would touch
    rateY->setNumberFormat(QStringLiteral("f")); // 12000, not 1.2·10^4
    rateY->setNumberPrecision(0);
    // QCPAxisRect's default 15 px on every side leaves gaps where no axis is.
    m_depthRect->setMinimumMargins(QMargins(15, 6, 15, 2));
    m_rateRect->setMinimumMargins(QMargins(15, 4, 15, 15));
    bandY->setVisible(false);
    bandY->setRange(0, 1); // the bands fill the whole height

    // Only time is dragged and zoomed, and both plots move together.
    for (QCPAxisRect* rect : {m_depthRect, m_rateRect}) {
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeDragAxes({depthX, rateX}, {});
        rect->setRangeZoomAxes({depthX, rateX}, {});
    }
    connect(depthX, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { fitValueAxes(); });
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (fitAxisLabels(m_axisLabels))
            m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    // Bands first: drawn under the depth line.
    auto band = [&](ipc::WorkerState state, int alpha) {
        QCPGraph* graph = new BandGraph(depthX, bandY); // owned by the plot
        graph->setLineStyle(QCPGraph::lsStepLeft);
        graph->setPen(Qt::NoPen);
        graph->setBrush(withAlpha(stateColor(state), alpha));
        graph->setAntialiasedFill(false);
        graph->addToLegend();
        return graph;
    };
    m_fullGraph = band(ipc::WorkerState::BlockedPut, 70);
    m_emptyGraph = band(ipc::WorkerState::BlockedGet, 50);

    m_depthGraph = m_plot->addGraph(depthX, depthY);
    m_depthGraph->setPen(QPen(QColor(0x26, 0x32, 0x38), 1.5));
    m_depthGraph->addToLegend();

    m_producedGraph = m_plot->addGraph(rateX, rateY);
    // In a steady state both rates are equal: a wide line under a thin one
    // keeps both visible.
    m_producedGraph->setPen(QPen(stateColor(ipc::WorkerState::Working), 3.0));
    m_producedGraph->addToLegend();
    m_consumedGraph = m_plot->addGraph(rateX, rateY);
    m_consumedGraph->setPen(QPen(stateColor(ipc::WorkerState::HoldingLock), 1.2));
    m_consumedGraph->addToLegend();

    m_depth.attach(m_depthGraph);
    m_full.attach(m_fullGraph);
    m_empty.attach(m_emptyGraph);
    m_produced.attach(m_producedGraph);
    m_consumed.attach(m_consumedGraph);

    m_capacityLine = new QCPItemStraightLine(m_plot);
    m_capacityLine->setClipAxisRect(m_depthRect);
    for (QCPItemPosition* point : {m_capacityLine->point1, m_capacityLine->point2})
        point->setAxes(depthX, depthY);
    m_capacityLine->setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.2, Qt::DashLine));
    // A line item has no legend entry: an empty graph with the same pen gives
    // it one (a text on the line would sit on the data it explains).
    m_capacityKey = m_plot->addGraph(depthX, depthY);
    m_capacityKey->setPen(m_capacityLine->pen());
    m_capacityKey->addToLegend();

    m_note = new QCPItemText(m_plot);
    m_note->setClipAxisRect(m_depthRect);
    m_note->position->setAxisRect(m_depthRect);
    m_note->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_note->position->setCoords(0.5, 0.5);
    m_note->setPositionAlignment(Qt::AlignCenter);

    applyTheme();
    setFollowing(m_following);
}

void QueueDepthView::applyTheme()
{
    applyPlotTheme(m_plot, this);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    m_note->setColor(muted);
    m_note->setFont(font());
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.9);
    m_figures->setFont(small);
}

bool QueueDepthView::usesQueue() const
{
    return m_hasScenario && m_kind == ScenarioKind::Queue;
}

void QueueDepthView::setRecording(const Recording* recording, const Scenario* scenario)
{
    m_recording = recording;
    m_hasScenario = scenario != nullptr;
    m_kind = scenario ? scenario->kind() : ScenarioKind::Counter;
    m_capacity = usesQueue() ? scenario->value(QStringLiteral("capacity")) : 0;
    resetData();

    const bool queue = usesQueue();
    m_capacityLine->setVisible(queue);
    m_capacityLine->point1->setCoords(0, double(m_capacity));
    m_capacityLine->point2->setCoords(1, double(m_capacity));
    m_note->setVisible(!queue);
    m_plot->legend->setVisible(queue);
    m_figures->setVisible(queue);

    retranslate();
    QCPAxis* depthX = m_depthRect->axis(QCPAxis::atBottom);
    QCPAxis* rateX = m_rateRect->axis(QCPAxis::atBottom);
    depthX->setRange(0, kFollowSeconds);
    rateX->setRange(0, kFollowSeconds);
    fitValueAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QueueDepthView::resetData()
{
    for (DecimatedLine* line : {&m_depth, &m_full, &m_empty, &m_produced, &m_consumed})
        line->clear();
    m_nextSample = 0;
    m_havePrevious = false;
    m_previousTime = 0;
    m_previousDepth = 0;
    m_firstTime = 0;
    m_lastTime = 0;
    m_maxDepth = 0;
    m_fullSeconds = 0;
    m_emptySeconds = 0;
    m_haveRateAnchor = false;
}

void QueueDepthView::refresh()
{
    if (!m_recording || !usesQueue())
        return;
    const QVector<Sample> samples = m_recording->samplesFrom(m_nextSample, &m_nextSample);
    if (samples.isEmpty())
        return; // nothing new, nothing to redraw

    for (const Sample& sample : samples) {
        const double t = sample.time;
        const qint32 depth = sample.queueDepth;
        // Lock off can push puts - gets past the capacity: that is full too.
        const bool full = m_capacity > 0 && depth >= m_capacity;
        const bool empty = depth <= 0;
        if (!m_havePrevious) {
            m_firstTime = t;
            m_havePrevious = true;
        } else if (t > m_previousTime) {
            // The state a sample saw lasts until the next sample.
            const double dt = t - m_previousTime;
            if (m_capacity > 0 && m_previousDepth >= m_capacity)
                m_fullSeconds += dt;
            else if (m_previousDepth <= 0)
                m_emptySeconds += dt;
        }
        m_previousTime = t;
        m_previousDepth = depth;
        m_lastTime = std::max(m_lastTime, t);
        m_maxDepth = std::max(m_maxDepth, depth);

        m_depth.add(t, depth);
        m_full.add(t, full ? 1 : 0);
        m_empty.add(t, empty ? 1 : 0);

        if (!m_haveRateAnchor) {
            m_haveRateAnchor = true;
        } else if (t - m_rateAnchorTime >= kRateWindowSeconds) {
            const double dt = t - m_rateAnchorTime;
            const double middle = m_rateAnchorTime + dt / 2;
            m_produced.add(middle, double(sample.produced - m_rateAnchorProduced) / dt);
            m_consumed.add(middle, double(sample.consumed - m_rateAnchorConsumed) / dt);
        } else {
            continue;
        }
        m_rateAnchorTime = t;
        m_rateAnchorProduced = sample.produced;
        m_rateAnchorConsumed = sample.consumed;
    }
    for (DecimatedLine* line : {&m_depth, &m_full, &m_empty, &m_produced, &m_consumed})
        line->flush();

    updateFigures();
    if (m_following)
        applyFollowRange();
    // Also when following did not move the range (the first 20 s): new data
    // inside the same window may still need more height.
    fitValueAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QueueDepthView::setFollowing(bool following)
{
    LiveView::setFollowing(following);
    // While following, a drag would be undone by the next frame: offer none.
    m_plot->setInteractions(following ? QCP::Interactions()
                                      : QCP::Interactions(QCP::iRangeDrag | QCP::iRangeZoom));
    if (following && m_havePrevious) {
        applyFollowRange();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void QueueDepthView::applyFollowRange()
{
    followTimeRange({m_rateRect, m_depthRect}, m_lastTime, kFollowSeconds);
}

void QueueDepthView::showAll()
{
    showWholeTimeRange({m_rateRect, m_depthRect}, m_havePrevious, m_firstTime, m_lastTime,
                       kFollowSeconds);
    fitValueAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QueueDepthView::fitValueAxes()
{
    const double top = double(std::max<qint64>({m_capacity, qint64(m_maxDepth), 1}));
    // Headroom above the capacity line for its label.
    m_depthRect->axis(QCPAxis::atLeft)->setRange(0, top * 1.18 + 0.2);

    const QCPRange visible = m_rateRect->axis(QCPAxis::atBottom)->range();
    double highest = 0;
    for (QCPGraph* graph : {m_producedGraph, m_consumedGraph}) {
        bool found = false;
        const QCPRange range = graph->getValueRange(found, QCP::sdBoth, visible);
        if (found)
            highest = std::max(highest, range.upper);
    }
    m_rateRect->axis(QCPAxis::atLeft)->setRange(0, std::max(highest, 1.0) * 1.15);
}

void QueueDepthView::updateFigures()
{
    if (!usesQueue())
        return;
    const QLocale locale;
    m_figures->setText(tr("Full %1 s (put() blocks) · empty %2 s (get() blocks) · deepest %3 of %4")
                           .arg(locale.toString(m_fullSeconds, 'f', 2),
                                locale.toString(m_emptySeconds, 'f', 2),
                                locale.toString(m_maxDepth), locale.toString(m_capacity)));
}

QString QueueDepthView::title() const
{
    return tr("Queue depth");
}

int QueueDepthView::pointCount() const
{
    return m_depth.pointCount();
}

void QueueDepthView::retranslate()
{
    m_axisLabels = {{m_depthRect->axis(QCPAxis::atLeft), tr("items in queue")},
                    {m_rateRect->axis(QCPAxis::atLeft), tr("items/s")},
                    {m_rateRect->axis(QCPAxis::atBottom), tr("time (s)")}};
    fitAxisLabels(m_axisLabels);
    m_depthGraph->setName(tr("depth"));
    m_fullGraph->setName(tr("full: put() blocks"));
    m_emptyGraph->setName(tr("empty: get() blocks"));
    m_producedGraph->setName(tr("put rate"));
    m_consumedGraph->setName(tr("get rate"));
    m_capacityKey->setName(tr("capacity %1").arg(m_capacity));
    m_note->setText(m_hasScenario ? tr("This scenario does not use a queue.") : tr("No scenario."));
    updateFigures();
    fitLegendColumns(m_plot->legend, m_plot->width());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QueueDepthView::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::PaletteChange:
    case QEvent::FontChange:
        applyTheme();
        fitLegendColumns(m_plot->legend, m_plot->width());
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    default:
        break;
    }
    LiveView::changeEvent(event);
}

void QueueDepthView::resizeEvent(QResizeEvent* event)
{
    LiveView::resizeEvent(event);
    fitLegendColumns(m_plot->legend, width());
}

} // namespace ipcscope
