#include "WorkerTableModel.h"

#include "Recording.h"
#include "StateStyle.h"

#include <QLocale>

#include <algorithm>

namespace ipcscope {

namespace {

QString formatSeconds(double seconds)
{
    if (seconds < 1)
        return WorkerTableModel::tr("%1 ms").arg(QLocale().toString(seconds * 1000, 'f', 0));
    return WorkerTableModel::tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
}

bool isFinal(ipc::WorkerState state)
{
    using S = ipc::WorkerState;
    return state == S::Exited || state == S::Stopped || state == S::Killed || state == S::Failed;
}

} // namespace

WorkerTableModel::WorkerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorkerTableModel::setRecording(const Recording* recording)
{
    beginResetModel();
    m_recording = recording;
    m_rows.clear();
    m_now = 0;
    endResetModel();
    refresh(recording ? recording->lastTime() : 0);
}

WorkerTableModel::Row WorkerTableModel::rowFrom(const WorkerRecord& worker)
{
    Row row;
    row.id = worker.id;
    row.role = worker.role;
    row.pid = worker.pid;
    row.stateSince = worker.launchedAt;
    if (!worker.intervals.isEmpty()) {
        row.state = worker.intervals.last().state;
        row.stateSince = worker.intervals.last().start;
    }
    row.exit = worker.exit;
    row.errorText = worker.errorText;
    row.ops = worker.ops;
    row.blockedSeconds = double(worker.blockedNs) / 1e9;
    return row;
}

void WorkerTableModel::refresh(double now)
{
    m_now = now;
    if (!m_recording)
        return;
    const QVector<WorkerRecord> workers = m_recording->workerSummaries();
    // Workers are only ever added (never removed) during a session: update
    // the rows we have, append the new ones.
    // Only what changed is announced: a view repaints every cell it is told
    // about, and the whole table at 60 Hz was a tenth of a frame (bench row 8).
    // The time in state moves with `now`; the rest only when the worker does,
    // and mostly only its ops count: a row is announced from its first
    // changed column to its last, which is then often a single cell.
    const qsizetype known = std::min(m_rows.size(), workers.size());
    for (qsizetype i = 0; i < known; ++i) {
        Row fresh = rowFrom(workers[i]);
        if (fresh == m_rows[i])
            continue;
        const auto [first, last] = changedColumns(m_rows[i], fresh);
        m_rows[i] = std::move(fresh);
        emit dataChanged(index(int(i), first), index(int(i), last));
    }
    if (known > 0)
        emit dataChanged(index(0, TimeInStateColumn), index(int(known) - 1, TimeInStateColumn));
    if (workers.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(workers.size()) - 1);
        for (qsizetype i = m_rows.size(); i < workers.size(); ++i)
            m_rows.append(rowFrom(workers[i]));
        endInsertRows();
    }
}

QPair<int, int> WorkerTableModel::changedColumns(const Row& was, const Row& now)
{
    // The error text is every cell's tooltip, and an exit may change any of
    // them: the whole row.
    if (was.id != now.id || was.exit != now.exit || was.errorText != now.errorText)
        return {0, ColumnCount - 1};
    int first = ColumnCount;
    int last = -1;
    auto mark = [&](bool changed, int from, int to) {
        if (!changed)
            return;
        first = std::min(first, from);
        last = std::max(last, to);
    };
    mark(was.role != now.role, RoleColumn, RoleColumn);
    mark(was.pid != now.pid, PidColumn, PidColumn);
    // The state's tooltip says since when; the time in state counts from then.
    mark(was.state != now.state || was.stateSince != now.stateSince, StateColumn,
         TimeInStateColumn);
    mark(was.ops != now.ops, OpsColumn, OpsColumn);
    mark(was.blockedSeconds != now.blockedSeconds, BlockedColumn, BlockedColumn);
    if (last < 0) // a field added to Row but not to the marks above: the whole row
        return {0, ColumnCount - 1};
    return {first, last};
}

int WorkerTableModel::workerIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : -1;
}

int WorkerTableModel::rowOfWorker(int workerId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].id == workerId)
            return row;
    return -1;
}

ipc::WorkerState WorkerTableModel::stateOf(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].state : ipc::WorkerState::Starting;
}

int WorkerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    // A finished worker's time in state stops at its exit, not at "now".
    const double timeInState =
        std::max(0.0, (isFinal(row.state) ? row.stateSince : m_now) - row.stateSince);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QStringLiteral("W%1").arg(row.id);
        case RoleColumn:
            return roleLabel(row.role);
        case PidColumn:
            return row.pid > 0 ? QString::number(row.pid) : QStringLiteral("–");
        case StateColumn:
            return stateLabel(row.state);
        case TimeInStateColumn:
            return isFinal(row.state) ? QString() : formatSeconds(timeInState);
        case OpsColumn:
            return QLocale().toString(row.ops);
        case BlockedColumn:
            return formatSeconds(row.blockedSeconds);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return row.id;
        case RoleColumn:
            return int(row.role);
        case PidColumn:
            return row.pid;
        case StateColumn:
            return int(row.state);
        case TimeInStateColumn:
            return timeInState;
        case OpsColumn:
            return row.ops;
        case BlockedColumn:
            return row.blockedSeconds;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateColor(row.state);
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn &&
            (row.state == ipc::WorkerState::Killed || row.state == ipc::WorkerState::Failed))
            return QColor(0xc6, 0x28, 0x28);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == OpsColumn ||
            index.column() == BlockedColumn || index.column() == TimeInStateColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (!row.errorText.isEmpty())
            return row.errorText;
        if (index.column() == StateColumn)
            return tr("%1 since t = %2 s")
                .arg(stateLabel(row.state))
                .arg(row.stateSince, 0, 'f', 3);
        break;
    }
    return {};
}

QVariant WorkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Worker");
    case RoleColumn:
        return tr("Role");
    case PidColumn:
        return tr("PID");
    case StateColumn:
        return tr("State");
    case TimeInStateColumn:
        return tr("In state");
    case OpsColumn:
        return tr("Ops done");
    case BlockedColumn:
        return tr("Blocked");
    }
    return {};
}

} // namespace ipcscope
