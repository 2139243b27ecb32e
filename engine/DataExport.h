#pragma once
// What a session leaves behind as data: summary.json (the contract scripts
// and tests rely on) and samples.csv. Written atomically (QSaveFile).
#include "Recording.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QString>

namespace ipcscope {

QJsonObject sessionSummary(const Scenario& scenario, const Recording& recording, double durationS);

// Each returns false and sets *error (naming the file) on failure.
bool writeSummaryJson(const QString& path, const QJsonObject& summary, QString* error);
bool writeSamplesCsv(const QString& path, const Recording& recording, QString* error);

} // namespace ipcscope
