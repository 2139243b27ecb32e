#pragma once
// The bounded queue over time: how many items sit in it against its capacity,
// how fast producers put and consumers get, and when it was full (every put()
// blocks) or empty (every get() blocks). Reads the Recording's samples only.
#include "LiveView.h"
#include "PlotSupport.h"

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
