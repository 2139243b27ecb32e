#include "MechanismView.h"

#include "StateStyle.h"

#include <QEvent>
#include <QJsonArray>
#include <QPainter>
#include <QPainterPath>
#include <QSet>
#include <QtMath>

#include <algorithm>

namespace ipcscope {

namespace {

const QColor kInUse(0x00, 0x89, 0x7b);
const QColor kAlarm(0xc6, 0x28, 0x28);
const QColor kIdle(0xbd, 0xbd, 0xbd);

double number(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toDouble();
}

int countInState(const QVector<WorkerRecord>& workers, ipc::WorkerState state)
{
    int n = 0;
    for (const WorkerRecord& worker : workers)
        if (worker.exit.isEmpty() && !worker.intervals.isEmpty() &&
            worker.intervals.last().state == state)
            ++n;
    return n;
}

bool isUnsharedCounter(const Scenario& scenario)
{
    return scenario.kind() == ScenarioKind::Counter &&
           scenario.value(QStringLiteral("shared")) == 0;
}

} // namespace

MechanismView::MechanismView(QWidget* parent) : LiveView(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAutoFillBackground(false);
}

bool MechanismView::hasPicture(ScenarioKind kind)
{
    return kind != ScenarioKind::Queue && kind != ScenarioKind::Counter;
}

void MechanismView::setRecording(const Recording* recording, const Scenario* scenario)
{
    m_recording = recording;
    m_scenario = scenario ? *scenario : Scenario();
    m_nextSample = 0;
    m_gauge.clear();
    m_gaugeMax = 1;
    m_last = Sample{};
    m_haveSample = false;
    m_figures = {};
    m_workers.clear();
    refresh();
}

double MechanismView::gaugeOf(const Sample& sample) const
{
    switch (m_scenario.kind()) {
    case ScenarioKind::Semaphore:
        return sample.semaphoreInside;
    case ScenarioKind::Barrier:
        return sample.barrierArrived;
    case ScenarioKind::Event:
        return sample.eventWaiting;
    case ScenarioKind::Pipe:
    case ScenarioKind::Socket:
    case ScenarioKind::Manager:
        return sample.messagesInFlight;
    case ScenarioKind::Condition:
    case ScenarioKind::JoinableQueue:
    case ScenarioKind::Queue:
        return sample.queueDepth;
    case ScenarioKind::Array:
        return double(sample.counterExpected - sample.counterActual);
    case ScenarioKind::Counter:
        return double(sample.counterExpected);
    case ScenarioKind::Deadlock:
    case ScenarioKind::AbandonedLock:
        return double(sample.counterActual);
    }
    return 0;
}

QString MechanismView::gaugeName() const
{
    switch (m_scenario.kind()) {
    case ScenarioKind::Semaphore:
        return tr("processes inside");
    case ScenarioKind::Barrier:
        return tr("arrived at the barrier");
    case ScenarioKind::Event:
        return tr("processes waiting for the event");
    case ScenarioKind::Pipe:
    case ScenarioKind::Socket:
    case ScenarioKind::Manager:
        return tr("messages in flight");
    case ScenarioKind::Condition:
        return tr("items in the list");
    case ScenarioKind::JoinableQueue:
    case ScenarioKind::Queue:
        return tr("items in the queue");
    case ScenarioKind::Array:
        return tr("lost writes");
    case ScenarioKind::Counter:
        return tr("increments made (all copies)");
    case ScenarioKind::Deadlock:
        return tr("steps completed");
    case ScenarioKind::AbandonedLock:
        return tr("increments completed");
    }
    return {};
}

void MechanismView::appendGauge(double time, double value)
{
    // Samples come at 1 kHz; keep one point per 5 ms (the last one wins), and
    // halve the resolution of the past when the series grows too long.
    if (!m_gauge.isEmpty() && time - m_gauge.last().x() < 0.005) {
        m_gauge.last().setY(value);
    } else {
        m_gauge.append({time, value});
    }
    m_gaugeMax = std::max(m_gaugeMax, value);
    if (m_gauge.size() > kMaxGaugePoints) {
        QVector<QPointF> halved;
        halved.reserve(m_gauge.size() / 2 + 1);
        for (qsizetype i = 0; i < m_gauge.size(); i += 2)
            halved.append(m_gauge[i]);
        m_gauge = std::move(halved);
    }
}

void MechanismView::refresh()
{
    if (m_recording) {
        const QVector<Sample> samples = m_recording->samplesFrom(m_nextSample, &m_nextSample);
        for (const Sample& sample : samples)
            appendGauge(sample.time, gaugeOf(sample));
        if (!samples.isEmpty()) {
            m_last = samples.last();
            m_haveSample = true;
        }
        m_figures = m_recording->mechanismFigures();
        m_workers = m_recording->workerSummaries();
    }
    update();
}

void MechanismView::showAll()
{
    update();
}

QString MechanismView::title() const
{
    switch (m_scenario.kind()) {
    case ScenarioKind::Semaphore:
        return tr("Semaphore permits");
    case ScenarioKind::Barrier:
        return tr("Barrier arrivals");
    case ScenarioKind::Event:
        return tr("Event flag");
    case ScenarioKind::Pipe:
        return tr("Pipe: messages in flight");
    case ScenarioKind::Socket:
        return tr("Sockets: messages in flight");
    case ScenarioKind::Manager:
        return tr("Manager requests");
    case ScenarioKind::Deadlock:
        return tr("Wait-for graph");
    case ScenarioKind::AbandonedLock:
        return tr("The lock and its holder");
    case ScenarioKind::Array:
        return tr("Shared array");
    case ScenarioKind::Condition:
        return tr("Condition and its list");
    case ScenarioKind::JoinableQueue:
        return tr("Unfinished tasks");
    case ScenarioKind::Counter:
        return isUnsharedCounter(m_scenario) ? tr("Each process's own copy") : tr("Mechanism");
    case ScenarioKind::Queue:
        break;
    }
    return tr("Mechanism");
}

QStringList MechanismView::figureLines() const
{
    const QJsonObject& f = m_figures;
    QStringList lines;
    switch (m_scenario.kind()) {
    case ScenarioKind::Semaphore:
        lines << tr("%1 of %2 permits in use · %3 waiting · most inside at once: %4")
                     .arg(m_last.semaphoreInside)
                     .arg(m_scenario.value(QStringLiteral("permits")))
                     .arg(countInState(m_workers, ipc::WorkerState::WaitingPermit))
                     .arg(number(f, "max_inside"));
        if (number(f, "over_releases_refused") > 0)
            lines << tr("BoundedSemaphore refused a release without acquire (ValueError)");
        if (number(f, "over_releases_accepted") > 0)
            lines << tr(
                "the plain Semaphore accepted a release without acquire: one permit too many");
        break;
    case ScenarioKind::Barrier:
        lines << tr("generation %1 · %2 of %3 arrived · generations completed: %4")
                     .arg(m_last.barrierGeneration)
                     .arg(m_last.barrierArrived)
                     .arg(m_scenario.value(QStringLiteral("parties")))
                     .arg(number(f, "generations"));
        break;
    case ScenarioKind::Event:
        lines << (m_last.eventSet
                      ? tr("the event is set (at %1 s)").arg(number(f, "set_at_s"), 0, 'f', 3)
                      : tr("the event is clear"))
              << tr("%1 waiting · released by set(): %2 · timed out: %3")
                     .arg(m_last.eventWaiting)
                     .arg(number(f, "released_by_set"))
                     .arg(number(f, "timed_out"));
        break;
    case ScenarioKind::Pipe:
    case ScenarioKind::Socket:
    case ScenarioKind::Manager:
        lines << tr("sent %1 · received %2 · in flight %3 · out of order %4 · closes seen %5")
                     .arg(number(f, "sent"))
                     .arg(number(f, "received"))
                     .arg(m_last.messagesInFlight)
                     .arg(number(f, "out_of_order"))
                     .arg(number(f, "closes_seen"));
        if (m_scenario.kind() == ScenarioKind::Manager) {
            const QJsonObject latency = f.value(QStringLiteral("latency_us")).toObject();
            lines << tr("requests %1 · round trip: mean %2 µs, p95 %3 µs · list length %4")
                         .arg(number(f, "requests"))
                         .arg(number(latency, "mean"), 0, 'f', 0)
                         .arg(number(latency, "p95"), 0, 'f', 0)
                         .arg(number(f, "list_length"));
        }
        break;
    case ScenarioKind::Deadlock:
        lines << (f.value(QStringLiteral("cycle")).toArray().isEmpty()
                      ? tr("no cycle: every wait ends")
                      : tr("DEADLOCK: a cycle formed at %1 s, detected at %2 s")
                            .arg(number(f, "formed_at_s"), 0, 'f', 3)
                            .arg(number(f, "detected_at_s"), 0, 'f', 3));
        break;
    case ScenarioKind::AbandonedLock:
        lines << tr("robust mutex: %1 · recoveries: %2")
                     .arg(f.value(QStringLiteral("robust")).toBool() ? tr("on") : tr("off"))
                     .arg(f.value(QStringLiteral("recoveries")).toArray().size());
        break;
    case ScenarioKind::Array:
        lines << tr("lost writes: %1 · exact: %2")
                     .arg(number(f, "lost_writes"))
                     .arg(f.value(QStringLiteral("exact")).toBool() ? tr("yes") : tr("no"));
        break;
    case ScenarioKind::Condition:
        lines << tr("list length %1 · waiting %2 · notifies %3 · wake-ups %4")
                     .arg(m_last.queueDepth)
                     .arg(countInState(m_workers, ipc::WorkerState::WaitingCondition))
                     .arg(number(f, "notifies"))
                     .arg(number(f, "wakeups"))
              << tr("woken to an empty list: %1 · went on without an item: %2")
                     .arg(number(f, "woken_to_empty_list"))
                     .arg(number(f, "proceeded_without_item"));
        break;
    case ScenarioKind::JoinableQueue:
        lines << tr("unfinished tasks %1 · task_done() calls %2 · join() returned: %3")
                     .arg(number(f, "unfinished_tasks"))
                     .arg(number(f, "tasks_done"))
                     .arg(f.value(QStringLiteral("joins_returned_at_s")).toArray().size());
        break;
    case ScenarioKind::Counter:
        if (isUnsharedCounter(m_scenario))
            lines << tr("the parent's counter: %1").arg(number(f, "parent_value"));
        break;
    case ScenarioKind::Queue:
        break;
    }
    return lines;
}

void MechanismView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        update();
    LiveView::changeEvent(event);
}

