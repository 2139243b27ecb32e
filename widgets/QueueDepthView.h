#pragma once
// The bounded queue over time: how many items sit in it against its capacity,
// how fast producers put and consumers get, and when it was full (every put()
// blocks) or empty (every get() blocks). Reads the Recording's samples only.
#include "LiveView.h"

#include <QList>
#include <QPair>
#include <QVector>

#include <limits>

class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;
class QCustomPlot;
class QLabel;

namespace ipcscope {

enum class ScenarioKind;

// --- Shared by the QCustomPlot views (QueueDepthView, RaceView). They live
// here because the widgets target takes a fixed list of files per view; move
// them to a PlotSupport.h of their own when a third plot view needs them.

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

class QueueDepthView : public LiveView
{
    Q_OBJECT
public:
    // What following shows: the newest seconds of the run.
    static constexpr double kFollowSeconds = 20;
    // Rates are differences over this window: per sample they would be 0 or 1000/s.
    static constexpr double kRateWindowSeconds = 0.1;

    explicit QueueDepthView(QWidget* parent = nullptr);
    ~QueueDepthView() override;

    void setRecording(const Recording* recording, const Scenario* scenario) override;
    void refresh() override;
    void setFollowing(bool following) override;
    void showAll() override;
    QString title() const override;

    // For tests and the chart exporters.
    int pointCount() const; // depth points plotted (after decimation)
    qint64 capacity() const { return m_capacity; }
    double fullSeconds() const { return m_fullSeconds; }   // depth == capacity
    double emptySeconds() const { return m_emptySeconds; } // depth == 0
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    bool usesQueue() const;
    void build();
    void applyTheme();
    void retranslate();
    void updateFigures();
    void applyFollowRange();
    void fitValueAxes();
    void resetData();

    const Recording* m_recording = nullptr;
    ScenarioKind m_kind{};
    bool m_hasScenario = false;
    qint64 m_capacity = 0;

    QLabel* m_figures = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPAxisRect* m_depthRect = nullptr;
    QCPAxisRect* m_rateRect = nullptr;
    QCPGraph* m_depthGraph = nullptr;
    QCPGraph* m_fullGraph = nullptr;
    QCPGraph* m_emptyGraph = nullptr;
    QCPGraph* m_producedGraph = nullptr;
    QCPGraph* m_consumedGraph = nullptr;
    QCPItemStraightLine* m_capacityLine = nullptr;
    QCPGraph* m_capacityKey = nullptr; // legend entry of the capacity line
    QCPItemText* m_note = nullptr;
    AxisLabels m_axisLabels; // translated, shown when they fit

    DecimatedLine m_depth, m_full, m_empty, m_produced, m_consumed;

    qsizetype m_nextSample = 0;
    bool m_havePrevious = false;
    double m_previousTime = 0;
    qint32 m_previousDepth = 0;
    double m_firstTime = 0;
    double m_lastTime = 0;
    qint32 m_maxDepth = 0;
    double m_fullSeconds = 0;
    double m_emptySeconds = 0;
    // Where the current rate window began.
    bool m_haveRateAnchor = false;
    double m_rateAnchorTime = 0;
    qint64 m_rateAnchorProduced = 0;
    qint64 m_rateAnchorConsumed = 0;
};

} // namespace ipcscope
