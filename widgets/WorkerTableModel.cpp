#include "WorkerTableModel.h"

#include "Recording.h"
#include "StateStyle.h"

#include <QLocale>

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
    // The time in state moves with `now`; the rest only when the worker does.
    const qsizetype known = std::min(m_rows.size(), workers.size());
    for (qsizetype i = 0; i < known; ++i) {
        Row fresh = rowFrom(workers[i]);
        if (fresh == m_rows[i])
            continue;
        m_rows[i] = std::move(fresh);
        emit dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
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
