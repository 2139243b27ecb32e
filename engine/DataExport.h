#pragma once
// What a session leaves behind as data: summary.json (the contract scripts
// and tests rely on), samples.csv, events.csv, and through exportSessionData
// also trace.json (TraceExport) and session.ipcscope (SessionFile). Every
// file is written atomically (QSaveFile): a failure leaves the previous file,
// or none, never half of one.
#include "Recording.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <charconv>
#include <concepts>
#include <memory>

class QSaveFile;

namespace ipcscope {

QJsonObject sessionSummary(const Scenario& scenario, const Recording& recording, double durationS);

// Each returns false and sets *error (naming the file and the reason) on failure.
bool writeSummaryJson(const QString& path, const QJsonObject& summary, QString* error);
// One row per sample: the gauges, then each worker's state at that time.
bool writeSamplesCsv(const QString& path, const Recording& recording, QString* error);
// One row per kept event (summary.json's "events" says how many were dropped
// in the rings or not kept past Recording::kMaxEvents).
bool writeEventsCsv(const QString& path, const Recording& recording, QString* error);

// The stable English identifier of an event type in exported data, e.g. "lock_acquired".
QString eventTypeName(ipc::EventType type);

// The files exportSessionData writes into its directory, and only those
// (an existing file of another name is never touched).
QStringList exportFileNames();

// Writes every data file of exportFileNames() into dir (created if missing),
// overwriting files of those names. *written (if given) receives the paths
// written so far, also on failure; false + *error on the first failure.
bool exportSessionData(const QString& dir, const Scenario& scenario, const Recording& recording,
                       double durationS, QStringList* written, QString* error);

// One file being exported, shared by the engine's exporters (TraceExport,
// SessionFile too). A QSaveFile underneath: nothing replaces the target until
// commit(), and a failure leaves the previous file and no temporary one.
// Unbuffered with our own checks, because QSaveFile alone takes a short write
// (a disk that fills up half way) for success and commits a cut-off file.
class ExportFile
{
public:
    explicit ExportFile(const QString& path);
    ~ExportFile();
    bool open(QString* error);
    // Writes all of data or remembers why not; later writes are then ignored.
    void write(QByteArrayView data);
    // Text for the file, handed to it in chunks of about a megabyte. Numbers
    // are formatted in place (std::to_chars): exports run to millions of rows.
    void append(QByteArrayView text);
    ExportFile& operator<<(QByteArrayView text)
    {
        append(text);
        return *this;
    }
    ExportFile& operator<<(char c)
    {
        append(QByteArrayView(&c, 1));
        return *this;
    }
    template <std::integral T> ExportFile& operator<<(T number)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
        append(QByteArrayView(digits, end - digits));
        return *this;
    }
    // value with exactly `decimals` digits after the point, as printf's %.Nf.
    ExportFile& fixed(double value, int decimals);
    bool commit(QString* error);

private:
    std::unique_ptr<QSaveFile> m_file;
    QByteArray m_pending;
    QString m_failure;
};

} // namespace ipcscope