void MechanismView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().text().color());

    const QFontMetrics metrics(font());
    const int line = metrics.height();
    QRectF area = QRectF(rect()).adjusted(8, 6, -8, -6);
    // Red: a deadlock (its first line) or a refused over-release (the second).
    const bool deadlocked = !m_figures.value(QStringLiteral("cycle")).toArray().isEmpty();
    const bool refused = number(m_figures, "over_releases_refused") > 0;
    int index = 0;
    for (const QString& text : figureLines()) {
        const bool alarm = (deadlocked && index == 0) || (refused && index == 1);
        ++index;
        painter.setPen(alarm ? kAlarm : palette().text().color());
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(text, Qt::ElideRight, int(area.width())));
        area.setTop(area.top() + line + 2);
    }
    const double gaugeHeight = std::clamp(area.height() * 0.3, 40.0, 110.0);
    const QRectF picture(area.left(), area.top() + 4, area.width(),
                         area.height() - gaugeHeight - 8);
    const QRectF gauge(area.left(), picture.bottom() + 4, area.width(), gaugeHeight);

    switch (m_scenario.kind()) {
    case ScenarioKind::Semaphore:
        drawSemaphore(painter, picture);
        break;
    case ScenarioKind::Barrier:
        drawBarrier(painter, picture);
        break;
    case ScenarioKind::Event:
        drawEvent(painter, picture);
        break;
    case ScenarioKind::Pipe:
    case ScenarioKind::Socket:
    case ScenarioKind::Manager:
    case ScenarioKind::Condition:
    case ScenarioKind::JoinableQueue:
        drawMessages(painter, picture);
        break;
    case ScenarioKind::Deadlock:
        drawWaitForGraph(painter, picture);
        break;
    case ScenarioKind::AbandonedLock:
        drawLockState(painter, picture);
        break;
    case ScenarioKind::Array: {
        QList<double> expected, actual;
        for (const QJsonValue v : m_figures.value(QStringLiteral("expected")).toArray())
            expected << v.toDouble();
        for (const QJsonValue v : m_figures.value(QStringLiteral("actual")).toArray())
            actual << v.toDouble();
        drawBars(painter, picture, expected, actual, tr("element"));
        break;
    }
    case ScenarioKind::Counter: {
        QList<double> own;
        for (const QJsonValue v : m_figures.value(QStringLiteral("own_values")).toArray())
            own << v.toDouble();
        drawBars(painter, picture, own, own, tr("process"));
        break;
    }
    case ScenarioKind::Queue:
        break;
    }
    drawGauge(painter, gauge);
}

