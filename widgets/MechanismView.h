#pragma once
// The scenario's own mechanism, drawn: semaphore permits in use, barrier
// arrivals per generation, the event's flag, messages in flight through a
// pipe or socket, the manager's requests, the wait-for graph of a deadlock
// with its cycle in red, the shared array element by element. Under the
// picture, the scenario's main gauge over time.
//
// It reads only the Recording: the samples' gauges (appended incrementally)
// and the MechanismAudit's figures (the scenario's summary.json section).
#include "LiveView.h"
#include "Recording.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QPointF>
#include <QVector>

namespace ipcscope {

class MechanismView : public LiveView
{
    Q_OBJECT
public:
    static constexpr double kFollowSeconds = 20;
    static constexpr int kMaxGaugePoints = 20000; // decimated beyond this

    explicit MechanismView(QWidget* parent = nullptr);

    void setRecording(const Recording* recording, const Scenario* scenario) override;
    void refresh() override;
    void showAll() override;
    QString title() const override;

    // For tests and the window.
    static bool hasPicture(ScenarioKind kind); // false: counter/queue, drawn by the other views
    QString gaugeName() const;                 // what the strip under the picture plots
    int gaugePointCount() const { return int(m_gauge.size()); }
    double lastGaugeValue() const { return m_gauge.isEmpty() ? 0 : m_gauge.last().y(); }
    const QJsonObject& figures() const { return m_figures; }
    QStringList figureLines() const; // the text lines above the picture

    QSize sizeHint() const override { return {520, 320}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    double gaugeOf(const Sample& sample) const;
    void appendGauge(double time, double value);

    void drawSemaphore(QPainter& painter, const QRectF& area) const;
    void drawBarrier(QPainter& painter, const QRectF& area) const;
    void drawEvent(QPainter& painter, const QRectF& area) const;
    void drawMessages(QPainter& painter, const QRectF& area) const;
    void drawWaitForGraph(QPainter& painter, const QRectF& area) const;
    void drawBars(QPainter& painter, const QRectF& area, const QList<double>& expected,
                  const QList<double>& actual, const QString& caption) const;
    void drawLockState(QPainter& painter, const QRectF& area) const;
    void drawGauge(QPainter& painter, const QRectF& area) const;

    const Recording* m_recording = nullptr;
    Scenario m_scenario;
    qsizetype m_nextSample = 0;
    QVector<QPointF> m_gauge; // (time s, value), time-ordered
    double m_gaugeMax = 1;
    Sample m_last{};
    bool m_haveSample = false;
    QJsonObject m_figures;
    QVector<WorkerRecord> m_workers;
};

} // namespace ipcscope
