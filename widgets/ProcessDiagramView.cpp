#include "ProcessDiagramView.h"

#include "Session.h"

#include "Recording.h"
#include "Scenario.h"
#include "StateStyle.h"

#include <QEvent>
#include <QLineF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPixmapCache>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ipcscope {

namespace {

// How fast displayed things follow their targets: about 90 % of the way in
// 0.2 s, whatever the refresh rate.
constexpr double kEaseSeconds = 0.09;
// A holder kept for less than this: the padlock jumps, it does not glide.
constexpr qint64 kTokenGlideMinMs = 300;
constexpr double kSnapPixels = 0.5;
constexpr double kSnapLevel = 0.01;
// More slots than this (or slots narrower than kMinSlotWidth) become a fill bar.
constexpr int kMaxSlots = 64;
constexpr double kMinSlotWidth = 7;

const QColor kDeadRed(0xd3, 0x2f, 0x2f);
const QColor kLockOffOrange(0xef, 0x6c, 0x00);

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(std::clamp(alpha, 0, 255));
    return color;
}

// Black or white, whichever reads on that fill.
QColor textOn(const QColor& fill)
{
    const double luminance = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue();
    return luminance > 150 ? QColor(Qt::black) : QColor(Qt::white);
}

bool isLeftRole(ipc::Role role)
{
    return role == ipc::Role::Producer || role == ipc::Role::ListProducer;
}

bool isRightRole(ipc::Role role)
{
    return role == ipc::Role::Consumer || role == ipc::Role::ListConsumer;
}

double ease(double displayed, double target, double factor, double snap)
{
    const double diff = target - displayed;
    return std::fabs(diff) <= snap ? target : displayed + diff * factor;
}

QPointF ease(QPointF displayed, QPointF target, double factor)
{
    const QPointF diff = target - displayed;
    if (std::hypot(diff.x(), diff.y()) <= kSnapPixels)
        return target;
    return displayed + diff * factor;
}

// Where the ray from a box's centre toward `toward` leaves the box.
QPointF boxEdge(const QRectF& box, QPointF toward)
{
    const QPointF c = box.center();
    const QPointF d = toward - c;
    if (std::fabs(d.x()) < 1e-9 && std::fabs(d.y()) < 1e-9)
        return c;
    const double tx = std::fabs(d.x()) > 1e-9 ? box.width() / 2 / std::fabs(d.x()) : 1e9;
    const double ty = std::fabs(d.y()) > 1e-9 ? box.height() / 2 / std::fabs(d.y()) : 1e9;
    return c + d * std::min(tx, ty);
}

void drawArrowHead(QPainter& painter, QPointF from, QPointF tip, double size)
{
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    const QPointF a = tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * size;
    const QPointF b = tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * size;
    painter.drawPolygon(QPolygonF({tip, a, b}));
}

} // namespace

// --------------------------------------------------------------------------

