#include "LockTimelineView.h"

#include "Session.h"

#include "ProcessDiagramView.h"
#include "Recording.h"
#include "Scenario.h"
#include "StateStyle.h"

#include <QEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QVarLengthArray>
#include <QWheelEvent>
#include <utility>

#include <algorithm>
#include <cmath>

namespace ipcscope {

namespace {

// The finest level merges intervals less than a microsecond apart: below
// what the narrowest zoom (kMinSpanSeconds over a few hundred pixels) shows.
constexpr double kFinestGap = 1e-6;
constexpr double kLevelFactor = 8;
constexpr double kMaxRowHeight = 24;
constexpr double kMinRowHeight = 2;
constexpr int kMarkerWidth = 14; // room for the holder's padlock before a label

QString formatWaitMs(double ms)
{
    const int decimals = ms < 0.1 ? 3 : ms < 10 ? 2 : 1;
    return LockTimelineView::tr("%1 ms").arg(QLocale().toString(ms, 'f', decimals));
}

// 1, 2 or 5 times a power of ten: tick steps people read at a glance.
double niceStep(double rough)
{
    if (!(rough > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 5.0})
        if (factor * magnitude >= rough)
            return factor * magnitude;
    return 10 * magnitude;
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(std::clamp(alpha, 0, 255));
    return color;
}

// Two locks' contention as one lock's: how long a process waited for a lock.
ContentionFigures together(const ContentionFigures& a, const ContentionFigures& b)
{
    ContentionFigures sum;
    sum.acquisitions = a.acquisitions + b.acquisitions;
    sum.totalWaitNs = a.totalWaitNs + b.totalWaitNs;
    sum.maxWaitNs = std::max(a.maxWaitNs, b.maxWaitNs);
    return sum;
}

} // namespace

// --------------------------------------------------------------------------
// the level-of-detail track

double LockTimelineView::Track::gapOf(int k)
{
    // A table, not std::pow: asked for every interval added and for every
    // track painted, 60 times a second.
    static const std::array<double, kLevels> gaps = [] {
        std::array<double, kLevels> table{};
        for (int level = 0; level < kLevels; ++level)
            table[size_t(level)] = kFinestGap * std::pow(kLevelFactor, level);
        return table;
    }();
    return gaps[size_t(k)];
}

void LockTimelineView::Track::add(double start, double end, ipc::WorkerState state)
{
    // The newest interval is the last span on every level, so each level
    // only ever extends or appends at its end: O(levels) per interval.
    for (int k = 0; k < kLevels; ++k) {
        QVector<Span>& spans = m_levels[size_t(k)];
        if (!spans.isEmpty() && spans.last().state == state &&
            start - spans.last().end <= gapOf(k)) {
            Span& last = spans.last();
            last.end = std::max(last.end, end);
            last.covered += end - start;
        } else {
            spans.append({start, end, end - start, state});
            if (k + 1 < kLevels && spans.size() > 2 * kFineSpans) {
                // Amortised: one move of kFineSpans spans per kFineSpans appends.
                spans.remove(0, spans.size() - kFineSpans);
                m_trimmed[size_t(k)] = true;
            }
        }
    }
}

int LockTimelineView::Track::finestCovering(int k, double time) const
{
    while (k + 1 < kLevels && m_trimmed[size_t(k)] && !m_levels[size_t(k)].isEmpty() &&
           m_levels[size_t(k)].first().start > time)
        ++k;
    return k;
}

LockTimelineView::Category LockTimelineView::categoryOf(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    switch (state) {
    case S::HoldingLock:
    case S::HoldingPermit:
        return Category::Hold;
    case S::WaitingLock:
    case S::WaitingPermit:
        return Category::Wait;
    case S::BlockedPut:
    case S::BlockedGet:
    case S::WaitingEvent:
    case S::WaitingBarrier:
    case S::WaitingCondition:
    case S::WaitingJoin:
    case S::WaitingMessage:
    case S::Paused:
        return Category::Blocked;
    default: // working, starting, exited...: the thin life line says enough
        break;
    }
    return Category::None;
}

// --------------------------------------------------------------------------

LockTimelineView::LockTimelineView(QWidget* parent) : LiveView(parent)
{
    setAutoFillBackground(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(false);
    setFocusPolicy(Qt::WheelFocus);
    setToolTip(tr("Wheel: zoom the time axis · drag: pan · double-click: show all\n"
                  "(while following, the wheel changes how many seconds are shown)"));
}

LockTimelineView::~LockTimelineView() = default;

QString LockTimelineView::title() const
{
    return tr("Lock holders over time");
}

void LockTimelineView::reset()
{
    m_rows.clear();
    m_rowOfId.clear();
    m_idleRoles.clear();
    m_lock = {};
    m_putGet = {};
    m_permit = {};
    m_lockSeen = false;
    m_twoLocks = false;
    m_holder = -1;
    m_secondHolder = -1;
    m_semaphoreInside = 0;
    m_now = 0;
    m_viewStart = 0;
    m_viewEnd = m_followSpan;
}

void LockTimelineView::setRecording(const Recording* recording, const Scenario* scenario)
{
    reset();
    m_recording = recording;
    m_scenario = scenario;
    m_twoLocks = m_scenario && Scenario::hasPutAndGetLocks(m_scenario->kind());
    if (!m_recording && m_scenario) {
        // The idle picture: the rows the session will have, still empty.
        m_idleRoles = Session::plannedRoles(*m_scenario);
        for (qsizetype i = 0; i < m_idleRoles.size(); ++i) {
            Row row;
            row.id = int(i);
            row.role = m_idleRoles[i];
            m_rowOfId.insert(row.id, m_rows.size());
            m_rows.append(std::move(row));
        }
    }
    refresh();
}

void LockTimelineView::refresh()
{
    if (m_recording) {
        readWorkers();
        readEvents();
        readHolder();
        m_now = std::max(m_now, m_recording->lastTime());
    }
    update();
}

void LockTimelineView::readWorkers()
{
    // Summaries: a few bytes per worker, not their ever growing history.
    const QVector<WorkerRecord> workers = m_recording->workerSummaries();
    for (const WorkerRecord& worker : workers) {
        auto found = m_rowOfId.constFind(worker.id);
        if (found == m_rowOfId.cend()) {
            Row fresh;
            fresh.id = worker.id;
            found = m_rowOfId.insert(worker.id, m_rows.size());
            m_rows.append(std::move(fresh));
        }
        Row& row = m_rows[found.value()];
        row.role = worker.role;
        row.pid = worker.pid;
        row.exit = worker.exit;
        row.exitedAt = worker.exitedAt;
        row.launchedAt = worker.launchedAt;

        // Only the intervals not taken yet; the last one may still be open
        // (end < 0) and is fetched again next time until it closes.
        qsizetype next = 0;
        const QVector<StateInterval> fresh =
            m_recording->intervalsFrom(worker.id, row.closedIntervals, &next);
        row.hasOpen = false;
        for (const StateInterval& interval : fresh) {
            const Category category = categoryOf(interval.state);
            if (interval.state == ipc::WorkerState::HoldingLock ||
                interval.state == ipc::WorkerState::WaitingLock)
                m_lockSeen = true;
            if (interval.end < 0) {
                row.open = interval;
                row.hasOpen = true;
                continue;
            }
            switch (category) {
            case Category::Hold:
                row.hold.add(interval.start, interval.end, interval.state);
                break;
            case Category::Wait:
                row.wait.add(interval.start, interval.end, interval.state);
                break;
            case Category::Blocked:
                row.blocked.add(interval.start, interval.end, interval.state);
                break;
            case Category::None:
                break;
            }
        }
        row.closedIntervals = next - (row.hasOpen ? 1 : 0);
    }
}

void LockTimelineView::readEvents()
{
    // Lock 0 is "the" lock of every scenario that has one, except a queue,
    // which has two; the deadlock's second lock is the wait-for graph's
    // business. The Recording counts every acquisition, also past the
    // events it keeps.
    m_lock = m_recording->lockContention(0);
    if (m_twoLocks) {
        m_putGet = {m_lock, m_recording->lockContention(1)};
        m_lock = together(m_putGet[0], m_putGet[1]);
    }
    m_permit = m_recording->permitContention();
    m_lockSeen = m_lockSeen || m_lock.acquisitions > 0;
}

void LockTimelineView::readHolder()
{
    // Only the newest sample matters: the holder right now.
    const qsizetype count = m_recording->sampleCount();
    if (count == 0)
        return;
    const QVector<Sample> last = m_recording->samplesFrom(count - 1);
    if (last.isEmpty())
        return;
    m_holder = last.last().lockHolder;
    m_secondHolder = last.last().secondLockHolder;
    m_semaphoreInside = last.last().semaphoreInside;
    if (m_holder >= 0)
        m_lockSeen = true;
}

// --------------------------------------------------------------------------
// figures and state

const LockTimelineView::Row* LockTimelineView::rowOf(int id) const
{
    const auto found = m_rowOfId.constFind(id);
    return found == m_rowOfId.cend() ? nullptr : &m_rows[found.value()];
}

bool LockTimelineView::isDead(const Row& row) const
{
    // Killed or crashed: it never released what it held. A worker that
    // exited normally left its critical section first.
    return row.exit == QLatin1String("killed") || row.exit == QLatin1String("error");
}

bool LockTimelineView::isDeadHolder(int id) const
{
    const Row* holder = id >= 0 ? rowOf(id) : nullptr;
    return holder && isDead(*holder);
}

bool LockTimelineView::holderIsDead() const
{
    return isDeadHolder(m_holder) || (m_twoLocks && isDeadHolder(m_secondHolder));
}

int LockTimelineView::lockTakenBy(ipc::Role role) const
{
    return m_scenario ? Session::guardLockTakenBy(m_scenario->kind(), role) : 0;
}

QList<int> LockTimelineView::stuckWorkers() const
{
    QList<int> stuck;
    if (!holderIsDead())
        return stuck;
    // Only those waiting for the lock the dead took: with a queue's put
    // lock gone, consumers still get.
    for (const Row& row : m_rows)
        if (row.exit.isEmpty() && row.hasOpen && row.open.state == ipc::WorkerState::WaitingLock &&
            isDeadHolder(lockTakenBy(row.role) == 1 ? m_secondHolder : m_holder))
            stuck.append(row.id);
    return stuck;
}

double LockTimelineView::meanWaitMs() const
{
    return m_lock.acquisitions ? m_lock.totalWaitNs / double(m_lock.acquisitions) / 1e6 : 0.0;
}

bool LockTimelineView::scenarioHasLock() const
{
    return m_lockSeen || (m_scenario && Scenario::usesGuardLock(m_scenario->kind()));
}

bool LockTimelineView::lockSwitchedOff() const
{
    return m_scenario && Scenario::findSpec(m_scenario->kind(), QStringLiteral("lock")) &&
           m_scenario->value(QStringLiteral("lock")) == 0;
}

bool LockTimelineView::showsPermits() const
{
    return m_permit.acquisitions > 0 ||
           (m_scenario && m_scenario->kind() == ScenarioKind::Semaphore);
}

// --------------------------------------------------------------------------
// the time axis

QPair<double, double> LockTimelineView::visibleTimeRange() const
{
    if (m_following) {
        const double end = std::max(m_now, m_followSpan);
        return {end - m_followSpan, end};
    }
    return {m_viewStart, m_viewEnd};
}

void LockTimelineView::setRange(double start, double end)
{
    if (end - start < kMinSpanSeconds) {
        const double middle = (start + end) / 2;
        start = middle - kMinSpanSeconds / 2;
        end = middle + kMinSpanSeconds / 2;
    }
    m_viewStart = start;
    m_viewEnd = end;
    update();
}

void LockTimelineView::setVisibleTimeRange(double start, double end)
{
    if (std::exchange(m_following, false))
        emit userStoppedFollowing();
    setRange(std::min(start, end), std::max(start, end));
}

void LockTimelineView::setFollowing(bool following)
{
    if (m_following && !following) {
        // Freeze what was on screen: the user zooms and pans from there.
        const auto [start, end] = visibleTimeRange();
        m_viewStart = start;
        m_viewEnd = end;
    }
    LiveView::setFollowing(following);
    update();
}

void LockTimelineView::showAll()
{
    if (std::exchange(m_following, false))
        emit userStoppedFollowing();
    const double end = std::max(m_now, kMinSpanSeconds);
    setRange(0, end * 1.01);
}

double LockTimelineView::timeAt(double x, const Geometry& g) const
{
    const auto [t0, t1] = visibleTimeRange();
    return t0 + (x - g.plot.left()) / std::max(1.0, g.plot.width()) * (t1 - t0);
}

void LockTimelineView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(0.8, steps); // wheel forward: zoom in
    if (m_following) {
        // Following keeps "the newest seconds"; the wheel says how many.
        m_followSpan = std::clamp(m_followSpan * factor, 0.5, 600.0);
        update();
        event->accept();
        return;
    }
    const Geometry g = geometry();
    const auto [t0, t1] = visibleTimeRange();
    const double span = t1 - t0;
    const double newSpan =
        std::clamp(span * factor, kMinSpanSeconds, std::max(m_now, kFollowSeconds) * 4);
    const double x = std::clamp(event->position().x(), g.plot.left(), g.plot.right());
    const double anchor = timeAt(x, g); // stays under the cursor
    const double start = anchor - (anchor - t0) * newSpan / span;
    setRange(start, start + newSpan);
    event->accept();
}

void LockTimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !m_following) {
        m_dragging = true;
        m_dragOrigin = event->position().toPoint();
        m_dragRange = visibleTimeRange();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    LiveView::mousePressEvent(event);
}

void LockTimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging) {
        LiveView::mouseMoveEvent(event);
        return;
    }
    const Geometry g = geometry();
    const double span = m_dragRange.second - m_dragRange.first;
    const double shift =
        (event->position().x() - m_dragOrigin.x()) / std::max(1.0, g.plot.width()) * span;
    setRange(m_dragRange.first - shift, m_dragRange.second - shift);
    event->accept();
}

void LockTimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        unsetCursor();
        event->accept();
        return;
    }
    LiveView::mouseReleaseEvent(event);
}

void LockTimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !m_following) {
        showAll();
        event->accept();
        return;
    }
    LiveView::mouseDoubleClickEvent(event);
}

void LockTimelineView::changeEvent(QEvent* event)
{
    // Every text is made while painting: a repaint is the whole retranslation.
    switch (event->type()) {
    case QEvent::LanguageChange:
    case QEvent::FontChange:
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        setToolTip(tr("Wheel: zoom the time axis · drag: pan · double-click: show all\n"
                      "(while following, the wheel changes how many seconds are shown)"));
        update();
        break;
    default:
        break;
    }
    LiveView::changeEvent(event);
}

// --------------------------------------------------------------------------
// painting

QString LockTimelineView::rowLabel(const Row& row) const
{
    return tr("W%1 · %2").arg(row.id).arg(roleLabel(row.role));
}

