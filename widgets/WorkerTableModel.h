#pragma once
// The process table: one row per worker of the bound session, refreshed by the
// window's display timer from the Recording (never from the segment).
#include "ipc/Layout.h"

#include <QAbstractTableModel>
#include <QPair>
#include <QVector>

namespace ipcscope {

class Recording;
struct WorkerRecord;

class WorkerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        RoleColumn,
        PidColumn,
        StateColumn,
        TimeInStateColumn,
        OpsColumn,
        BlockedColumn,
        ColumnCount
    };
    // Sorting and tests read raw values under this role (numbers, not text).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit WorkerTableModel(QObject* parent = nullptr);

    // nullptr: empty table. The recording must outlive the binding.
    void setRecording(const Recording* recording);
    // Re-reads the workers; `now` is the session time in seconds.
    void refresh(double now);

    int workerIdAt(int row) const;       // -1 outside the table
    int rowOfWorker(int workerId) const; // -1 if not shown
    ipc::WorkerState stateOf(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int id = -1;
        ipc::Role role = ipc::Role::None;
        qint64 pid = 0;
        ipc::WorkerState state = ipc::WorkerState::Starting;
        double stateSince = 0;
        QString exit;
        QString errorText;
        quint64 ops = 0;
        double blockedSeconds = 0;
        bool operator==(const Row&) const = default;
    };
    static Row rowFrom(const WorkerRecord& worker);
    // The first and last column whose cells show a difference between the two.
    static QPair<int, int> changedColumns(const Row& was, const Row& now);

    const Recording* m_recording = nullptr;
    QVector<Row> m_rows;
    double m_now = 0;
};

} // namespace ipcscope