void ProcessDiagramView::drawPadlock(QPainter& painter, const QRectF& box, const QColor& color,
                                     PadlockLook look)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const double w = box.width();
    const double h = box.height();
    const QRectF body(box.left(), box.top() + h * 0.45, w, h * 0.55);
    const double pen = std::max(1.5, w * 0.14);
    const double shackleW = w * 0.62;
    const double left = box.center().x() - shackleW / 2;
    const double right = left + shackleW;
    // Open: the shackle lifted, its right leg out of the body.
    const double lift = look == PadlockLook::Open ? h * 0.16 : 0;
    const double top = box.top() + pen / 2 - lift;
    const double radius = shackleW / 2;
    QPainterPath shackle;
    shackle.moveTo(left, body.top() + 1);
    shackle.lineTo(left, top + radius);
    shackle.arcTo(QRectF(left, top, shackleW, 2 * radius), 180, -180);
    shackle.lineTo(right, look == PadlockLook::Open ? body.top() - h * 0.2 : body.top() + 1);
    painter.setPen(QPen(color, pen, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    if (look == PadlockLook::Broken) {
        // The shackle snapped at its top.
        painter.save();
        painter.setClipRect(QRectF(box.left() - pen, box.top() - pen, w * 0.46 + pen, h + 2 * pen));
        painter.drawPath(shackle);
        painter.setClipRect(
            QRectF(box.left() + w * 0.56, box.top() - pen, w * 0.44 + pen, h + 2 * pen));
        painter.translate(0, -h * 0.08);
        painter.drawPath(shackle);
        painter.restore();
    } else {
        painter.drawPath(shackle);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(body, w * 0.12, w * 0.12);
    // The keyhole, in whatever reads on the body.
    const QColor hole = textOn(color);
    painter.setBrush(hole);
    const double r = std::max(1.0, w * 0.09);
    const QPointF c(body.center().x(), body.top() + body.height() * 0.42);
    painter.drawEllipse(c, r, r);
    painter.drawRect(QRectF(c.x() - r * 0.45, c.y(), r * 0.9, body.height() * 0.32));
    if (look == PadlockLook::Broken) {
        painter.setPen(QPen(hole, std::max(1.0, w * 0.07)));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(
            QPolygonF({QPointF(body.left() + w * 0.15, body.top()),
                       QPointF(body.left() + w * 0.4, body.center().y()),
                       QPointF(body.left() + w * 0.25, body.center().y() + h * 0.08),
                       QPointF(body.left() + w * 0.5, body.bottom())}));
    }
    painter.restore();
}

// --------------------------------------------------------------------------

ProcessDiagramView::ProcessDiagramView(QWidget* parent) : LiveView(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

ProcessDiagramView::~ProcessDiagramView() = default;

QString ProcessDiagramView::title() const
{
    return tr("Processes");
}

void ProcessDiagramView::reset()
{
    m_processes.clear();
    m_padlocks = {};
    m_targetDepth = 0;
    m_displayedLevel = 0;
    m_capacity = 0;
    m_deepest = 0;
    m_counterActual = m_counterExpected = m_lostUpdates = 0;
    m_semaphoreInside = m_eventSet = m_eventWaiting = m_barrierArrived = m_barrierGeneration = 0;
    m_lockSeen = false;
    m_sinceRefresh.invalidate();
}

void ProcessDiagramView::setRecording(const Recording* recording, const Scenario* scenario)
{
    reset();
    m_recording = recording;
    m_scenario = scenario;
    m_idle = recording == nullptr;
    m_lockEnabled = true;
    m_twoLocks = m_scenario && Scenario::hasPutAndGetLocks(m_scenario->kind());
    QVector<ipc::Role> roles;
    if (m_scenario) {
        m_scenarioLock = scenarioLockSwitch();
        if (m_scenarioLock >= 0)
            m_lockEnabled = m_scenarioLock != 0;
        if (Scenario::findSpec(m_scenario->kind(), QStringLiteral("capacity")))
            m_capacity = m_scenario->value(QStringLiteral("capacity"));
        roles = Session::plannedRoles(*m_scenario);
    }
    if (m_idle) {
        // Before Start: the processes the scenario will launch, greyed.
        for (qsizetype i = 0; i < roles.size(); ++i) {
            Process process;
            process.id = int(i);
            process.role = roles[i];
            m_processes.append(process);
        }
    }
    const bool flow = std::any_of(roles.cbegin(), roles.cend(),
                                  [](ipc::Role r) { return isLeftRole(r) || isRightRole(r); });
    m_shape = flow ? Shape::Flow : Shape::Hub;
    if (m_recording)
        readRecording();
    layoutTargets();
    settle(); // a new picture appears in place; only changes within it move
    update();
}

int ProcessDiagramView::scenarioLockSwitch() const
{
    if (!m_scenario || !Scenario::findSpec(m_scenario->kind(), QStringLiteral("lock")))
        return -1;
    return m_scenario->value(QStringLiteral("lock")) != 0 ? 1 : 0;
}

void ProcessDiagramView::setLockEnabled(bool enabled)
{
    if (m_lockEnabled == enabled)
        return;
    m_lockEnabled = enabled;
    if (!enabled) {
        for (Padlock& lock : m_padlocks)
            lock.tickets.clear(); // nobody waits for a lock that is skipped
    }
    layoutTargets();
    update();
}

void ProcessDiagramView::refresh()
{
    // Seconds since the previous frame, clamped: a hidden view resumes
    // without a leap, and back-to-back calls still make progress.
    double dt = 1.0 / 60;
    if (m_sinceRefresh.isValid())
        dt = std::clamp(m_sinceRefresh.restart() / 1000.0, 1.0 / 60, 0.1);
    else
        m_sinceRefresh.start();
    // The session's scenario follows the lock switch too (setLiveValue):
    // whichever way the news comes, the padlock follows it.
    if (const int lock = scenarioLockSwitch(); lock != m_scenarioLock) {
        m_scenarioLock = lock;
        if (lock >= 0)
            setLockEnabled(lock != 0);
    }
    if (m_recording) {
        const qsizetype before = m_processes.size();
        readRecording();
        if (m_processes.size() != before)
            layoutTargets();
        else
            layoutTickets();
    }
    advance(dt);
    update();
}

void ProcessDiagramView::showAll()
{
    // Called once the session is over and the refresh timer stopped: the
    // last picture must not stay half-way through an animation.
    if (m_recording)
        readRecording();
    layoutTargets();
    settle();
    update();
}

void ProcessDiagramView::readRecording()
{
    // Summaries: a few bytes per worker, not their interval history.
    const QVector<WorkerRecord> workers = m_recording->workerSummaries();
    for (qsizetype i = 0; i < workers.size(); ++i) {
        const WorkerRecord& worker = workers[i];
        // Workers are only ever appended, so index i is the usual place.
        Process* process =
            i < m_processes.size() && m_processes[i].id == worker.id ? &m_processes[i] : nullptr;
        if (!process) {
            for (Process& p : m_processes)
                if (p.id == worker.id)
                    process = &p;
        }
        if (!process) {
            Process fresh;
            fresh.id = worker.id;
            fresh.ops = worker.ops;
            m_processes.append(fresh);
            process = &m_processes.last();
        }
        process->role = worker.role;
        process->pid = worker.pid;
        process->exit = worker.exit;
        if (!worker.intervals.isEmpty()) {
            process->state = worker.intervals.last().state;
            process->stateSince = worker.intervals.last().start;
        }
        if (process->state == ipc::WorkerState::HoldingLock ||
            process->state == ipc::WorkerState::WaitingLock)
            m_lockSeen = true;
        if (worker.ops > process->ops)
            process->activity = 1; // decays in advance()
        process->ops = worker.ops;
        if (m_shape == Shape::Hub && (isLeftRole(worker.role) || isRightRole(worker.role)))
            m_shape = Shape::Flow; // e.g. a producer added to an unknown kind
    }

    // Only the newest sample: the gauges right now.
    const qsizetype count = m_recording->sampleCount();
    if (count > 0) {
        const QVector<Sample> last = m_recording->samplesFrom(count - 1);
        if (!last.isEmpty()) {
            const Sample& s = last.last();
            followHolder(m_padlocks[0], s.lockHolder);
            if (m_twoLocks)
                followHolder(m_padlocks[1], s.secondLockHolder);
            m_targetDepth = std::max(0, s.queueDepth);
            m_deepest = std::max(m_deepest, m_targetDepth);
            m_counterActual = s.counterActual;
            m_counterExpected = s.counterExpected;
            m_semaphoreInside = s.semaphoreInside;
            m_eventSet = s.eventSet;
            m_eventWaiting = s.eventWaiting;
            m_barrierArrived = s.barrierArrived;
            m_barrierGeneration = s.barrierGeneration;
            if (m_padlocks[0].holder >= 0)
                m_lockSeen = true;
        }
    }
    m_lostUpdates = m_recording->counterFigures().lostUpdates;

    // The queue for each lock: those waiting now, in the order they came.
    std::array<QVector<WaitTicket>, 2> tickets;
    if (showsLock() && m_lockEnabled) {
        for (const Process& p : std::as_const(m_processes)) {
            if (p.state != ipc::WorkerState::WaitingLock || !p.exit.isEmpty())
                continue;
            const int lock = padlockOf(p);
            const QVector<WaitTicket>& before = m_padlocks[size_t(lock)].tickets;
            const auto known = std::find_if(before.cbegin(), before.cend(),
                                            [&](const WaitTicket& t) { return t.id == p.id; });
            // A new one leaves its box for the queue.
            tickets[size_t(lock)].append(
                known != before.cend() ? *known
                                       : WaitTicket{p.id, p.stateSince, p.position, p.position});
        }
        for (QVector<WaitTicket>& queue : tickets)
            std::stable_sort(
                queue.begin(), queue.end(),
                [](const WaitTicket& a, const WaitTicket& b) { return a.since < b.since; });
    }
    for (size_t i = 0; i < tickets.size(); ++i)
        m_padlocks[i].tickets = std::move(tickets[i]);
}

void ProcessDiagramView::followHolder(Padlock& lock, int holder)
{
    if (holder != lock.holder) {
        // The lock changing hands faster than the eye follows: the padlock
        // jumps to the holder instead of gliding through the middle of the
        // picture (over what the lock guards).
        lock.jumps =
            lock.sinceHolderChange.isValid() && lock.sinceHolderChange.elapsed() < kTokenGlideMinMs;
        lock.sinceHolderChange.start();
    }
    lock.holder = holder;
}

int ProcessDiagramView::padlockOf(const Process& process) const
{
    return m_scenario ? Session::guardLockTakenBy(m_scenario->kind(), process.role) : 0;
}

QList<int> ProcessDiagramView::waitingFor(int lock) const
{
    QList<int> ids;
    if (lock >= 0 && lock < padlockCount())
        for (const WaitTicket& t : m_padlocks[size_t(lock)].tickets)
            ids.append(t.id);
    return ids;
}

bool ProcessDiagramView::holdsLock(int id) const
{
    for (int i = 0; i < padlockCount(); ++i)
        if (id >= 0 && m_padlocks[size_t(i)].holder == id)
            return true;
    return false;
}

bool ProcessDiagramView::isDead(const Process& process) const
{
    return process.exit == QLatin1String("killed") || process.exit == QLatin1String("error");
}

int ProcessDiagramView::crossedOutCount() const
{
    return int(std::count_if(m_processes.cbegin(), m_processes.cend(),
                             [this](const Process& p) { return isDead(p); }));
}

const ProcessDiagramView::Process* ProcessDiagramView::processOf(int id) const
{
    for (const Process& p : m_processes)
        if (p.id == id)
            return &p;
    return nullptr;
}

bool ProcessDiagramView::showsLock() const
{
    return m_lockSeen || (m_scenario && Scenario::usesGuardLock(m_scenario->kind()));
}

bool ProcessDiagramView::holderIsDead(const Padlock& lock) const
{
    const Process* holder = lock.holder >= 0 ? processOf(lock.holder) : nullptr;
    return holder && isDead(*holder);
}

bool ProcessDiagramView::holderIsDead() const
{
    for (int i = 0; i < padlockCount(); ++i)
        if (holderIsDead(m_padlocks[size_t(i)]))
            return true;
    return false;
}

// --------------------------------------------------------------------------
// layout and animation

QRectF ProcessDiagramView::boxAt(QPointF centre) const
{
    return QRectF(centre.x() - m_boxSize.width() / 2, centre.y() - m_boxSize.height() / 2,
                  m_boxSize.width(), m_boxSize.height());
}

QRectF ProcessDiagramView::area() const
{
    const double caption = QFontMetricsF(font()).height() + 6;
    return QRectF(rect()).adjusted(8, 6 + caption, -8, -8);
}

void ProcessDiagramView::layoutTargets()
{
    const QRectF a = area();
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const int n = int(m_processes.size());

    // A box at full size shows "W63 · consumer", the pid and the state.
    QFont bold = font();
    bold.setBold(true);
    double fullW = 90;
    for (const Process& p : std::as_const(m_processes))
        fullW = std::max(fullW, QFontMetricsF(bold).horizontalAdvance(
                                    tr("W%1 · %2").arg(p.id).arg(roleLabel(p.role))) +
                                    14);
    // The longest state label too, so that no state is elided in a full box.
    static constexpr ipc::WorkerState kShownStates[] = {
        ipc::WorkerState::WaitingLock,   ipc::WorkerState::HoldingLock,
        ipc::WorkerState::BlockedPut,    ipc::WorkerState::BlockedGet,
        ipc::WorkerState::WaitingPermit, ipc::WorkerState::HoldingPermit,
        ipc::WorkerState::WaitingEvent,  ipc::WorkerState::WaitingBarrier};
    for (ipc::WorkerState state : kShownStates)
        fullW = std::max(fullW, metrics.horizontalAdvance(stateLabel(state)) + 12);
    fullW = std::min(fullW, 190.0);
    const double fullH = 3 * line + 10;
    const double tokenW = std::clamp(line * 1.5, 16.0, 32.0);
    const double tokenH = tokenW * 1.25;

    if (m_shape == Shape::Hub) {
        const double centreW = std::clamp(a.width() * 0.3, 110.0, 240.0);
        const double centreH = std::clamp(line * 3.6, 50.0, 96.0);
        m_centre = QRectF(a.center().x() - centreW / 2, a.center().y() - centreH / 2 + tokenH / 3,
                          centreW, centreH);
        // Shrink the boxes until n of them fit round the ellipse; past a
        // dozen and a half, every other box steps onto an inner ring, which
        // doubles the room each gets.
        const int rings = n > 16 ? 2 : 1;
        double w = fullW, h = fullH;
        for (int pass = 0; pass < 3 && n > 0; ++pass) {
            const double rx = std::max(10.0, a.width() / 2 - w / 2);
            const double ry = std::max(10.0, a.height() / 2 - h / 2);
            const double perimeter =
                std::numbers::pi * (3 * (rx + ry) - std::sqrt((3 * rx + ry) * (rx + 3 * ry)));
            const double scale = std::min(1.0, perimeter * rings / n * 0.8 / ((fullW + fullH) / 2));
            w = std::max(18.0, fullW * scale);
            h = std::max(12.0, fullH * scale);
        }
        m_boxSize = QSizeF(w, h);
        const double rx = std::max(10.0, a.width() / 2 - w / 2);
        const double ry = std::max(10.0, a.height() / 2 - h / 2);
        // Start half a step past the top: the top centre is the lock's place.
        for (int i = 0; i < n; ++i) {
            using std::numbers::pi;
            const double angle = -pi / 2 + pi / n + 2 * pi * i / n;
            const bool inner = rings == 2 && i % 2 == 1;
            const double x = inner ? std::max(10.0, rx - w - 4) : rx;
            const double y = inner ? std::max(10.0, ry - h - 4) : ry;
            m_processes[i].target = a.center() + QPointF(x * std::cos(angle), y * std::sin(angle));
        }
        m_padlocks[0].home =
            QRectF(m_centre.center().x() - tokenW / 2, m_centre.top() - tokenH - 6, tokenW, tokenH);
        m_ticketsBelow = true; // the bottom centre is free in the ring; the top right is not
    } else {
        m_ticketsBelow = false;
        const double columnW = std::clamp(a.width() * 0.24, 60.0, fullW);
        QVector<int> left, right;
        for (int i = 0; i < n; ++i)
            (isLeftRole(m_processes[i].role) ? left : right).append(i);
        // Both columns share one box size: the fuller column decides it.
        auto heightFor = [&](qsizetype count) {
            if (count == 0)
                return fullH;
            const double gap = count > 1 ? std::clamp(a.height() / count * 0.15, 2.0, 8.0) : 0;
            return std::min(fullH, (a.height() - gap * double(count - 1)) / double(count));
        };
        const double h = std::max(3.0, std::min(heightFor(left.size()), heightFor(right.size())));
        m_boxSize = QSizeF(columnW, h);
        auto stack = [&](const QVector<int>& column, double x) {
            const qsizetype count = column.size();
            const double gap = count > 1 ? std::clamp(a.height() / count * 0.15, 2.0, 8.0) : 0;
            const double total = double(count) * h + double(count - 1) * gap;
            double y = a.center().y() - total / 2 + h / 2;
            for (int index : column) {
                m_processes[index].target = QPointF(x, y);
                y += h + gap;
            }
        };
        stack(left, a.left() + columnW / 2);
        stack(right, a.right() - columnW / 2);
        const double queueLeft = a.left() + columnW + 36;
        const double queueRight = a.right() - columnW - 36;
        const double queueW = std::max(40.0, queueRight - queueLeft);
        const double queueH = std::clamp(a.height() * 0.16, 24.0, 48.0);
        m_centre = QRectF(a.center().x() - queueW / 2, a.center().y() - queueH / 2, queueW, queueH);
        // A queue's two padlocks rest over its two ends, each with its name
        // under it (a line of room): the put lock by the producers, the get
        // lock by the consumers.
        const double top = m_centre.top() - tokenH - 10 - (m_twoLocks ? line : 0);
        m_padlocks[0].home = QRectF(m_centre.left() + 4, top, tokenW, tokenH);
        m_padlocks[1].home = QRectF(m_centre.right() - 4 - tokenW, top, tokenW, tokenH);
    }
    layoutTickets();
}

void ProcessDiagramView::layoutTickets()
{
    for (int i = 0; i < padlockCount(); ++i)
        layoutTickets(m_padlocks[size_t(i)], i);
}

void ProcessDiagramView::layoutTickets(Padlock& lock, int index)
{
    // In rows beside the lock's place, first come first: to its right, or
    // for a queue's get lock to its left, so that each queue's two rows of
    // waiters meet in the middle and never mix.
    const QFontMetricsF metrics(font());
    const double chipW = metrics.horizontalAdvance(QStringLiteral("W88")) + 10;
    const double chipH = metrics.height() + 2;
    const double direction = index == 1 ? -1 : 1;
    double startX = index == 1 ? lock.home.left() - 10 : lock.home.right() + 10;
    double room = std::max(chipW, area().right() - 4 - startX);
    if (m_twoLocks)
        room = std::max(chipW, direction * (m_centre.center().x() - startX) - 4);
    if (m_ticketsBelow) { // centred under the hub, as wide as the hub
        room = m_centre.width();
        startX = m_centre.left();
    }
    const int perRow = std::max(1, int(room / (chipW + 3)));
    auto columnX = [&](int column) {
        return startX + direction * (column * (chipW + 3) + chipW / 2);
    };
    // Three rows at most; the rest are counted ("+12"), not drawn.
    lock.ticketsShown = int(std::min<qsizetype>(lock.tickets.size(), qsizetype(perRow) * 3));
    lock.moreTicketsAt = QPointF(columnX(perRow - 1), lock.home.center().y() - 3 * (chipH + 3));
    for (qsizetype i = 0; i < lock.tickets.size(); ++i) {
        const int row = int(i) / perRow;
        const int column = int(i) % perRow;
        lock.tickets[i].target =
            m_ticketsBelow ? QPointF(columnX(column), m_centre.bottom() + metrics.height() + 6 +
                                                          chipH / 2 + row * (chipH + 3))
                           : QPointF(columnX(column), lock.home.center().y() - row * (chipH + 3));
    }
    if (m_ticketsBelow)
        lock.moreTicketsAt =
            QPointF(m_centre.right() + chipW, m_centre.bottom() + metrics.height() + 6 + chipH / 2);
}

QPointF ProcessDiagramView::tokenTarget(const Padlock& lock) const
{
    const Process* holder = lock.holder >= 0 && m_lockEnabled ? processOf(lock.holder) : nullptr;
    if (!holder)
        return lock.home.center();
    // On the holder's edge that faces what the lock guards: the holder is
    // unmistakable, and the padlock stays clear of the queue for it.
    return boxEdge(boxAt(holder->position), m_centre.center());
}

void ProcessDiagramView::advance(double dt)
{
    const double factor = 1 - std::exp(-dt / kEaseSeconds);
    const double levelSnap = std::max(kSnapLevel, double(std::max<qint64>(m_capacity, 1)) * 1e-4);
    m_displayedLevel = ease(m_displayedLevel, m_targetDepth, factor, levelSnap);
    for (Process& p : m_processes) {
        if (!p.placed) {
            p.position = p.target;
            p.placed = true;
        } else {
            p.position = ease(p.position, p.target, factor);
        }
        p.activity = ease(p.activity, 0, factor * 0.5, 0.02);
    }
    for (int i = 0; i < padlockCount(); ++i) {
        Padlock& lock = m_padlocks[size_t(i)];
        for (WaitTicket& t : lock.tickets) // a fast-changing queue jumps, like the padlock
            t.position = lock.jumps ? t.target : ease(t.position, t.target, factor);
        if (!lock.placed) {
            lock.position = tokenTarget(lock);
            lock.placed = true;
        } else if (lock.jumps) {
            lock.position = tokenTarget(lock);
        } else {
            lock.position = ease(lock.position, tokenTarget(lock), factor);
        }
    }
}

void ProcessDiagramView::settle()
{
    m_displayedLevel = m_targetDepth;
    for (Process& p : m_processes) {
        p.position = p.target;
        p.placed = true;
    }
    for (int i = 0; i < padlockCount(); ++i) {
        Padlock& lock = m_padlocks[size_t(i)];
        for (WaitTicket& t : lock.tickets)
            t.position = t.target;
        lock.position = tokenTarget(lock);
        lock.placed = true;
    }
}

void ProcessDiagramView::resizeEvent(QResizeEvent* event)
{
    // A resize is not news: jump to the new layout instead of gliding
    // (and the refresh timer may not even run, before Start).
    layoutTargets();
    settle();
    LiveView::resizeEvent(event);
}

void ProcessDiagramView::changeEvent(QEvent* event)
{
    // Texts are made while painting; sizes follow the font.
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::LanguageChange:
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        ++m_boxLook; // the cached boxes are out of date
        break;
    default:
        break;
    }
    switch (event->type()) {
    case QEvent::FontChange:
        layoutTargets();
        settle();
        update();
        break;
    case QEvent::LanguageChange:
        layoutTargets(); // role names change width
        settle();
        update();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        update();
        break;
    default:
        break;
    }
    LiveView::changeEvent(event);
}

// --------------------------------------------------------------------------
// painting

void ProcessDiagramView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setFont(font());
    painter.setRenderHint(QPainter::Antialiasing);
    paintCaption(painter);
    if (m_shape == Shape::Flow)
        paintFlow(painter);
    else
        paintHub(painter);
    for (const Process& p : std::as_const(m_processes))
        paintProcess(painter, p);
    for (int i = 0; i < padlockCount(); ++i)
        paintLock(painter, i);
}

void ProcessDiagramView::paintCaption(QPainter& painter)
{
    const QPalette& pal = palette();
    const QFontMetricsF metrics(font());
    const QRectF line(8, 4, width() - 16, metrics.height());
    QString text = tr("%n process(es)", nullptr, processCount());
    if (showsLock())
        text += QStringLiteral(" · ") + (m_lockEnabled ? tr("lock on") : tr("lock off"));
    if (const int dead = crossedOutCount())
        text += QStringLiteral(" · ") + tr("%n dead", nullptr, dead);
    QString right;
    QColor rightColor = pal.color(QPalette::PlaceholderText);
    if (m_idle) {
        right = tr("not started: press Start");
    } else if (holderIsDead() && m_lockEnabled) {
        // The one thing a plain lock cannot survive gets the caption's red.
        right = deadHolderCaption();
        rightColor = kDeadRed;
    } else if (showsLock() && !m_lockEnabled) {
        // In the caption line, not beside the padlock: there a process box
        // (a queue's consumers, the counter's hub) is soon in the way.
        right = lockOffCaption();
        rightColor = kLockOffOrange;
    }
    QFont bold = font();
    bold.setBold(true);
    const double rightWidth =
        std::min(line.width() * 0.6, QFontMetricsF(bold).horizontalAdvance(right) + 2);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(line.adjusted(0, 0, -rightWidth - 8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(text, Qt::ElideRight, line.width() - rightWidth - 8));
    if (!right.isEmpty()) {
        painter.setFont(bold);
        painter.setPen(rightColor);
        painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter,
                         QFontMetricsF(bold).elidedText(right, Qt::ElideRight, rightWidth));
        painter.setFont(font());
    }
}

// Which lock a dead process took with it, and how many wait for it in vain.
QString ProcessDiagramView::deadHolderCaption() const
{
    QStringList dead;
    int waiting = 0;
    for (int i = 0; i < padlockCount(); ++i) {
        const Padlock& lock = m_padlocks[size_t(i)];
        if (!holderIsDead(lock))
            continue;
        waiting += int(lock.tickets.size());
        if (!m_twoLocks)
            dead << tr("lock held by dead W%1").arg(lock.holder);
        else if (i == 0)
            dead << tr("put lock held by dead W%1").arg(lock.holder);
        else
            dead << tr("get lock held by dead W%1").arg(lock.holder);
    }
    QString text = dead.join(QStringLiteral(" · "));
    if (waiting > 0)
        text += QStringLiteral(" — ") + tr("%n waiting forever", nullptr, waiting);
    return text;
}

// What goes wrong without the lock, in the scenario's own terms: a shared
// value loses updates; a queue's puts overwrite each other's slots (lost
// items) and its gets take the same slot twice (duplicates), but a put never
// races with a get: the free and used counts keep them on different slots.
QString ProcessDiagramView::lockOffCaption() const
{
    if (m_twoLocks)
        return tr("lock off: puts race with puts, gets with gets");
    return tr("lock off: nobody waits, updates race");
}

QString ProcessDiagramView::centreTitle() const
{
    if (!m_scenario)
        return tr("shared state");
    switch (m_scenario->kind()) {
    case ScenarioKind::Counter:
    case ScenarioKind::AbandonedLock:
        if (Scenario::findSpec(m_scenario->kind(), QStringLiteral("shared")) &&
            m_scenario->value(QStringLiteral("shared")) == 0)
            return tr("counters (not shared: one per process)");
        return tr("shared counter");
    case ScenarioKind::Array:
        return tr("shared array (sum)");
    case ScenarioKind::Semaphore:
        return tr("Semaphore(%1)").arg(m_scenario->value(QStringLiteral("permits")));
    case ScenarioKind::Event:
        return tr("Event");
    case ScenarioKind::Barrier:
        return tr("Barrier(%1)").arg(m_scenario->value(QStringLiteral("parties")));
    case ScenarioKind::Deadlock:
        return tr("two locks");
    case ScenarioKind::Pipe:
        return tr("pipe");
    case ScenarioKind::Socket:
        return tr("socket");
    case ScenarioKind::Manager:
        return tr("manager process");
    default:
        break;
    }
    return tr("shared state");
}

QString ProcessDiagramView::centreValue() const
{
    const QLocale locale;
    const ScenarioKind kind = m_scenario ? m_scenario->kind() : ScenarioKind::Counter;
    switch (kind) {
    case ScenarioKind::Counter:
    case ScenarioKind::AbandonedLock:
    case ScenarioKind::Array:
        return locale.toString(m_counterActual);
    case ScenarioKind::Semaphore:
        return tr("%1 inside").arg(m_semaphoreInside);
    case ScenarioKind::Event:
        return m_eventSet ? tr("set") : tr("not set");
    case ScenarioKind::Barrier:
        return tr("%1 / %2 arrived")
            .arg(m_barrierArrived)
            .arg(m_scenario->value(QStringLiteral("parties")));
    default:
        break;
    }
    return {};
}

QString ProcessDiagramView::centreNote() const
{
    const QLocale locale;
    const ScenarioKind kind = m_scenario ? m_scenario->kind() : ScenarioKind::Counter;
    switch (kind) {
    case ScenarioKind::Counter:
    case ScenarioKind::AbandonedLock:
    case ScenarioKind::Array:
        if (m_lostUpdates > 0)
            return tr("%1 updates lost").arg(locale.toString(m_lostUpdates));
        if (m_counterExpected > 0)
            return tr("expected %1").arg(locale.toString(m_counterExpected));
        return {};
    case ScenarioKind::Event:
        return tr("%n waiting", nullptr, m_eventWaiting);
    case ScenarioKind::Barrier:
        return tr("generation %1").arg(m_barrierGeneration);
    default:
        break;
    }
    return {};
}

void ProcessDiagramView::paintHub(QPainter& painter)
{
    const QPalette& pal = palette();
    const QColor holdColor = stateColor(ipc::WorkerState::HoldingLock);
    const bool deadHolder = holderIsDead();
    // Spokes: who works on the shared object; the holder's is the thick one.
    // Live, on screen, through the line layer (see LineLayer).
    const bool layer = !m_idle && LineLayer::suits(painter);
    if (layer)
        m_lines.reset(size(), painter.device()->devicePixelRatio());
    for (const Process& p : std::as_const(m_processes)) {
        const QRectF box = boxAt(p.position);
        const QPointF from = boxEdge(box, m_centre.center());
        const QPointF to = boxEdge(m_centre, p.position);
        // Inside: holding the lock, or one of a semaphore's permits.
        const bool permit = p.state == ipc::WorkerState::HoldingPermit && p.exit.isEmpty();
        const bool holding = (p.id == m_padlocks[0].holder || permit) && !m_idle;
        QColor color = !holding     ? pal.color(QPalette::Mid)
                       : permit     ? stateColor(ipc::WorkerState::HoldingPermit)
                       : deadHolder ? kDeadRed
                                    : holdColor;
        if (!holding)
            color = withAlpha(color, int(110 + 145 * p.activity));
        if (layer) {
            m_lines.addLine(from, to, color, holding ? 3 : 1.2);
        } else {
            painter.setPen(QPen(color, holding ? 3 : 1.2, m_idle ? Qt::DashLine : Qt::SolidLine));
            painter.drawLine(from, to);
        }
    }
    if (layer)
        m_lines.draw(painter);

    // The shared object.
    painter.setPen(QPen(pal.color(QPalette::Text), 1.5));
    painter.setBrush(pal.color(QPalette::AlternateBase));
    painter.drawRoundedRect(m_centre, 8, 8);
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    QFont big = font();
    big.setBold(true);
    big.setPointSizeF(font().pointSizeF() > 0 ? font().pointSizeF() * 1.5 : 14);
    if (big.pointSizeF() <= 0)
        big.setPixelSize(int(line * 1.5));
    const QFontMetricsF bigMetrics(big);
    const QRectF inner = m_centre.adjusted(6, 4, -6, -4);
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), line), Qt::AlignCenter,
                     metrics.elidedText(centreTitle(), Qt::ElideRight, inner.width()));
    const QString value = centreValue();
    if (!value.isEmpty()) {
        painter.setFont(big);
        painter.setPen(m_idle ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Text));
        painter.drawText(QRectF(inner.left(), inner.center().y() - bigMetrics.height() / 2,
                                inner.width(), bigMetrics.height()),
                         Qt::AlignCenter,
                         bigMetrics.elidedText(value, Qt::ElideRight, inner.width()));
        painter.setFont(font());
    }
    const QString note = centreNote();
    if (!note.isEmpty()) {
        painter.setPen(m_lostUpdates > 0 ? kDeadRed : pal.color(QPalette::PlaceholderText));
        painter.drawText(QRectF(inner.left(), inner.bottom() - line, inner.width(), line),
                         Qt::AlignCenter, metrics.elidedText(note, Qt::ElideRight, inner.width()));
    }
}

