#pragma once
// What the QCustomPlot views (QueueDepthView, RaceView) share: a decimated
// line, the theme, the legend and label fitting, and their time axes.
#include <QList>
#include <QPair>
#include <QString>
#include <QVector>

#include <initializer_list>
#include <limits>

class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QCustomPlot;
class QWidget;

namespace ipcscope {

// A line fed at the sampling rate but kept at most two points (min and max)
// per time bucket; data older than a minute is merged into coarser buckets
// once the graph holds too many points, so memory stays bounded on long
// sessions while the recent past keeps full display resolution.
class DecimatedLine
{
public:
    static constexpr double kBucketSeconds = 0.010; // min + max: one point per 5 ms
    static constexpr int kMaxPoints = 60'000;       // then the old part is merged
    static constexpr double kFineSeconds = 60;      // never merged: what following shows

    void attach(QCPGraph* graph) { m_graph = graph; }
    void clear();
    void add(double time, double value);
    // Hands the buckets closed since the last flush to the graph and redraws
    // the still open one (its points are replaced, never duplicated).
    void flush();
    int pointCount() const;

private:
    struct Bucket
    {
        qint64 index = -1; // -1: none open
        double minTime = 0, minValue = 0, maxTime = 0, maxValue = 0;
    };
    static void appendBucket(const Bucket& bucket, QVector<double>& keys, QVector<double>& values);
    void mergeOld();

    QCPGraph* m_graph = nullptr;
    Bucket m_open;
    QVector<double> m_keys, m_values; // closed buckets not handed to the graph yet
    double m_lastCommitted = -std::numeric_limits<double>::infinity();
    bool m_openShown = false;
};

// Colours and fonts of axes, grid and legend from the widget's palette and
// font (never a fixed family: the font's fallbacks render Chinese labels).
void applyPlotTheme(QCustomPlot* plot, const QWidget* from);
// QCPLegend wraps after a number of items, not at a width: picks the largest
// number of columns that fits `width` pixels.
void fitLegendColumns(QCPLegend* legend, int width);
// A y-axis label longer than its plot is tall would run into the plot below:
// such a label is left out until there is room (the legend still names the
// lines). Call after the layout; returns whether a label changed.
using AxisLabels = QList<QPair<QCPAxis*, QString>>;
bool fitAxisLabels(const AxisLabels& labels);

// The time axes of stacked plots move together.
void setTimeRange(std::initializer_list<QCPAxisRect*> rects, double lower, double upper);
// Following: the newest `span` seconds (from 0 until there are that many).
void followTimeRange(std::initializer_list<QCPAxisRect*> rects, double lastTime, double span);
// The whole session (or the first `span` seconds before any data).
void showWholeTimeRange(std::initializer_list<QCPAxisRect*> rects, bool haveData, double firstTime,
                        double lastTime, double span);

} // namespace ipcscope
