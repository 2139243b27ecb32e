#include "HeadlessRun.h"

#include "DataExport.h"
#include "Scenario.h"
#include "Session.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
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
    if (!line.exportDir.isEmpty() && !QDir().mkpath(line.exportDir)) {
        printError(QCoreApplication::translate("Headless", "cannot create export directory %1")
                       .arg(line.exportDir));
        return kBadInput;
    }

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

    const QJsonObject summary =
        sessionSummary(session.scenario(), session.recording(), session.elapsedSeconds());
    if (!line.exportDir.isEmpty()) {
        const QDir dir(line.exportDir);
        if (!writeSummaryJson(dir.filePath(QStringLiteral("summary.json")), summary, &error) ||
            !writeSamplesCsv(dir.filePath(QStringLiteral("samples.csv")), session.recording(),
                             &error)) {
            printError(error);
            return kRuntimeFailure;
        }
    }

    // A short human summary on stdout; the details are in summary.json.
    bool workerFailed = false;
    std::printf("scenario %s ran %.3f s\n", qPrintable(scenario->name()), session.elapsedSeconds());
    for (const WorkerRecord& worker : session.recording().workers()) {
        std::printf("  worker %3d %-11s pid %-7lld %-8s ops %llu\n", worker.id,
                    qPrintable(roleName(worker.role)), static_cast<long long>(worker.pid),
                    qPrintable(worker.exit), static_cast<unsigned long long>(worker.ops));
        workerFailed |= worker.exit == QLatin1String("error");
    }
    if (scenario->kind() == ScenarioKind::Counter) {
        const CounterFigures c = session.recording().counterFigures();
        std::printf(
            "counter: expected %lld, actual %lld, lost updates %lld, overlapping windows %llu\n",
            static_cast<long long>(c.expected), static_cast<long long>(c.actual),
            static_cast<long long>(c.lostUpdates),
            static_cast<unsigned long long>(c.overlappingWindows));
    } else if (scenario->kind() == ScenarioKind::Queue) {
        const DeliveryFigures q = session.recording().deliveryFigures();
        std::printf(
            "queue: produced %llu, consumed %llu, lost %llu, duplicated %llu, phantom %llu, "
            "max depth %lld of %lld\n",
            static_cast<unsigned long long>(q.produced),
            static_cast<unsigned long long>(q.consumed), static_cast<unsigned long long>(q.lost),
            static_cast<unsigned long long>(q.duplicated),
            static_cast<unsigned long long>(q.phantom), static_cast<long long>(q.maxDepth),
            static_cast<long long>(scenario->value(QStringLiteral("capacity"))));
    }
    // The synchronisation scenarios' own figures, compact, as in summary.json.
    const QJsonObject mechanism = session.recording().mechanismFigures();
    if (!mechanism.isEmpty() && scenario->kind() != ScenarioKind::Queue) {
        QJsonObject brief = mechanism;
        brief.remove(QStringLiteral("waiters")); // per-waiter details: summary.json
        std::printf("%s: %s\n", qPrintable(Scenario::kindName(scenario->kind())),
                    QJsonDocument(brief).toJson(QJsonDocument::Compact).constData());
    }
    std::printf("events: recorded %llu, dropped %llu\n",
                static_cast<unsigned long long>(session.recording().eventsRecorded()),
                static_cast<unsigned long long>(session.recording().eventsDropped()));
    return workerFailed ? kRuntimeFailure : kRan;
}

} // namespace ipcscope
