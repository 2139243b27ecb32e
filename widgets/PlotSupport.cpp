#include "PlotSupport.h"

#include <QFontMetrics>
#include <QWidget>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ipcscope {

// --------------------------------------------------------------------------
// DecimatedLine

void DecimatedLine::clear()
{
    m_open = Bucket{};
    m_keys.clear();
    m_values.clear();
    m_lastCommitted = -std::numeric_limits<double>::infinity();
    m_openShown = false;
    if (m_graph)
        m_graph->data()->clear();
}

void DecimatedLine::add(double time, double value)
{
    const auto index = qint64(std::floor(time / kBucketSeconds));
    // A time that went backwards (it should not) stays in the open bucket, so
    // the graph's keys stay sorted and appends stay appends.
    if (m_open.index < 0 || index > m_open.index) {
        if (m_open.index >= 0)
            appendBucket(m_open, m_keys, m_values);
        m_open = Bucket{index, time, value, time, value};
        return;
    }
    // Strict comparisons: the first of equal values wins, so a flat stretch
    // gives one point per bucket, not two.
    if (value < m_open.minValue) {
        m_open.minValue = value;
        m_open.minTime = time;
    }
    if (value > m_open.maxValue) {
        m_open.maxValue = value;
        m_open.maxTime = time;
    }
}

void DecimatedLine::appendBucket(const Bucket& bucket, QVector<double>& keys,
                                 QVector<double>& values)
{
    // In time order, so that the line goes through the extremes as they happened.
    if (bucket.minTime == bucket.maxTime) {
        keys.append(bucket.minTime);
        values.append(bucket.minValue);
    } else if (bucket.minTime < bucket.maxTime) {
        keys << bucket.minTime << bucket.maxTime;
        values << bucket.minValue << bucket.maxValue;
    } else {
        keys << bucket.maxTime << bucket.minTime;
        values << bucket.maxValue << bucket.minValue;
    }
}

void DecimatedLine::flush()
{
    if (!m_graph)
        return;
    QSharedPointer<QCPGraphDataContainer> data = m_graph->data();
    if (m_openShown) {
        // The open bucket's points are the newest keys, after every committed one.
        if (std::isfinite(m_lastCommitted))
            data->removeAfter(m_lastCommitted);
        else
            data->clear();
        m_openShown = false;
    }
    if (!m_keys.isEmpty()) {
        m_graph->addData(m_keys, m_values, true);
        m_lastCommitted = m_keys.last();
        m_keys.clear();
        m_values.clear();
        if (data->size() > kMaxPoints)
            mergeOld();
    }
    if (m_open.index >= 0) {
        QVector<double> keys, values;
        appendBucket(m_open, keys, values);
        m_graph->addData(keys, values, true);
        m_openShown = true;
    }
}

void DecimatedLine::mergeOld()
{
    // Everything older than the fine part is re-bucketed so that it takes a
    // quarter of the budget: min/max of min/max keeps the envelope exact, so a
    // spike from minutes ago still shows. Rare (every few minutes), not per frame.
    QSharedPointer<QCPGraphDataContainer> data = m_graph->data();
    const double first = data->constBegin()->key;
    const double split = (data->constEnd() - 1)->key - kFineSeconds;
    if (split <= first)
        return;
    const double width = std::max(kBucketSeconds, (split - first) / (kMaxPoints / 8.0));
    QVector<double> keys, values;
    keys.reserve(kMaxPoints / 2);
    values.reserve(kMaxPoints / 2);
    Bucket bucket;
    auto it = data->constBegin();
    for (; it != data->constEnd() && it->key < split; ++it) {
        const auto index = qint64(std::floor((it->key - first) / width));
        if (bucket.index < 0 || index > bucket.index) {
            if (bucket.index >= 0)
                appendBucket(bucket, keys, values);
            bucket = Bucket{index, it->key, it->value, it->key, it->value};
            continue;
        }
        if (it->value < bucket.minValue) {
            bucket.minValue = it->value;
            bucket.minTime = it->key;
        }
        if (it->value > bucket.maxValue) {
            bucket.maxValue = it->value;
            bucket.maxTime = it->key;
        }
    }
    if (bucket.index >= 0)
        appendBucket(bucket, keys, values);
    for (; it != data->constEnd(); ++it) {
        keys.append(it->key);
        values.append(it->value);
    }
    m_graph->setData(keys, values, true);
}

