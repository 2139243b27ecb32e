#pragma once
// One look per worker state, shared by every view and the process table, so
// "blocked on put" is the same orange everywhere.
#include "Recording.h"
#include "ipc/Layout.h"

#include <QColor>
#include <QString>

namespace ipcscope {

QColor stateColor(ipc::WorkerState state);
// Translated, human name of a state ("blocked on put" / "放入阻塞").
QString stateLabel(ipc::WorkerState state);
// roleLabel(): see Recording.h (the engine's messages use it too).

} // namespace ipcscope