void ProcessDiagramView::paintFlow(QPainter& painter)
{
    const QPalette& pal = palette();
    // Arrows: producers put into the queue, consumers get from it. They
    // light up while the process is actually moving items. Live, on screen,
    // the shafts go through the line layer (see LineLayer).
    const bool layer = !m_idle && LineLayer::suits(painter);
    if (layer)
        m_lines.reset(size(), painter.device()->devicePixelRatio());
    struct Head
    {
        QPointF from, to;
        QColor color;
    };
    QVarLengthArray<Head, 64> heads;
    for (const Process& p : std::as_const(m_processes)) {
        const QRectF box = boxAt(p.position);
        const bool left = isLeftRole(p.role);
        const QPointF boxSide =
            left ? QPointF(box.right(), box.center().y()) : QPointF(box.left(), box.center().y());
        const QPointF queueSide = left ? QPointF(m_centre.left(), m_centre.center().y())
                                       : QPointF(m_centre.right(), m_centre.center().y());
        QColor color = pal.color(QPalette::Text);
        if (p.state == ipc::WorkerState::BlockedPut || p.state == ipc::WorkerState::BlockedGet)
            color = stateColor(p.state);
        color = withAlpha(color, m_idle ? 70 : int(60 + 195 * p.activity));
        const QPointF from = left ? boxSide : queueSide;
        const QPointF to = left ? queueSide : boxSide;
        const double width = 1.2 + 1.3 * p.activity;
        if (layer) {
            // The heads go over the layer, once it is drawn.
            m_lines.addLine(from, to, color, width);
            heads.append({from, to, color});
            continue;
        }
        painter.setPen(QPen(color, width, m_idle ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(from, to);
        painter.setBrush(color);
        painter.setPen(Qt::NoPen);
        drawArrowHead(painter, from, to, 7);
    }
    if (layer) {
        m_lines.draw(painter);
        painter.setPen(Qt::NoPen);
        for (const auto& [from, to, color] : heads) {
            painter.setBrush(color);
            drawArrowHead(painter, from, to, 7);
        }
    }
    paintQueue(painter);
}

void ProcessDiagramView::paintQueue(QPainter& painter)
{
    const QPalette& pal = palette();
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const QColor itemColor = pal.color(QPalette::Highlight);
    const qint64 capacity = m_capacity > 0 ? m_capacity : std::max(1, m_deepest);
    const double level = std::clamp(m_displayedLevel, 0.0, double(capacity));
    const bool full = !m_idle && m_capacity > 0 && m_targetDepth >= m_capacity;
    const bool empty = !m_idle && m_targetDepth == 0;
    const QColor border = full    ? stateColor(ipc::WorkerState::BlockedPut)
                          : empty ? stateColor(ipc::WorkerState::BlockedGet)
                                  : pal.color(QPalette::Text);

    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::AlternateBase));
    painter.drawRoundedRect(m_centre, 4, 4);
    const QRectF inner = m_centre.adjusted(3, 3, -3, -3);
    const double slotW = inner.width() / double(capacity);
    if (m_capacity > 0 && capacity <= kMaxSlots && slotW >= kMinSlotWidth) {
        // One cell per slot, filled from the consumers' end: items wait
        // nearest the exit. The level is fractional while it animates.
        for (qint64 i = 0; i < capacity; ++i) {
            const QRectF cell(inner.right() - (i + 1) * slotW + 1, inner.top(), slotW - 2,
                              inner.height());
            const double fill = std::clamp(level - double(i), 0.0, 1.0);
            painter.setPen(QPen(withAlpha(pal.color(QPalette::Mid), 200), 1));
            painter.setBrush(pal.color(QPalette::Base));
            painter.drawRect(cell);
            if (fill > 0) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(itemColor);
                painter.drawRect(QRectF(cell.right() - cell.width() * fill, cell.top(),
                                        cell.width() * fill, cell.height()));
            }
        }
    } else {
        // Thousands of slots would be a grey smear: a fill bar and the count.
        const double fraction = level / double(capacity);
        painter.setPen(Qt::NoPen);
        painter.setBrush(itemColor);
        painter.drawRect(QRectF(inner.right() - inner.width() * fraction, inner.top(),
                                inner.width() * fraction, inner.height()));
        const QLocale locale;
        const QString count = m_capacity > 0 ? tr("%1 / %2").arg(locale.toString(m_targetDepth),
                                                                 locale.toString(m_capacity))
                                             : locale.toString(m_targetDepth);
        painter.setPen(pal.color(QPalette::Text));
        QRectF textBox = metrics.boundingRect(count).adjusted(-4, -1, 4, 1);
        textBox.moveCenter(inner.center());
        painter.setBrush(withAlpha(pal.color(QPalette::Base), 200));
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(textBox, 3, 3);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(textBox, Qt::AlignCenter, count);
    }
    painter.setPen(QPen(border, full || empty ? 2 : 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(m_centre, 4, 4);

    // Under it: what it is and how full.
    const QLocale locale;
    const QString what = m_capacity > 0 ? tr("queue · capacity %1").arg(locale.toString(m_capacity))
                                        : tr("shared list");
    QString how = tr("%n item(s)", nullptr, m_targetDepth);
    if (full)
        how += QStringLiteral(" · ") + tr("full: put() blocks");
    else if (empty)
        how += QStringLiteral(" · ") + tr("empty: get() blocks");
    const QRectF below(m_centre.left() - 20, m_centre.bottom() + 4, m_centre.width() + 40, line);
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(below, Qt::AlignCenter,
                     metrics.elidedText(what, Qt::ElideRight, below.width()));
    painter.setPen(full || empty ? border : pal.color(QPalette::Text));
    if (!m_idle)
        painter.drawText(below.translated(0, line), Qt::AlignCenter,
                         metrics.elidedText(how, Qt::ElideRight, below.width()));
}

void ProcessDiagramView::paintProcess(QPainter& painter, const Process& p)
{
    const QRectF box = boxAt(p.position);
    if (!LineLayer::suits(painter) || box.isEmpty()) {
        paintBox(painter, p, box);
        return;
    }
    // On screen a box is a picture kept in QPixmapCache: its antialiased
    // outline and its texts are made once per look, not 64 times a frame; a
    // process changes its look a few times a second at most.
    constexpr int kMargin = 4; // the holder's pen and a dead box's cross reach past the box
    // Drawn at the same offset within a pixel as the box itself, so that the
    // picture is the box pixel for pixel.
    const QPointF origin(std::floor(box.left()) - kMargin, std::floor(box.top()) - kMargin);
    const QRectF inPicture = box.translated(-origin);
    const qreal ratio = painter.device()->devicePixelRatio();
    const QSize size(int(std::ceil(inPicture.right())) + kMargin,
                     int(std::ceil(inPicture.bottom())) + kMargin);
    const bool dead = isDead(p);
    const bool holder = holdsLock(p.id) && !dead && m_lockEnabled;
    const QString key = QStringLiteral("ipcscope-process/%1/%2/%3@%4/%5/%6/%7")
                            .arg(quintptr(this))
                            .arg(m_boxLook)
                            .arg(QStringLiteral("%1,%2,%3,%4")
                                     .arg(inPicture.left())
                                     .arg(inPicture.top())
                                     .arg(inPicture.width())
                                     .arg(inPicture.height()))
                            .arg(ratio)
                            .arg(p.id)
                            .arg(p.pid)
                            .arg(QStringLiteral("%1/%2/%3/%4/%5")
                                     .arg(int(p.role))
                                     .arg(int(p.state))
                                     .arg(m_idle)
                                     .arg(dead)
                                     .arg(holder));
    QPixmap picture;
    if (!QPixmapCache::find(key, &picture)) {
        picture = QPixmap(size * ratio);
        picture.setDevicePixelRatio(ratio);
        picture.fill(Qt::transparent);
        QPainter boxPainter(&picture);
        boxPainter.setRenderHints(painter.renderHints());
        boxPainter.setFont(font());
        paintBox(boxPainter, p, inPicture);
        boxPainter.end();
        QPixmapCache::insert(key, picture);
    }
    painter.drawPixmap(origin, picture);
}

void ProcessDiagramView::paintBox(QPainter& painter, const Process& p, const QRectF& box) const
{
    const QPalette& pal = palette();
    const bool dead = isDead(p);
    const double radius = std::min(6.0, box.height() / 4);
    QColor fill = m_idle ? pal.color(QPalette::Button) : stateColor(p.state);
    QColor text = m_idle ? pal.color(QPalette::PlaceholderText) : textOn(fill);
    if (m_idle) {
        painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
    } else if (holdsLock(p.id) && !dead && m_lockEnabled) {
        painter.setPen(QPen(stateColor(ipc::WorkerState::HoldingLock).darker(150), 2.5));
    } else {
        painter.setPen(QPen(fill.darker(150), 1));
    }
    painter.setBrush(fill);
    painter.drawRoundedRect(box, radius, radius);

    // As much as fits: name, pid, state; at least the id.
    QFont bold = font();
    bold.setBold(true);
    QFont plain = font();
    double line = QFontMetricsF(plain).height();
    const QRectF inner = box.adjusted(3, 1, -3, -1);
    if (line > inner.height() && inner.height() >= 7) {
        // A small box still says who it is, in a smaller font.
        bold.setPixelSize(std::max(6, int(inner.height() * 0.8)));
        plain.setPixelSize(std::max(6, int(inner.height() * 0.8)));
        line = std::min(QFontMetricsF(plain).height(), inner.height());
    }
    const int lines = std::clamp(int(inner.height() / line), 0, 3);
    if (lines > 0) {
        QStringList texts;
        const QString name = tr("W%1 · %2").arg(p.id).arg(roleLabel(p.role));
        const QString shortName = tr("W%1").arg(p.id);
        const QFontMetricsF boldMetrics(bold);
        if (boldMetrics.horizontalAdvance(name) <= inner.width())
            texts << name;
        else if (boldMetrics.horizontalAdvance(shortName) <= inner.width())
            texts << shortName;
        else
            texts << QString::number(p.id);
        texts << (p.pid > 0 ? tr("pid %1").arg(p.pid) : tr("pid —"));
        texts << (m_idle ? tr("not started") : stateLabel(p.state));
        if (lines == 2)
            texts.removeAt(1); // name and state say more than the pid
        const double top = box.center().y() - lines * line / 2;
        painter.setPen(text);
        for (int i = 0; i < lines; ++i) {
            painter.setFont(i == 0 ? bold : plain);
            const QFontMetricsF metrics(painter.font());
            painter.drawText(QRectF(inner.left(), top + i * line, inner.width(), line),
                             Qt::AlignCenter,
                             metrics.elidedText(texts[i], Qt::ElideRight, inner.width()));
        }
        painter.setFont(font());
    }
    if (dead) {
        // Crossed out: a killed process leaves its lock (and its items) behind.
        painter.setPen(QPen(kDeadRed, std::max(2.0, std::min(box.width(), box.height()) / 14),
                            Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        painter.drawLine(box.topLeft(), box.bottomRight());
        painter.drawLine(box.bottomLeft(), box.topRight());
        painter.drawRoundedRect(box, radius, radius);
    }
}

void ProcessDiagramView::paintLock(QPainter& painter, int index)
{
    if (!showsLock())
        return;
    const Padlock& lock = m_padlocks[size_t(index)];
    const QPalette& pal = palette();
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    // Which end of the queue it guards, under its place: two padlocks
    // without names would leave a newcomer guessing.
    const bool mirrored = index == 1;
    if (m_twoLocks) {
        const QString name = mirrored ? tr("get lock") : tr("put lock");
        const QRectF nameBox(mirrored ? m_centre.center().x() + 2 : m_centre.left(),
                             lock.home.bottom() + 2, m_centre.width() / 2 - 2, line);
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(nameBox, (mirrored ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                         metrics.elidedText(name, Qt::ElideRight, nameBox.width()));
    }
    QRectF token = lock.home;
    if (!m_lockEnabled) {
        // Switched off: an open padlock at its place, nobody takes it.
        drawPadlock(painter, token, kLockOffOrange, PadlockLook::Open);
        return;
    }
    const bool deadHolder = holderIsDead(lock);
    token.moveCenter(lock.position);
    const bool away = QLineF(token.center(), lock.home.center()).length() > 2;
    if (away) {
        // Its place, empty while someone has it.
        painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(lock.home.adjusted(-2, -2, 2, 2), 4, 4);
    }

    // The queue for the lock, first come first.
    const QVector<WaitTicket>& tickets = lock.tickets;
    const QColor waitColor = deadHolder ? kDeadRed : stateColor(ipc::WorkerState::WaitingLock);
    const double chipH = line + 2;
    const double chipW = metrics.horizontalAdvance(QStringLiteral("W88")) + 10;
    if (!tickets.isEmpty()) {
        // What the chips are, above them (while they fit in one row).
        const bool oneRow =
            lock.ticketsShown > 0 &&
            qFuzzyCompare(tickets[lock.ticketsShown - 1].target.y(), tickets.first().target.y());
        if (oneRow || m_ticketsBelow) {
            const double top = m_ticketsBelow ? m_centre.bottom() + 3
                                              : lock.home.center().y() - chipH / 2 - line - 1;
            QRectF box(m_ticketsBelow ? m_centre.left() : lock.home.right() + 10, top, 0, line);
            box.setRight(width() - 8);
            QString text =
                deadHolder ? tr("waiting forever for the lock:") : tr("waiting for the lock:");
            if (m_twoLocks) {
                // Each padlock's chips run toward the queue's middle, where
                // the other's begin; its name already says which lock.
                text = deadHolder ? tr("waiting forever:") : tr("waiting:");
                box.setLeft(mirrored ? m_centre.center().x() + 2 : lock.home.right() + 10);
                box.setRight(mirrored ? lock.home.left() - 10 : m_centre.center().x() - 2);
            }
            painter.setPen(deadHolder ? kDeadRed : pal.color(QPalette::PlaceholderText));
            painter.drawText(box, (mirrored ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                             metrics.elidedText(text, Qt::ElideRight, box.width()));
        }
    }
    for (int i = 0; i < std::min<int>(lock.ticketsShown, int(tickets.size())); ++i) {
        const WaitTicket& t = tickets[i];
        const QRectF chip(t.position.x() - chipW / 2, t.position.y() - chipH / 2, chipW, chipH);
        painter.setPen(QPen(waitColor.darker(140), 1));
        painter.setBrush(waitColor);
        painter.drawRoundedRect(chip, chipH / 3, chipH / 3);
        painter.setPen(textOn(waitColor));
        painter.drawText(chip, Qt::AlignCenter, tr("W%1").arg(t.id));
    }
    if (tickets.size() > lock.ticketsShown) {
        painter.setPen(waitColor);
        painter.drawText(QRectF(lock.moreTicketsAt.x() - chipW, lock.moreTicketsAt.y() - chipH / 2,
                                2 * chipW, chipH),
                         Qt::AlignCenter, tr("+%1").arg(tickets.size() - lock.ticketsShown));
    }
    const QColor color = deadHolder         ? kDeadRed
                         : lock.holder >= 0 ? stateColor(ipc::WorkerState::HoldingLock)
                         : m_idle           ? pal.color(QPalette::PlaceholderText)
                                            : pal.color(QPalette::Text);
    // A halo in the background colour: the padlock reads on any box it sits by.
    painter.setPen(Qt::NoPen);
    painter.setBrush(withAlpha(pal.color(QPalette::Base), 230));
    painter.drawRoundedRect(token.adjusted(-3, -3, 3, 3), 5, 5);
    drawPadlock(painter, token, color, deadHolder ? PadlockLook::Broken : PadlockLook::Closed);
}

} // namespace ipcscope
