#pragma once
// What every live view shares: it reads one Session's Recording (never the
// segment), appends what is new on each refresh() (driven by the window's
// display timer), and can follow the newest data or stay where the user
// zoomed/panned.
#include <QWidget>

class QCPPainter;

namespace ipcscope {

class Recording;
class Scenario;

class LiveView : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Binds the view to a recording (nullptr: empty view). Resets what it shows.
    virtual void setRecording(const Recording* recording, const Scenario* scenario) = 0;
    // Appends what the recording gained since the last call and redraws.
    virtual void refresh() = 0;
    // Following: the time axis scrolls with live data. Off: user zoom/pan stays.
    virtual void setFollowing(bool following) { m_following = following; }
    bool following() const { return m_following; }
    // Shows the whole recording (after Stop).
    virtual void showAll() {}
    virtual QString title() const = 0;
    // Draws the view into `target` for an export (ChartExport): laid out at
    // the target's size for the time of the drawing, then given back its own
    // size, so the live widget shows no trace of it. Works on a view never
    // shown. Painted widgets draw their paint code onto the painter and a
    // QCustomPlot inside its items (hence a QCPPainter, which is a QPainter),
    // so a vector device (SVG, PDF) gets vectors, never a screenshot.
    virtual void renderChart(QCPPainter* painter, const QRect& target);

signals:
    // The user zoomed or panned this view, which stops following: the window
    // stops the others too, so they stay in step with its Following switch.
    void userStoppedFollowing();

protected:
    bool m_following = true;
};

} // namespace ipcscope
