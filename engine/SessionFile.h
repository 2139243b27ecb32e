#pragma once
// A session saved to one file (.ipcscope): the scenario and everything the
// Recording holds, so it can be reopened later, without launching any
// process, and be scrolled, zoomed and exported as if live.
//
// Layout: a 64-byte header, big-endian:
//   0  "IPCSCOPE"          magic
//   8  quint32             format version (kSessionFormatVersion)
//  12  quint32             flags: bit 0 = the body is qCompress'ed
//  16  quint64             size of the body as stored
//  24  quint64             size of the body once uncompressed
//  32  32 bytes            SHA-256 over header bytes 0..31 and the stored body
//  64  body                big-endian as QDataStream writes it, explicit sizes
// Every count read from the body is checked against the bytes that remain
// before anything is allocated: a damaged or hostile file is refused with a
// message, never a crash, a hang or an allocation of gigabytes.
#include "Recording.h"
#include "Scenario.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

namespace ipcscope {

struct LoadedSession
{
    std::unique_ptr<Scenario> scenario;
    std::unique_ptr<Recording> recording;
    double durationS = 0;
    QDateTime savedAt;
};

// 2: DeliveryFigures::final after maxDepth. 3: Sample::secondLockHolder
// after lockHolder, and the workers' item totals (DeliveryFigures::counted,
// put, got, left) at the end. Older files still load.
constexpr int kSessionFormatVersion = 3;

// Atomic (QSaveFile): false + *error naming the file and the reason.
bool saveSession(const QString& path, const Scenario& scenario, const Recording& recording,
                 double durationS, QString* error);
// nullopt + *error saying why: not a session file, written by a newer
// ipcscope, damaged (and how), unreadable.
std::optional<LoadedSession> loadSession(const QString& path, QString* error);

} // namespace ipcscope
