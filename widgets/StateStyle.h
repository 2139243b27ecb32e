#pragma once
// One look per worker state, shared by every view and the process table, so
// "blocked on put" is the same orange everywhere.
#include "ipc/Layout.h"

#include <QColor>
#include <QString>

namespace ipcscope {

QColor stateColor(ipc::WorkerState state);
// Translated, human name of a state ("blocked on put" / "放入阻塞").
QString stateLabel(ipc::WorkerState state);
// Translated role name ("producer" / "生产者").
QString roleLabel(ipc::Role role);

} // namespace ipcscope
