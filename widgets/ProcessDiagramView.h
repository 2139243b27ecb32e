#pragma once
// The scenario as a picture of its processes: each worker a box coloured by
// its state, around what they share. A queue scenario puts the producers on
// the left, the queue's slots in the middle and the consumers on the right;
// the others put the processes around the shared object (the counter, the
// array, the semaphore...). The lock is a padlock that travels to its holder,
// with the processes waiting for it queued up beside it; switched off, it is
// drawn open and broken. A queue has two (as Python's Queue has _wlock and
// _rlock): the put lock on the producers' side, the get lock on the
// consumers' side, each with its own holder and its own waiters, since a put
// and a get never exclude each other. A dead process is crossed out in red.
//
// Nothing jumps: the view keeps what it displays (box positions, the queue
// level, the padlock) and eases it toward what the recording says on every
// refresh(), so 60 refreshes a second make smooth movement.
#include "LiveView.h"
#include "PixelStrip.h"
#include "ipc/Layout.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QRectF>
#include <QVector>

#include <array>

class QPainter;

namespace ipcscope {

class Scenario;

class ProcessDiagramView : public LiveView
{
    Q_OBJECT
public:
    explicit ProcessDiagramView(QWidget* parent = nullptr);
    ~ProcessDiagramView() override;

    void setRecording(const Recording* recording, const Scenario* scenario) override;
    void refresh() override;
    void showAll() override; // the session is over: show the final picture, settled
    QString title() const override;

    // The window flips the lock switch live; the picture follows at once.
    void setLockEnabled(bool enabled);
    // Beside the open padlock: what races without the lock, in the scenario's terms.
    QString lockOffCaption() const;
    bool lockEnabled() const { return m_lockEnabled; }

    // For tests.
    int processCount() const { return int(m_processes.size()); }
    int crossedOutCount() const;
    int lockHolder() const { return m_padlocks[0].holder; } // lock 0: a queue's put lock
    // A queue's get lock (lock 1); -1 where the picture has one lock only.
    int secondLockHolder() const { return padlockCount() > 1 ? m_padlocks[1].holder : -1; }
    int padlockCount() const { return m_twoLocks ? 2 : 1; }
    QList<int> waitingFor(int lock) const; // queued beside that padlock, first come first
    bool holderIsDead() const;             // of any padlock shown
    double displayedQueueLevel() const { return m_displayedLevel; }
    int targetQueueDepth() const { return m_targetDepth; }

    QSize sizeHint() const override { return {520, 320}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

    // A padlock in `box`: closed, open (lock off) or broken (held by the dead).
    enum class PadlockLook
    {
        Closed,
        Open,
        Broken
    };
    static void drawPadlock(QPainter& painter, const QRectF& box, const QColor& color,
                            PadlockLook look);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Process
    {
        int id = -1;
        ipc::Role role = ipc::Role::None;
        qint64 pid = 0;
        ipc::WorkerState state = ipc::WorkerState::Starting;
        double stateSince = 0;
        QString exit;
        quint64 ops = 0;
        double activity = 0; // eased 0..1: did it put/get/increment lately
        QPointF position;    // displayed centre (eased)
        QPointF target;      // where the layout wants it
        bool placed = false; // has a displayed position yet
    };
    // A process waiting for the lock, queued beside the padlock.
    struct WaitTicket
    {
        int id;
        double since;
        QPointF position;
        QPointF target;
    };
    // One padlock of the picture: the scenario's lock, or one of a queue's
    // two (0 its put lock, 1 its get lock).
    struct Padlock
    {
        int holder = -1;
        QVector<WaitTicket> tickets; // the processes waiting for it
        QRectF home;                 // where it rests while nobody holds it
        QPointF position;            // displayed centre (eased)
        bool placed = false;
        bool jumps = false;              // changing hands faster than the eye follows
        QElapsedTimer sinceHolderChange; // when it last changed hands
        int ticketsShown = 0;
        QPointF moreTicketsAt; // where "+N" goes when the rows are full
    };
    enum class Shape
    {
        Hub,
        Flow
    };

    void reset();
    void readRecording();
    QRectF area() const; // below the caption
    void layoutTargets();
    void layoutTickets();
    void advance(double dt);
    void settle();
    bool showsLock() const;
    int scenarioLockSwitch() const; // the scenario's "lock": 1 on, 0 off, -1 none
    bool isDead(const Process& process) const;
    const Process* processOf(int id) const;
    bool holdsLock(int id) const; // any padlock shown
    bool holderIsDead(const Padlock& lock) const;
    int padlockOf(const Process& process) const; // the one it waits for
    void followHolder(Padlock& lock, int holder);
    QRectF boxAt(QPointF centre) const;
    QPointF tokenTarget(const Padlock& lock) const;
    void layoutTickets(Padlock& lock, int index);

    void paintHub(QPainter& painter);
    void paintFlow(QPainter& painter);
    void paintQueue(QPainter& painter);
    void paintProcess(QPainter& painter, const Process& process);
    void paintBox(QPainter& painter, const Process& process, const QRectF& box) const;
    void paintLock(QPainter& painter, int index);
    void paintCaption(QPainter& painter);
    QString deadHolderCaption() const;
    QString centreTitle() const;
    QString centreValue() const;
    QString centreNote() const;

    const Recording* m_recording = nullptr;
    const Scenario* m_scenario = nullptr;
    Shape m_shape = Shape::Hub;
    bool m_idle = true;
    bool m_lockEnabled = true;
    int m_scenarioLock = -1; // the scenario's switch as last read (see refresh())
    bool m_lockSeen = false; // some worker used lock 0 (for kinds without a lock switch)
    bool m_twoLocks = false; // a queue: put lock and get lock
    QVector<Process> m_processes;
    std::array<Padlock, 2> m_padlocks; // the first padlockCount() are shown

    // Gauges from the newest sample.
    int m_targetDepth = 0;
    double m_displayedLevel = 0;
    qint64 m_capacity = 0; // 0: unbounded (scaled to the deepest seen)
    int m_deepest = 0;
    qint64 m_counterActual = 0;
    qint64 m_counterExpected = 0;
    qint64 m_lostUpdates = 0;
    qint32 m_semaphoreInside = 0;
    qint32 m_eventSet = 0;
    qint32 m_eventWaiting = 0;
    qint32 m_barrierArrived = 0;
    qint32 m_barrierGeneration = 0;

    // Layout (recomputed on resize and when processes come).
    QRectF m_centre; // the shared object, or the queue
    QSizeF m_boxSize;
    bool m_ticketsBelow = false; // the waiting chips go under the hub (ring layout)

    QElapsedTimer m_sinceRefresh;
    LineLayer m_lines;     // the live arrows and spokes, reused frame after frame
    quint64 m_boxLook = 0; // changes with font, language, palette: the cached boxes' key
};

} // namespace ipcscope