int DecimatedLine::pointCount() const
{
    return m_graph ? m_graph->dataCount() : 0;
}

// --------------------------------------------------------------------------
// shared look

void applyPlotTheme(QCustomPlot* plot, const QWidget* from)
{
    // Lines as one polyline rather than segment by segment: the plots redraw
    // every frame (bench row 8).
    plot->setPlottingHint(QCP::phFastPolylines, true);
    const QPalette palette = from->palette();
    const QColor text = palette.color(QPalette::Text);
    QColor axis = text;
    axis.setAlphaF(0.55);
    QColor grid = text;
    grid.setAlphaF(0.12);
    const QFont labelFont = from->font();
    QFont tickFont = labelFont;
    if (tickFont.pointSizeF() > 0)
        tickFont.setPointSizeF(tickFont.pointSizeF() * 0.9);

    plot->setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(Qt::NoBrush);
        for (QCPAxis* a : rect->axes()) {
            a->setBasePen(QPen(axis, 1));
            a->setTickPen(QPen(axis, 1));
            a->setSubTickPen(QPen(axis, 1));
            a->setTickLabelColor(text);
            a->setLabelColor(text);
            a->setLabelFont(labelFont);
            a->setTickLabelFont(tickFont);
            a->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
            a->grid()->setZeroLinePen(Qt::NoPen);
            a->grid()->setSubGridVisible(false);
        }
    }
    if (QCPLegend* legend = plot->legend) {
        legend->setFont(tickFont);
        legend->setTextColor(text);
        legend->setBrush(Qt::NoBrush);
        legend->setBorderPen(Qt::NoPen);
        for (int i = 0; i < legend->itemCount(); ++i) {
            if (QCPAbstractLegendItem* item = legend->item(i)) { // cells may be empty
                item->setFont(tickFont);
                item->setTextColor(text);
            }
        }
    }
}

void fitLegendColumns(QCPLegend* legend, int width)
{
    // itemCount() counts the grid's cells, empty ones included, once wrapped.
    QVector<int> itemWidths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i))
            itemWidths.append(item->minimumOuterSizeHint().width());
    const int count = int(itemWidths.size());
    if (count == 0)
        return;
    const QMargins margins = legend->margins();
    const int available = width - margins.left() - margins.right();
    int columns = count;
    for (; columns > 1; --columns) {
        // Columns are as wide as their widest item.
        QVector<int> widths(columns, 0);
        for (int i = 0; i < count; ++i)
            widths[i % columns] = std::max(widths[i % columns], itemWidths[i]);
        int total = legend->columnSpacing() * (columns - 1);
        for (int w : widths)
            total += w;
        if (total <= available)
            break;
    }
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

bool fitAxisLabels(const AxisLabels& labels)
{
    bool changed = false;
    for (const auto& [axis, text] : labels) {
        const QFontMetrics metrics(axis->labelFont());
        const int room = axis->orientation() == Qt::Vertical ? axis->axisRect()->height()
                                                             : axis->axisRect()->width();
        // A plot never laid out (hidden, or not shown yet) has no size to go by.
        const bool laidOut = axis->parentPlot()->isVisible();
        const QString shown =
            !laidOut || metrics.horizontalAdvance(text) <= room ? text : QString();
        if (axis->label() != shown) {
            axis->setLabel(shown);
            changed = true;
        }
    }
    return changed;
}

// --------------------------------------------------------------------------
// time axes

void setTimeRange(std::initializer_list<QCPAxisRect*> rects, double lower, double upper)
{
    for (QCPAxisRect* rect : rects)
        rect->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

void followTimeRange(std::initializer_list<QCPAxisRect*> rects, double lastTime, double span)
{
    const double upper = std::max(lastTime, span);
    setTimeRange(rects, upper - span, upper);
}

void showWholeTimeRange(std::initializer_list<QCPAxisRect*> rects, bool haveData, double firstTime,
                        double lastTime, double span)
{
    double lower = 0;
    double upper = span;
    if (haveData) {
        lower = std::min(0.0, firstTime);
        upper = std::max(lastTime, lower + 0.1);
    }
    setTimeRange(rects, lower, upper);
}

} // namespace ipcscope