// k tokens; filled = a process holds that permit.
void MechanismView::drawSemaphore(QPainter& painter, const QRectF& area) const
{
    const int permits = int(m_scenario.value(QStringLiteral("permits")));
    const int inUse = m_last.semaphoreInside;
    const int shown = std::max(permits, inUse);
    const double size = std::min(area.height() * 0.6, area.width() / (shown * 1.5 + 1));
    double x = area.center().x() - shown * size * 0.75 + size * 0.25;
    for (int i = 0; i < shown; ++i, x += size * 1.5) {
        const QRectF token(x, area.center().y() - size / 2, size, size);
        const bool over = i >= permits; // more inside than permits: an over-release let one in
        painter.setPen(QPen(over ? kAlarm : kInUse, 2));
        painter.setBrush(i < inUse ? (over ? kAlarm : kInUse) : palette().base().color());
        painter.drawEllipse(token);
    }
    painter.setPen(palette().text().color());
    painter.drawText(QRectF(area.left(), area.bottom() - painter.fontMetrics().height(),
                            area.width(), painter.fontMetrics().height()),
                     Qt::AlignCenter, tr("a filled token is a permit held by a process"));
}

void MechanismView::drawBarrier(QPainter& painter, const QRectF& area) const
{
    const int parties = int(m_scenario.value(QStringLiteral("parties")));
    const int arrived = m_last.barrierArrived;
    const double size = std::min(area.height() * 0.5, area.width() / (parties * 1.4 + 2));
    const double wall = area.center().x() + parties * size * 0.7 + size * 0.4;
    double x = wall - size * 0.5 - parties * size * 1.4;
    for (int i = 0; i < parties; ++i, x += size * 1.4) {
        painter.setPen(QPen(stateColor(ipc::WorkerState::WaitingBarrier), 2));
        painter.setBrush(i < arrived ? stateColor(ipc::WorkerState::WaitingBarrier)
                                     : palette().base().color());
        painter.drawEllipse(QRectF(x, area.center().y() - size / 2, size, size));
    }
    painter.setPen(QPen(palette().text().color(), 4));
    painter.drawLine(QPointF(wall, area.top() + 4), QPointF(wall, area.bottom() - 4));
}

