#pragma once
// Shared by the integration tests: what a finished session must leave
// behind, which is nothing.
#include "Session.h"

#include <QDir>
#include <QSignalSpy>
#include <QStringList>

#include <initializer_list>
#include <utility>

#include <csignal>
#include <unistd.h>

namespace ipcscope::test {

// Segments of this test process still in /dev/shm.
inline QStringList ourSegments()
{
    const QString prefix = QStringLiteral("ipcscope_%1_%2_").arg(getuid()).arg(getpid());
    return QDir(QStringLiteral("/dev/shm")).entryList({prefix + QLatin1Char('*')}, QDir::Files);
}

// Pids that still exist (zombies included: a zombie means nobody reaped it).
inline QList<qint64> stillExisting(const QList<qint64>& pids)
{
    QList<qint64> alive;
    for (qint64 pid : pids)
        if (::kill(pid_t(pid), 0) == 0)
            alive.append(pid);
    return alive;
}

// Runs until the session finishes by itself (or the generous timeout).
inline bool runToEnd(Session& session, int timeoutMs = 120'000)
{
    if (session.state() == Session::State::Finished)
        return true;
    QSignalSpy finished(&session, &Session::finished);
    return finished.wait(timeoutMs) || session.state() == Session::State::Finished;
}

// ipcscope-worker's arguments to attach to segment `name` as incrementer 0
// (once), as the session would launch it.
inline QStringList workerAttachArguments(const std::string& name, uint64_t token)
{
    return {QStringLiteral("--segment"),    QString::fromStdString(name),
            QStringLiteral("--token"),      QString::number(token, 16),
            QStringLiteral("--slot"),       QStringLiteral("0"),
            QStringLiteral("--role"),       QStringLiteral("incrementer"),
            QStringLiteral("--iterations"), QStringLiteral("1")};
}

// A scenario of `kind` with the given values (each must be valid).
inline Scenario scenarioWith(ScenarioKind kind,
                             std::initializer_list<std::pair<const char*, qint64>> values)
{
    Scenario scenario(kind);
    for (const auto& [key, value] : values) {
        QString error;
        if (!scenario.setValue(QLatin1String(key), value, &error))
            qFatal("scenarioWith: %s", qPrintable(error));
    }
    return scenario;
}

} // namespace ipcscope::test
