#pragma once
// trace.json in the Chrome trace event format (JSON object form), which
// Perfetto (ui.perfetto.dev) and chrome://tracing open:
// - one process per worker, named "producer 0 (pid 1234)": its states as
//   B/E slices on its main track, each lock (and the semaphore's permit) it
//   held as B/E slices on a track of its own, races and deaths as instants;
// - one "ipcscope" process for the session: the gauges (queue depth, counter
//   expected/actual, ...) as counter tracks and the session's messages.
// Slices still open when the recording ends are closed there, so every B has
// its E. Timestamps are microseconds since the run began. Written as a
// stream through a QSaveFile: no document of millions of events in memory.
#include "Recording.h"
#include "Scenario.h"

#include <QString>

namespace ipcscope {

// False + *error (naming the file and the reason) on failure.
bool writeChromeTrace(const QString& path, const Scenario& scenario, const Recording& recording,
                      QString* error);

} // namespace ipcscope