int LockTimelineView::labelWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    // "W99 · role" for each role present: ids differ only in digits.
    int widest = 0;
    QList<ipc::Role> measured;
    for (const Row& row : m_rows) {
        if (measured.contains(row.role))
            continue;
        measured.append(row.role);
        widest = std::max(
            widest, metrics.horizontalAdvance(tr("W%1 · %2").arg(99).arg(roleLabel(row.role))));
    }
    return std::min(widest + kMarkerWidth + 10, std::max(80, width() * 2 / 5));
}

LockTimelineView::Geometry LockTimelineView::geometry() const
{
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    Geometry g;
    g.header = QRectF(6, 4, width() - 12, 2 * line + 6);
    const double axisHeight = line + 8;
    const double top = g.header.bottom() + 4;
    const double bottom = height() - axisHeight;
    const double left = 6 + labelWidth();
    g.labels = QRectF(6, top, left - 6, std::max(0.0, bottom - top));
    g.plot = QRectF(left, top, std::max(10.0, width() - 10 - left), std::max(0.0, bottom - top));
    g.axis = QRectF(left, bottom, g.plot.width(), axisHeight);
    const int rows = std::max(1, rowCount());
    g.rowHeight = std::clamp(g.plot.height() / rows, kMinRowHeight, kMaxRowHeight);
    return g;
}

