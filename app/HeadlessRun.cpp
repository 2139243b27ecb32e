#include "HeadlessRun.h"

#include "ChartExport.h"
#include "DataExport.h"
#include "Scenario.h"
#include "Session.h"
#include "SessionFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace ipcscope {

namespace {

enum ExitCode
{
    kRan = 0,
    kRuntimeFailure = 1,
    kBadInput = 2
};

void printError(const QString& text)
{
    std::fprintf(stderr, "ipcscope: %s\n", qPrintable(text));
}

// SIGINT/SIGTERM stop the session the normal way (workers asked, then killed,
// then reaped) instead of leaving them to PR_SET_PDEATHSIG.
int g_signalPipe[2] = {-1, -1};
void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

// Refused before anything runs: a directory that cannot be made or written.
bool exportDirUsable(const QString& dir)
{
    if (!QDir().mkpath(dir)) {
        printError(
            QCoreApplication::translate("Headless", "cannot create export directory %1").arg(dir));
        return false;
    }
    if (!QFileInfo(dir).isWritable()) {
        printError(QCoreApplication::translate("Headless", "export directory %1 is not writable")
                       .arg(dir));
        return false;
    }
    return true;
}

// --export DIR: the data files, then every shown view as PNG, SVG and PDF and
// the report (drawn off screen: main() made a QApplication for it).
bool exportEverything(const QString& dir, const Scenario& scenario, const Recording& recording,
                      double durationS, QString* error)
{
    return exportSessionData(dir, scenario, recording, durationS, nullptr, error) &&
           exportAllCharts(dir, scenario, recording, durationS, nullptr, error);
}

// A short human summary on stdout; the details are in summary.json. True if
// a worker failed.
bool printSummary(const Scenario& scenario, const Recording& recording, double durationS)
{
    bool workerFailed = false;
    std::printf("scenario %s ran %.3f s\n", qPrintable(scenario.name()), durationS);
    for (const WorkerRecord& worker : recording.workers()) {
        std::printf("  worker %3d %-11s pid %-7lld %-8s ops %llu\n", worker.id,
                    qPrintable(roleName(worker.role)), static_cast<long long>(worker.pid),
                    qPrintable(worker.exit), static_cast<unsigned long long>(worker.ops));
        workerFailed |= worker.exit == QLatin1String("error");
    }
    if (scenario.kind() == ScenarioKind::Counter) {
        const CounterFigures c = recording.counterFigures();
        std::printf(
            "counter: expected %lld, actual %lld, lost updates %lld, overlapping windows %llu\n",
            static_cast<long long>(c.expected), static_cast<long long>(c.actual),
            static_cast<long long>(c.lostUpdates),
            static_cast<unsigned long long>(c.overlappingWindows));
    } else if (scenario.kind() == ScenarioKind::Queue) {
        const DeliveryFigures q = recording.deliveryFigures();
        std::printf(
            "queue: produced %llu, consumed %llu, lost %llu, duplicated %llu, phantom %llu, "
            "max depth %lld of %lld\n",
            static_cast<unsigned long long>(q.produced),
            static_cast<unsigned long long>(q.consumed), static_cast<unsigned long long>(q.lost),
            static_cast<unsigned long long>(q.duplicated),
            static_cast<unsigned long long>(q.phantom), static_cast<long long>(q.maxDepth),
            static_cast<long long>(scenario.value(QStringLiteral("capacity"))));
    }
    // The synchronisation scenarios' own figures, compact, as in summary.json.
    const QJsonObject mechanism = recording.mechanismFigures();
    if (!mechanism.isEmpty() && scenario.kind() != ScenarioKind::Queue) {
        QJsonObject brief = mechanism;
        brief.remove(QStringLiteral("waiters")); // per-waiter details: summary.json
        std::printf("%s: %s\n", qPrintable(Scenario::kindName(scenario.kind())),
                    QJsonDocument(brief).toJson(QJsonDocument::Compact).constData());
    }
    std::printf("events: recorded %llu, dropped %llu\n",
                static_cast<unsigned long long>(recording.eventsRecorded()),
                static_cast<unsigned long long>(recording.eventsDropped()));
    return workerFailed;
}

// A saved session: its summary and, with --export, its files again; no process runs.
int replaySavedSession(const CommandLine& line)
{
    QString error;
    const std::optional<LoadedSession> saved = loadSession(line.sessionFile, &error);
    if (!saved) {
        printError(error);
        return kBadInput;
    }
    if (!line.exportDir.isEmpty()) {
        if (!exportDirUsable(line.exportDir))
            return kBadInput;
        if (!exportEverything(line.exportDir, *saved->scenario, *saved->recording, saved->durationS,
                              &error)) {
            printError(error);
            return kRuntimeFailure;
        }
    }
    std::printf("session saved %s\n", qPrintable(saved->savedAt.toString(Qt::ISODate)));
    printSummary(*saved->scenario, *saved->recording, saved->durationS);
    return kRan;
}

} // namespace

int listScenarios()
{
    for (const QString& name : Scenario::builtinNames()) {
        QString error;
        const auto scenario = Scenario::load(name, &error);
        if (!scenario) {
            printError(error);
            return kRuntimeFailure;
        }
        std::printf("%-16s %s\n", qPrintable(name), qPrintable(scenario->title()));
    }
    return kRan;
}

int runHeadless(const CommandLine& line)
{
    if (!line.sessionFile.isEmpty())
        return replaySavedSession(line);
    QString error;
    auto scenario = Scenario::load(line.scenario, &error);
    if (!scenario) {
        printError(error);
        return kBadInput;
    }
    for (const QString& setting : line.settings) {
        if (!scenario->applySetting(setting, &error)) {
            printError(error);
            return kBadInput;
        }
    }
    if (!line.exportDir.isEmpty() && !exportDirUsable(line.exportDir))
        return kBadInput;

    Session session(*scenario);
    session.setStopWhenStuck(true);
    if (line.samplingRateHz > 0)
        session.setSamplingRateHz(line.samplingRateHz);
    QObject::connect(&session, &Session::message, [&session](const QString& text) {
        std::fprintf(stderr, "ipcscope: [%8.3f s] %s\n", session.elapsedSeconds(),
                     qPrintable(text));
    });

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onTerminationSignal);
        std::signal(SIGTERM, onTerminationSignal);
    }
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &session, [&session] {
        char byte;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[0], &byte, 1);
        session.stop();
    });

    if (!session.start(&error)) {
        printError(error);
        return kRuntimeFailure;
    }
    QEventLoop loop;
    QObject::connect(&session, &Session::finished, &loop, &QEventLoop::quit);
    if (line.durationS > 0)
        QTimer::singleShot(int(line.durationS * 1000), &session, &Session::stop);
    if (session.state() != Session::State::Finished)
        loop.exec();

    if (!line.exportDir.isEmpty() &&
        !exportEverything(line.exportDir, session.scenario(), session.recording(),
                          session.elapsedSeconds(), &error)) {
        printError(error);
        return kRuntimeFailure;
    }
    const bool workerFailed =
        printSummary(session.scenario(), session.recording(), session.elapsedSeconds());
    return workerFailed ? kRuntimeFailure : kRan;
}

} // namespace ipcscope