void MechanismView::drawEvent(QPainter& painter, const QRectF& area) const
{
    const double size = std::min(area.height(), area.width()) * 0.6;
    const QRectF lamp(area.center().x() - size / 2, area.center().y() - size / 2, size, size);
    const bool set = m_last.eventSet != 0;
    painter.setPen(QPen(palette().text().color(), 2));
    painter.setBrush(set ? QColor(0x43, 0xa0, 0x47) : kIdle);
    painter.drawEllipse(lamp);
    painter.setPen(set ? Qt::white : palette().text().color());
    painter.drawText(lamp, Qt::AlignCenter, set ? tr("set") : tr("clear"));
}

// Senders on the left, receivers on the right, the channel between them
// filled in proportion to what is in flight (or in the list / queue).
void MechanismView::drawMessages(QPainter& painter, const QRectF& area) const
{
    const bool isList = m_scenario.kind() == ScenarioKind::Condition ||
                        m_scenario.kind() == ScenarioKind::JoinableQueue;
    const double amount = isList ? m_last.queueDepth : m_last.messagesInFlight;
    const QRectF channel(area.left() + area.width() * 0.25,
                         area.center().y() - area.height() * 0.15, area.width() * 0.5,
                         area.height() * 0.3);
    painter.setPen(QPen(palette().text().color(), 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(channel, 6, 6);
    const double fill = std::min(1.0, amount / std::max(1.0, m_gaugeMax));
    painter.setBrush(stateColor(ipc::WorkerState::WaitingMessage));
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(
        QRectF(channel.left(), channel.top(), channel.width() * fill, channel.height()), 6, 6);
    painter.setPen(palette().text().color());
    painter.drawText(channel, Qt::AlignCenter, QString::number(amount));
    // the processes, coloured by what they do now
    QVector<const WorkerRecord*> left, right;
    for (const WorkerRecord& worker : m_workers) {
        const bool sender =
            worker.role == ipc::Role::SocketClient || worker.role == ipc::Role::ManagerClient ||
            worker.role == ipc::Role::ListProducer || worker.role == ipc::Role::Producer ||
            (worker.role == ipc::Role::PipeEnd && worker.id == 0);
        (sender ? left : right).append(&worker);
    }
    auto column = [&](const QVector<const WorkerRecord*>& workers, double x) {
        const double h = std::min(28.0, area.height() / std::max<qsizetype>(1, workers.size()) - 4);
        double y = area.center().y() - workers.size() * (h + 4) / 2;
        for (const WorkerRecord* worker : workers) {
            const auto state = worker->intervals.isEmpty() ? ipc::WorkerState::Starting
                                                           : worker->intervals.last().state;
            const QRectF box(x, y, area.width() * 0.2, h);
            painter.setPen(QPen(palette().text().color(), 1));
            painter.setBrush(stateColor(state));
            painter.drawRoundedRect(box, 4, 4);
            painter.setPen(Qt::white);
            painter.drawText(box, Qt::AlignCenter, QStringLiteral("W%1").arg(worker->id));
            if (worker->exit == QLatin1String("killed")) {
                painter.setPen(QPen(kAlarm, 2.5));
                painter.drawLine(box.topLeft(), box.bottomRight());
                painter.drawLine(box.bottomLeft(), box.topRight());
            }
            y += h + 4;
        }
    };
    column(left, area.left());
    column(right, area.right() - area.width() * 0.2);
}

void MechanismView::drawWaitForGraph(QPainter& painter, const QRectF& area) const
{
    QList<int> nodes;
    for (const WorkerRecord& worker : m_workers)
        nodes << worker.id;
    if (nodes.isEmpty())
        return;
    // On an ellipse that fills the area, starting at the left: two workers
    // face each other side by side, their arrows one above the other.
    QHash<int, QPointF> at;
    const double rx = area.width() * 0.32, ry = area.height() * 0.36;
    const double radius = std::min(rx, ry);
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const double angle = M_PI + 2 * M_PI * double(i) / double(nodes.size());
        at[nodes[i]] = area.center() + QPointF(rx * std::cos(angle), ry * std::sin(angle));
    }
    QSet<QPair<int, int>> inCycle;
    for (const QJsonValue v : m_figures.value(QStringLiteral("cycle")).toArray())
        inCycle.insert({v[QLatin1String("worker")].toInt(), v[QLatin1String("held_by")].toInt()});
    const double node = std::clamp(radius * 0.6, 24.0, 40.0);
    for (const QJsonValue v : m_figures.value(QStringLiteral("waits")).toArray()) {
        const int from = v[QLatin1String("worker")].toInt(),
                  to = v[QLatin1String("held_by")].toInt();
        if (!at.contains(from) || !at.contains(to))
            continue;
        const bool cycle = inCycle.contains({from, to});
        QLineF line(at[from], at[to]);
        // Two workers waiting for each other: draw the two arrows side by side.
        const QLineF normal = line.normalVector().unitVector();
        const QPointF offset = (normal.p2() - normal.p1()) * 9.0;
        line.translate(offset);
        QLineF shaft(line);
        shaft.setP1(line.pointAt(std::min(0.5, (node / 2 + 2) / std::max(1.0, line.length()))));
        shaft.setP2(line.pointAt(std::max(0.5, 1 - (node / 2 + 2) / std::max(1.0, line.length()))));
        painter.setPen(QPen(cycle ? kAlarm : palette().text().color(), cycle ? 3 : 1.5));
        painter.drawLine(shaft);
        // arrow head at the holder
        const QPointF tip = shaft.p2();
        const double angle = std::atan2(-shaft.dy(), shaft.dx());
        QPainterPath head;
        head.moveTo(tip);
        head.lineTo(tip - QPointF(std::cos(angle - 0.4) * 10, -std::sin(angle - 0.4) * 10));
        head.lineTo(tip - QPointF(std::cos(angle + 0.4) * 10, -std::sin(angle + 0.4) * 10));
        head.closeSubpath();
        painter.fillPath(head, cycle ? kAlarm : palette().text().color());
        painter.setPen(cycle ? kAlarm : palette().text().color());
        painter.drawText(
            QRectF(line.pointAt(0.35) + offset * 2.5 - QPointF(60, 10), QSizeF(120, 20)),
            Qt::AlignCenter,
            tr("W%1 waits for lock %2").arg(from).arg(v[QLatin1String("waits_for_lock")].toInt()));
    }
    for (const WorkerRecord& worker : m_workers) {
        const auto state =
            worker.intervals.isEmpty() ? ipc::WorkerState::Starting : worker.intervals.last().state;
        const QRectF box(at[worker.id] - QPointF(node / 2, node / 2), QSizeF(node, node));
        painter.setPen(QPen(palette().text().color(), 1));
        painter.setBrush(stateColor(state));
        painter.drawEllipse(box);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, QStringLiteral("W%1").arg(worker.id));
    }
}