void LockTimelineView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setFont(font());
    const Geometry g = geometry();
    paintHeader(painter, g);
    const auto [t0, t1] = visibleTimeRange();
    paintRows(painter, g);
    paintAxis(painter, g, t0, t1);
}

void LockTimelineView::paintHeader(QPainter& painter, const Geometry& g)
{
    const QPalette& pal = palette();
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    QRectF first(g.header.left(), g.header.top(), g.header.width(), line);
    const QRectF second = first.translated(0, line + 2);

    QFont bold = font();
    bold.setBold(true);
    QColor statusColor;
    const QString statusLine = status(&statusColor);
    const bool lock = scenarioHasLock();

    // The legend, right-aligned on the first line, when there is room.
    // In the colours the bars use: a semaphore's permits are not the lock's.
    const bool permits = !lock && showsPermits();
    const QColor holdColor =
        stateColor(permits ? ipc::WorkerState::HoldingPermit : ipc::WorkerState::HoldingLock);
    const QColor waitColor =
        stateColor(permits ? ipc::WorkerState::WaitingPermit : ipc::WorkerState::WaitingLock);
    const QString holds = tr("holds");
    const QString waits = tr("waits");
    const QString blocked = tr("blocked");
    const double swatch = std::max(8.0, line * 0.7);
    const double legendWidth = 3 * (swatch + 4 + 10) + metrics.horizontalAdvance(holds) +
                               metrics.horizontalAdvance(waits) +
                               metrics.horizontalAdvance(blocked);
    const bool legend =
        g.header.width() - legendWidth > QFontMetricsF(bold).horizontalAdvance(statusLine) + 12;
    if (legend) {
        double x = first.right() - legendWidth;
        const double y = first.center().y() - swatch / 2;
        auto item = [&](const QString& text, auto drawSwatch) {
            const QRectF box(x, y, swatch, swatch);
            drawSwatch(box);
            x += swatch + 4;
            painter.setPen(pal.color(QPalette::Text));
            painter.drawText(QRectF(x, first.top(), metrics.horizontalAdvance(text) + 2, line),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            x += metrics.horizontalAdvance(text) + 10;
        };
        item(holds, [&](const QRectF& box) { painter.fillRect(box, holdColor); });
        item(waits, [&](const QRectF& box) {
            painter.fillRect(box, withAlpha(waitColor, 50));
            painter.fillRect(box, QBrush(waitColor, Qt::BDiagPattern));
            painter.setPen(waitColor);
            painter.drawRect(box.adjusted(0, 0, -1, -1));
        });
        item(blocked, [&](const QRectF& box) {
            painter.fillRect(QRectF(box.left(), box.center().y() - box.height() * 0.18, box.width(),
                                    box.height() * 0.36),
                             stateColor(ipc::WorkerState::BlockedPut));
        });
        first.setRight(first.right() - legendWidth);
    }
    painter.setFont(bold);
    painter.setPen(statusColor);
    painter.drawText(first, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(bold).elidedText(statusLine, Qt::ElideRight, first.width()));
    painter.setFont(font());

    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(second, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(figuresText(), Qt::ElideRight, second.width()));
}

QString LockTimelineView::status(QColor* color) const
{
    const QPalette& pal = palette();
    const QColor red(0xd3, 0x2f, 0x2f);
    QColor statusColor = pal.color(QPalette::Text);
    QString text;
    const bool lock = scenarioHasLock();
    const int stuck = int(stuckWorkers().size());
    auto stuckSuffix = [stuck] {
        return stuck > 0 ? QStringLiteral(" — ") +
                               tr("%n process(es) stuck waiting forever", nullptr, stuck)
                         : QString();
    };
    if (!m_recording) {
        text = tr("Not started: press Start to launch the processes");
        statusColor = pal.color(QPalette::PlaceholderText);
    } else if (m_twoLocks && (holderIsDead() || !lockSwitchedOff())) {
        // A queue: both locks, each with its own holder (a producer and a
        // consumer may hold theirs at the same time). The roles go without
        // saying: only producers take the put lock, only consumers the get lock.
        const bool putDead = isDeadHolder(m_holder);
        const bool getDead = isDeadHolder(m_secondHolder);
        const QString put = putDead         ? tr("Put lock held by dead W%1").arg(m_holder)
                            : m_holder >= 0 ? tr("Put lock held by W%1").arg(m_holder)
                                            : tr("Put lock free");
        const QString get = getDead ? tr("get lock held by dead W%1").arg(m_secondHolder)
                            : m_secondHolder >= 0 ? tr("get lock held by W%1").arg(m_secondHolder)
                                                  : tr("get lock free");
        text = put + QStringLiteral(" · ") + get;
        if (putDead || getDead) {
            text += stuckSuffix();
            statusColor = red;
        }
    } else if (holderIsDead()) {
        text = tr("Lock held by dead W%1").arg(m_holder) + stuckSuffix();
        statusColor = red;
    } else if (lock && lockSwitchedOff()) {
        text = m_twoLocks
                   ? tr("Lock off: puts and gets skip their locks, nobody holds or waits for them")
                   : tr("Lock off: the processes skip it, nobody holds it or waits for it");
        statusColor = QColor(0xef, 0x6c, 0x00);
    } else if (m_holder >= 0) {
        const Row* holder = rowOf(m_holder);
        text = tr("Lock held by W%1 · %2")
                   .arg(m_holder)
                   .arg(roleLabel(holder ? holder->role : ipc::Role::None));
    } else if (lock) {
        text = tr("Lock free");
    } else if (showsPermits()) {
        text = tr("Semaphore: %n process(es) inside", nullptr, m_semaphoreInside);
    } else {
        text = tr("No lock in this scenario: the rows show when each process is blocked");
        statusColor = pal.color(QPalette::PlaceholderText);
    }
    if (color)
        *color = statusColor;
    return text;
}

QString LockTimelineView::figuresText() const
{
    const QLocale locale;
    if (scenarioHasLock() && m_twoLocks) {
        // Together, so that the line stays short; the split of the
        // acquisitions shows both ends are busy.
        return tr("Acquisitions %1 (put %2, get %3) · mean wait %4 · max wait %5")
            .arg(locale.toString(qulonglong(m_lock.acquisitions)),
                 locale.toString(qulonglong(m_putGet[0].acquisitions)),
                 locale.toString(qulonglong(m_putGet[1].acquisitions)), formatWaitMs(meanWaitMs()),
                 formatWaitMs(maxWaitMs()));
    }
    if (scenarioHasLock()) {
        return tr("Acquisitions %1 · mean wait %2 · max wait %3")
            .arg(locale.toString(qulonglong(m_lock.acquisitions)), formatWaitMs(meanWaitMs()),
                 formatWaitMs(maxWaitMs()));
    }
    if (showsPermits()) {
        const double mean =
            m_permit.acquisitions ? m_permit.totalWaitNs / double(m_permit.acquisitions) / 1e6 : 0;
        return tr("Entries %1 · mean wait for a permit %2 · max wait %3")
            .arg(locale.toString(qulonglong(m_permit.acquisitions)), formatWaitMs(mean),
                 formatWaitMs(double(m_permit.maxWaitNs) / 1e6));
    }
    return {};
}

void LockTimelineView::paintTrack(QPainter& painter, const Track& track, Category category,
                                  double y, double height, const Geometry& g, double t0, double t1)
{
    const double secondsPerPixel = (t1 - t0) / std::max(1.0, g.plot.width());
    // The coarsest level whose merging stays below a pixel: a few spans per
    // pixel at most, whatever the zoom.
    int level = 0;
    while (level + 1 < kLevels && Track::gapOf(level + 1) <= secondsPerPixel)
        ++level;
    level = track.finestCovering(level, t0);
    const QVector<Span>& spans = track.level(level);
    // Spans are sorted and do not overlap: their ends are sorted too.
    auto it = std::lower_bound(spans.cbegin(), spans.cend(), t0,
                               [](const Span& span, double t) { return span.end < t; });
    const double scale = g.plot.width() / (t1 - t0);
    auto xOf = [&](double t) { return g.plot.left() + (std::clamp(t, t0, t1) - t0) * scale; };

    // Neighbouring spans that meet within a pixel are drawn as one rectangle,
    // its opacity saying how much of it the state really covered. On screen
    // the rectangles of a track go into one PixelStrip (one blit per track
    // instead of a fill call per span, see PixelStrip.h); the wait hatching,
    // a pattern, is drawn over its runs afterwards.
    const bool strip = PixelStrip::suits(painter);
    if (strip)
        m_strip.reset(int(std::floor(g.plot.left())), int(std::ceil(g.plot.width())) + 2);
    auto fillBox = [&](const QRectF& box, const QColor& color) {
        if (strip)
            m_strip.fill(box.left(), box.right(), color);
        else
            painter.fillRect(box, color);
    };
    QVarLengthArray<QPair<QRectF, QColor>, 16> hatched;
    bool open = false;
    double runX0 = 0, runX1 = 0, runStart = 0, runEnd = 0, runCovered = 0;
    ipc::WorkerState runState = ipc::WorkerState::Starting;
    auto flush = [&] {
        if (!open)
            return;
        open = false;
        const QColor color = stateColor(runState);
        const QRectF box(runX0, y, std::max(1.0, runX1 - runX0), height);
        // Against the time the rectangle stands for, at least one pixel: a
        // 2 µs hold drawn a pixel wide (18 ms) must look faint, not solid.
        const double shown = std::max(runEnd - runStart, box.width() * secondsPerPixel);
        const double density = std::clamp(runCovered / shown, 0.0, 1.0);
        switch (category) {
        case Category::Hold:
            fillBox(box, withAlpha(color, int(255 * (0.2 + 0.8 * density))));
            break;
        case Category::Wait:
            fillBox(box, withAlpha(color, int(40 + 50 * density)));
            if (box.width() >= 3)
                hatched.append({box, color});
            else
                fillBox(box, withAlpha(color, 200));
            break;
        case Category::Blocked:
        case Category::None:
            fillBox(box, withAlpha(color, int(255 * (0.25 + 0.75 * density))));
            break;
        }
    };
    for (; it != spans.cend() && it->start <= t1; ++it) {
        const double x0 = xOf(it->start);
        const double x1 = xOf(it->end);
        if (open && (x0 > runX1 + 1.0 || it->state != runState))
            flush();
        if (!open) {
            open = true;
            runX0 = x0;
            runStart = it->start;
            runCovered = 0;
            runState = it->state;
        }
        runX1 = std::max(runX1, x1);
        runEnd = it->end;
        runCovered += it->covered;
        if (runX1 < runX0)
            runX1 = runX0;
    }
    flush();
    if (strip)
        m_strip.draw(painter, y, height);
    for (const auto& [box, color] : hatched)
        painter.fillRect(box, QBrush(color, Qt::BDiagPattern));
}

void LockTimelineView::paintRows(QPainter& painter, const Geometry& g)
{
    const QPalette& pal = palette();
    const auto [t0, t1] = visibleTimeRange();
    const double scale = g.plot.width() / (t1 - t0);
    auto xOf = [&](double t) { return g.plot.left() + (std::clamp(t, t0, t1) - t0) * scale; };
    const QColor red(0xd3, 0x2f, 0x2f);
    const double rowH = g.rowHeight;
    const QList<int> stuck = stuckWorkers();

    // Labels get a smaller font when rows are thin, and only every n-th row
    // is labelled when even that does not fit.
    QFont labelFont = font();
    const double lineH = QFontMetricsF(labelFont).height();
    if (lineH > rowH)
        labelFont.setPixelSize(std::max(8, int(rowH) - 1));
    const double labelH = QFontMetricsF(labelFont).height();
    const int labelEvery = std::max(1, int(std::ceil(labelH / rowH)));

    painter.save();
    painter.setClipRect(g.labels.united(g.plot));
    if (m_rows.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(g.plot, Qt::AlignCenter, tr("No processes"));
    }
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        const double y = g.plot.top() + double(i) * rowH;
        if (y > g.plot.bottom())
            break;
        const QRectF band(g.labels.left(), y, g.plot.right() - g.labels.left(), rowH);
        // A queue's producer and consumer may both hold (their own lock).
        const bool holder =
            (row.id == m_holder || (m_twoLocks && row.id == m_secondHolder)) && m_recording;
        const bool dead = isDead(row);
        const bool deadHolder = holder && dead;
        if (i % 2 == 1)
            painter.fillRect(band, pal.color(QPalette::AlternateBase));
        if (holder)
            painter.fillRect(
                band, withAlpha(deadHolder ? red : stateColor(ipc::WorkerState::HoldingLock), 40));

        // The label: bold with a padlock for the holder, struck out in red if dead.
        if (i % labelEvery == 0 || holder) {
            QFont f = labelFont;
            f.setBold(holder);
            f.setStrikeOut(dead);
            painter.setFont(f);
            QColor color = pal.color(QPalette::Text);
            if (dead)
                color = red;
            else if (!row.exit.isEmpty() || !m_recording)
                color = pal.color(QPalette::PlaceholderText);
            painter.setPen(color);
            // Centred on its row, but kept inside the plot's height.
            const double labelTop = std::clamp(y + (rowH - labelH) / 2, g.plot.top(),
                                               std::max(g.plot.top(), g.plot.bottom() - labelH));
            const QRectF labelBox(g.labels.left() + kMarkerWidth, labelTop,
                                  g.labels.width() - kMarkerWidth - 4, labelH);
            painter.drawText(
                labelBox, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(rowLabel(row), Qt::ElideRight, labelBox.width()));
            if (holder) {
                const double size = labelH * 0.8;
                const QRectF marker(g.labels.left() + 1, labelBox.center().y() - size / 2,
                                    size * 0.8, size);
                ProcessDiagramView::drawPadlock(
                    painter, marker, deadHolder ? red : stateColor(ipc::WorkerState::HoldingLock),
                    deadHolder ? ProcessDiagramView::PadlockLook::Broken
                               : ProcessDiagramView::PadlockLook::Closed);
            }
        }
        if (!m_recording)
            continue;

        // Its life line, from launch to exit (or now).
        const double lifeEnd = row.exitedAt >= 0 ? row.exitedAt : m_now;
        const double middle = y + rowH / 2;
        if (lifeEnd >= t0 && row.launchedAt <= t1) {
            painter.setPen(QPen(pal.color(QPalette::Mid), 1));
            painter.drawLine(QPointF(xOf(row.launchedAt), middle), QPointF(xOf(lifeEnd), middle));
        }
        const double barH = std::max(1.0, rowH * 0.76);
        const double barY = y + (rowH - barH) / 2;
        const double stripH = std::max(1.0, rowH * 0.3);
        paintTrack(painter, row.blocked, Category::Blocked, middle - stripH / 2, stripH, g, t0, t1);
        paintTrack(painter, row.wait, Category::Wait, barY, barH, g, t0, t1);
        paintTrack(painter, row.hold, Category::Hold, barY, barH, g, t0, t1);

        // The interval still going on, up to now.
        if (row.hasOpen && row.open.start <= t1 && m_now >= t0) {
            const Category category = categoryOf(row.open.state);
            const QColor color = stateColor(row.open.state);
            const double x0 = xOf(row.open.start);
            const double x1 = std::max(x0 + 1, xOf(m_now));
            switch (category) {
            case Category::Hold:
                painter.fillRect(QRectF(x0, barY, x1 - x0, barH), color);
                break;
            case Category::Wait:
                painter.fillRect(QRectF(x0, barY, x1 - x0, barH), withAlpha(color, 70));
                painter.fillRect(QRectF(x0, barY, x1 - x0, barH), QBrush(color, Qt::BDiagPattern));
                break;
            case Category::Blocked:
                painter.fillRect(QRectF(x0, middle - stripH / 2, x1 - x0, stripH), color);
                break;
            case Category::None:
                break;
            }
        }
        if (stuck.contains(row.id) && rowH >= 6) {
            QFont f = labelFont;
            f.setBold(true);
            painter.setFont(f);
            const QString text = tr("stuck");
            const double w = QFontMetricsF(f).horizontalAdvance(text) + 6;
            const QRectF box(std::min(xOf(m_now), g.plot.right()) - w - 2, y + (rowH - labelH) / 2,
                             w, labelH);
            painter.fillRect(box, pal.color(QPalette::Base));
            painter.setPen(red);
            painter.drawText(box, Qt::AlignCenter, text);
        }
        // Where it died: a red cross on its line.
        if (dead && row.exitedAt >= t0 && row.exitedAt <= t1) {
            const double x = xOf(row.exitedAt);
            const double r = std::max(2.0, std::min(rowH * 0.35, 6.0));
            painter.setPen(QPen(red, 2));
            painter.drawLine(QPointF(x - r, middle - r), QPointF(x + r, middle + r));
            painter.drawLine(QPointF(x - r, middle + r), QPointF(x + r, middle - r));
        }
    }
    painter.restore();

    // Now, as a line the bars grow toward.
    if (m_recording && m_now >= t0 && m_now <= t1) {
        painter.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
        const double x = xOf(m_now);
        painter.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
    }
    if (!m_recording && !m_rows.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(g.plot, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Who holds the lock and who waits for it appears here once the "
                            "processes run."));
    }
}

