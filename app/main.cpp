#include "CommandLine.h"
#include "HeadlessRun.h"
#include "UiLanguage.h"

#include <QApplication>

#include <cstdio>
#include <memory>

using namespace ipcscope;

int runWindow(int argc, char** argv, const CommandLine& line); // MainWindow.cpp

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    CommandLine line;
    QString error;
    if (!CommandLine::parse(arguments, &line, &error)) {
        std::fprintf(stderr, "ipcscope: %s\n%s\n", qPrintable(error),
                     qPrintable(CommandLine::usage()));
        return 2;
    }
    if (line.mode == CommandLine::Mode::Window)
        return runWindow(argc, argv, line);

    // No display needed for anything below. The charts of a headless
    // --export are drawn by the views, which need a QApplication: on the
    // offscreen platform when there is no display to talk to.
    const bool drawsCharts = line.mode == CommandLine::Mode::Headless && !line.exportDir.isEmpty();
    if (drawsCharts && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (drawsCharts)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ipcscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));
    // Headless output in the language asked for: the exported charts and
    // report, and the messages. Without --lang, English (a script's output
    // should not depend on the locale of the machine it runs on).
    if (!line.language.isEmpty())
        UiLanguage::apply(line.language);
    switch (line.mode) {
    case CommandLine::Mode::Help:
        std::printf("%s\n", qPrintable(CommandLine::usage()));
        return 0;
    case CommandLine::Mode::Version:
        std::printf("ipcscope %s\n", IPCSCOPE_VERSION);
        return 0;
    case CommandLine::Mode::ListScenarios:
        return listScenarios();
    case CommandLine::Mode::Headless:
        return runHeadless(line);
    case CommandLine::Mode::Window:
        break;
    }
    return 0;
}
