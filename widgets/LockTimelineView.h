#pragma once
// Who held the lock when, and who waited for it: one row per worker, filled
// bars where it held the lock (or a semaphore's permit), hatched bars where
// it waited, a thin strip where it was blocked on something else (a full or
// empty queue, an event, a barrier). The header carries the contention
// figures and, above all, the one thing a plain lock cannot survive: a holder
// that died holding it. A queue has two locks (its put lock and its get lock,
// as Python's Queue has _wlock and _rlock): the header names both holders,
// its figures cover both, and a producer and a consumer may hold at once.
//
// Intervals are kept at several resolutions (a level-of-detail pyramid), so a
// frame draws at most a few spans per pixel however long the session and
// however fast the lock changes hands.
#include "LiveView.h"
#include "PixelStrip.h"
#include "Recording.h"

#include <QHash>
#include <QPair>
#include <QPoint>
#include <QVector>

#include <array>

namespace ipcscope {

class LockTimelineView : public LiveView
{
    Q_OBJECT
public:
    // What following shows: the newest seconds of the run.
    static constexpr double kFollowSeconds = 10;
    // The narrowest the time axis may be zoomed to.
    static constexpr double kMinSpanSeconds = 0.001;

    explicit LockTimelineView(QWidget* parent = nullptr);
    ~LockTimelineView() override;

    void setRecording(const Recording* recording, const Scenario* scenario) override;
    void refresh() override;
    void setFollowing(bool following) override;
    void showAll() override;
    QString title() const override;

    // For tests and the window.
    int rowCount() const { return int(m_rows.size()); }
    int currentHolder() const { return m_holder; } // worker id holding lock 0, -1 if free
    // A queue's get lock (lock 1): worker id holding it, -1 if free or
    // where the scenario is not a queue (the deadlock's lock B is the
    // wait-for graph's business).
    int secondHolder() const { return m_twoLocks ? m_secondHolder : -1; }
    bool hasPutAndGetLocks() const { return m_twoLocks; }
    bool holderIsDead() const;       // of either lock
    QList<int> stuckWorkers() const; // alive, waiting for a lock whose holder is dead
    QString statusText() const { return status(nullptr); } // the header's first line
    QString figuresText() const;                           // its second line
    // Of lock 0, or of a queue's two locks together.
    quint64 acquisitions() const { return m_lock.acquisitions; }
    double meanWaitMs() const;
    double maxWaitMs() const { return double(m_lock.maxWaitNs) / 1e6; }
    QPair<double, double> visibleTimeRange() const;
    // Shows [start, end] (at least kMinSpanSeconds) and stops following.
    void setVisibleTimeRange(double start, double end);

    QSize sizeHint() const override { return {520, 300}; }
    QSize minimumSizeHint() const override { return {240, 140}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    // A stretch of one kind of state; at coarse levels several intervals
    // separated by less than the level's gap merged into one span, with the
    // time really spent in the state kept in `covered` (drawn as density).
    struct Span
    {
        double start;
        double end;
        double covered;
        ipc::WorkerState state;
    };
    static constexpr int kLevels = 7;
    // Spans of one category for one worker, at each resolution. The finer
    // levels keep only their newest kFineSpans spans (the coarsest keeps
    // all), so memory stays bounded; older times are drawn from a coarser
    // level, with the density shading saying how much was held.
    static constexpr qsizetype kFineSpans = 1 << 16;
    class Track
    {
    public:
        void add(double start, double end, ipc::WorkerState state);
        const QVector<Span>& level(int k) const { return m_levels[size_t(k)]; }
        // The finest level that still has its spans from `time` on.
        int finestCovering(int k, double time) const;
        static double gapOf(int k);

    private:
        std::array<QVector<Span>, kLevels> m_levels;
        std::array<bool, kLevels> m_trimmed{};
    };
    enum class Category
    {
        Hold,
        Wait,
        Blocked,
        None
    };
    static Category categoryOf(ipc::WorkerState state);

    struct Row
    {
        int id = -1;
        ipc::Role role = ipc::Role::None;
        qint64 pid = 0;
        QString exit;
        double exitedAt = -1;
        double launchedAt = 0;
        qsizetype closedIntervals = 0; // intervals taken from the recording (all closed)
        bool hasOpen = false;
        StateInterval open{0, -1, ipc::WorkerState::Starting}; // the one still growing
        Track hold, wait, blocked;
    };

    struct Geometry
    {
        QRectF header;
        QRectF labels;
        QRectF plot;
        QRectF axis;
        double rowHeight = 0;
    };

    void reset();
    void readWorkers();
    void readEvents();
    void readHolder();
    Geometry geometry() const;
    int labelWidth() const;
    QString rowLabel(const Row& row) const;
    double timeAt(double x, const Geometry& g) const;
    bool scenarioHasLock() const;
    bool lockSwitchedOff() const;
    bool showsPermits() const;
    bool isDead(const Row& row) const;
    const Row* rowOf(int id) const;
    bool isDeadHolder(int id) const;
    int lockTakenBy(ipc::Role role) const; // Session::guardLockTakenBy
    QString status(QColor* color) const;
    void setRange(double start, double end);

    void paintHeader(QPainter& painter, const Geometry& g);
    void paintRows(QPainter& painter, const Geometry& g);
    void paintTrack(QPainter& painter, const Track& track, Category category, double y,
                    double height, const Geometry& g, double t0, double t1);
    void paintAxis(QPainter& painter, const Geometry& g, double t0, double t1);

    const Recording* m_recording = nullptr;
    const Scenario* m_scenario = nullptr;
    QVector<Row> m_rows;
    QHash<int, qsizetype> m_rowOfId;
    QVector<ipc::Role> m_idleRoles; // the picture before Start

    // Contention of lock 0 (LockAcquired) and of a semaphore (PermitAcquired);
    // for a queue m_lock is its two locks' together, m_putGet each one's.
    ContentionFigures m_lock;
    std::array<ContentionFigures, 2> m_putGet{};
    ContentionFigures m_permit;
    bool m_lockSeen = false; // some worker took or waited for lock 0
    bool m_twoLocks = false; // a queue: put lock (0) and get lock (1)
    int m_holder = -1;
    int m_secondHolder = -1;
    qint32 m_semaphoreInside = 0;
    double m_now = 0;

    PixelStrip m_strip; // reused by every track of every frame

    double m_followSpan = kFollowSeconds;
    double m_viewStart = 0;
    double m_viewEnd = kFollowSeconds;
    bool m_dragging = false;
    QPoint m_dragOrigin;
    QPair<double, double> m_dragRange;
};

} // namespace ipcscope