void LockTimelineView::paintAxis(QPainter& painter, const Geometry& g, double t0, double t1)
{
    const QPalette& pal = palette();
    const QFontMetricsF metrics(font());
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(g.plot.bottomLeft(), g.plot.bottomRight());
    const double span = t1 - t0;
    // A tick every 90 pixels or so.
    const double step = niceStep(span / std::max(1.0, g.plot.width() / 90));
    const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    const double scale = g.plot.width() / span;
    const QLocale locale;
    // The grid lines, translucent and as tall as the plot, go into one strip
    // on screen: as lines, each was a thread-pool round trip (see PixelStrip.h).
    const QColor gridColor = withAlpha(pal.color(QPalette::Mid), 90);
    const bool strip = PixelStrip::suits(painter);
    if (strip)
        m_strip.reset(int(std::floor(g.plot.left())), int(std::ceil(g.plot.width())) + 2);
    for (double t = std::ceil(t0 / step) * step; t <= t1 + step * 1e-6; t += step) {
        const double x = g.plot.left() + (t - t0) * scale;
        if (strip) {
            m_strip.fill(x - 0.5, x + 0.5, gridColor);
        } else {
            painter.setPen(gridColor);
            painter.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
        }
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(QPointF(x, g.plot.bottom()), QPointF(x, g.plot.bottom() + 4));
        // -0.000 s looks like a bug: snap values that are zero within rounding.
        const double shown = std::fabs(t) < step * 1e-6 ? 0.0 : t;
        const QString text = tr("%1 s").arg(locale.toString(shown, 'f', decimals));
        const double w = metrics.horizontalAdvance(text);
        painter.setPen(pal.color(QPalette::Text));
        // The last label may not fit centred under its tick: keep it inside.
        const double left = std::min(x - w / 2 - 1, width() - w - 4);
        painter.drawText(QRectF(left, g.axis.top() + 4, w + 2, metrics.height()), Qt::AlignCenter,
                         text);
    }
    if (strip)
        m_strip.draw(painter, g.plot.top(), g.plot.height());
}

} // namespace ipcscope
