#pragma once
// What a race cost. For the shared counter (and the array, its element-wise
// sibling): the value the increments should have produced against the value
// the memory holds, the lost updates accumulating between them, and a marker
// where two read-modify-write windows overlapped. For the queue: the items
// lost, delivered twice, or made up (phantom) when its lock is off.
#include "LiveView.h"
#include "QueueDepthView.h" // DecimatedLine

#include "Recording.h"

#include <QList>

class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QStackedWidget;

namespace ipcscope {

class RaceView : public LiveView
{
    Q_OBJECT
public:
    static constexpr double kFollowSeconds = 20;
    // Overlaps can come by the thousand per second: at most one marker per
    // spacing (its tooltip says how many it stands for), the newest kept.
    // Every overlap is still counted (overlapMarks()).
    static constexpr double kMarkerSpacingSeconds = 0.05;
    static constexpr int kMaxMarkers = 400; // 20 s of markers at the spacing above
    // Below this height the figures leave out the last overlap (its tooltip keeps it).
    static constexpr int kRoomForLastOverlap = 360;

    explicit RaceView(QWidget* parent = nullptr);
    ~RaceView() override;

    void setRecording(const Recording* recording, const Scenario* scenario) override;
    void refresh() override;
    void setFollowing(bool following) override;
    void showAll() override;
    QString title() const override;

    // For tests and the chart exporters.
    qint64 lostUpdates() const { return m_counter.lostUpdates; } // expected - actual, latest
    quint64 overlapMarks() const { return m_overlapsSeen; }      // every overlap, drawn or not
    qint64 lostItems() const { return qint64(m_delivery.lost); }
    qint64 duplicatedItems() const { return qint64(m_delivery.duplicated); }
    qint64 phantomItems() const { return qint64(m_delivery.phantom); }
    int pointCount() const;  // points of the actual-value line (after decimation)
    int markerCount() const; // overlap markers drawn, at most kMaxMarkers
    // The tooltip of the marker nearest to `time` (empty if there is none).
    QString markerText(double time) const;
    // The plot shown: the counter's time series, or the queue's delivery bars.
    QCustomPlot* plot() const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Mode
    {
        None,
        Counter,
        Delivery
    };
    struct Marker
    {
        RaceOverlap overlap;
        quint64 count; // overlaps within the spacing this marker stands for
    };

    void buildCounterPlot();
    void buildDeliveryPlot();
    void applyTheme();
    void retranslate();
    void resetData();
    void refreshCounter();
    void refreshDelivery();
    void addOverlap(const RaceOverlap& overlap, QVector<double>& keys, QVector<double>& values);
    void updateFigures();
    void updateBars();
    void applyFollowRange();
    void fitValueAxes();
    void showMarkerTip(QMouseEvent* event);
    QString describe(const Marker& marker) const;

    const Recording* m_recording = nullptr;
    Mode m_mode = Mode::None;
    bool m_hasScenario = false;
    bool m_array = false;    // the Array scenario: "actual" is the sum of its elements
    bool m_unshared = false; // the counter scenario with shared off: nothing can be lost

    QLabel* m_figures = nullptr;
    QStackedWidget* m_stack = nullptr;

    QCustomPlot* m_counterPlot = nullptr;
    QCPAxisRect* m_valueRect = nullptr;
    QCPAxisRect* m_lostRect = nullptr;
    QCPGraph* m_expectedGraph = nullptr;
    QCPGraph* m_actualGraph = nullptr;
    QCPGraph* m_markerGraph = nullptr;
    QCPGraph* m_lostGraph = nullptr;
    QCPItemText* m_note = nullptr;
    DecimatedLine m_expected, m_actual, m_lost;

    QCustomPlot* m_deliveryPlot = nullptr;
    QCPBars* m_lostBars = nullptr;
    QCPBars* m_duplicatedBars = nullptr;
    QCPBars* m_phantomBars = nullptr;
    QList<QCPItemText*> m_barLabels;
    AxisLabels m_axisLabels; // translated, shown when they fit

    qsizetype m_nextSample = 0;
    qsizetype m_nextOverlap = 0;
    quint64 m_overlapsRead = 0;
    quint64 m_overlapsSeen = 0;
    bool m_haveSamples = false;
    double m_firstTime = 0;
    double m_lastTime = 0;
    QList<Marker> m_markers; // the drawn ones, oldest first
    CounterFigures m_counter;
    DeliveryFigures m_delivery;
};

} // namespace ipcscope