void MechanismView::drawBars(QPainter& painter, const QRectF& area, const QList<double>& expected,
                             const QList<double>& actual, const QString& caption) const
{
    const qsizetype n = std::max(expected.size(), actual.size());
    if (n == 0)
        return;
    double top = 1;
    for (double v : expected)
        top = std::max(top, v);
    for (double v : actual)
        top = std::max(top, v);
    const double label = painter.fontMetrics().height();
    const QRectF plot = area.adjusted(0, 0, 0, -label);
    const double width = plot.width() / double(n);
    for (qsizetype i = 0; i < n; ++i) {
        const double e = i < expected.size() ? expected[i] : 0,
                     a = i < actual.size() ? actual[i] : 0;
        const QRectF slot(plot.left() + width * double(i) + 1, plot.top(), width - 2,
                          plot.height());
        const double eh = slot.height() * e / top, ah = slot.height() * a / top;
        painter.setPen(Qt::NoPen);
        painter.setBrush(a < e ? kAlarm : kInUse);
        painter.drawRect(QRectF(slot.left(), slot.bottom() - ah, slot.width(), ah));
        painter.setPen(QPen(palette().text().color(), 1, Qt::DashLine));
        painter.drawLine(QPointF(slot.left(), slot.bottom() - eh),
                         QPointF(slot.right(), slot.bottom() - eh));
        if (width > painter.fontMetrics().horizontalAdvance(QStringLiteral("00")))
            painter.drawText(QRectF(slot.left(), plot.bottom(), slot.width(), label),
                             Qt::AlignCenter, QString::number(i));
    }
    painter.setPen(palette().text().color());
    painter.drawText(QRectF(area.left(), area.top(), area.width(), label), Qt::AlignRight,
                     tr("bars: actual per %1 · dashes: expected").arg(caption));
}

