#pragma once
#include "CommandLine.h"

namespace ipcscope {

// Runs a scenario without a window; returns the process exit code
// (0 ran, 2 bad input, 1 runtime failure).
int runHeadless(const CommandLine& line);
int listScenarios();

} // namespace ipcscope
