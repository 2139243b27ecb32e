#pragma once
// Shared by the integration tests: what a finished session must leave
// behind, which is nothing.
#include <QDir>
#include <QStringList>

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

} // namespace ipcscope::test