void MechanismView::drawLockState(QPainter& painter, const QRectF& area) const
{
    const int holder = m_last.lockHolder;
    bool dead = false;
    for (const WorkerRecord& worker : m_workers)
        dead = dead || (worker.id == holder && worker.exit == QLatin1String("killed"));
    const double size = std::min(area.height(), area.width()) * 0.5;
    const QRectF body(area.center().x() - size / 2, area.center().y() - size * 0.2, size,
                      size * 0.6);
    painter.setPen(QPen(dead ? kAlarm : palette().text().color(), 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawArc(
        QRectF(body.left() + size * 0.2, body.top() - size * 0.35, size * 0.6, size * 0.7), 0,
        180 * 16);
    painter.setBrush(dead ? kAlarm
                          : (holder >= 0 ? stateColor(ipc::WorkerState::HoldingLock) : kIdle));
    painter.drawRoundedRect(body, 6, 6);
    painter.setPen(Qt::white);
    painter.drawText(body, Qt::AlignCenter,
                     holder < 0 ? tr("free")
                     : dead     ? tr("held by dead W%1").arg(holder)
                                : tr("W%1").arg(holder));
}

void MechanismView::drawGauge(QPainter& painter, const QRectF& area) const
{
    painter.setPen(QPen(palette().mid().color(), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    painter.setPen(palette().text().color());
    painter.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop,
                     tr("%1 (max %2)").arg(gaugeName()).arg(m_gaugeMax));
    if (m_gauge.size() < 2)
        return;
    const double end = m_gauge.last().x();
    const double begin =
        following() ? std::max(m_gauge.first().x(), end - kFollowSeconds) : m_gauge.first().x();
    const double span = std::max(1e-3, end - begin);
    const auto first = std::lower_bound(m_gauge.begin(), m_gauge.end(), begin,
                                        [](const QPointF& p, double t) { return p.x() < t; });
    QPolygonF line;
    const QRectF plot = area.adjusted(2, painter.fontMetrics().height() + 2, -2, -2);
    for (auto it = first; it != m_gauge.end(); ++it)
        line << QPointF(plot.left() + plot.width() * (it->x() - begin) / span,
                        plot.bottom() - plot.height() * it->y() / m_gaugeMax);
    painter.setPen(QPen(kInUse, 1.5));
    painter.drawPolyline(line);
}

} // namespace ipcscope
