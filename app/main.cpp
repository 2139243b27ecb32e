#include "CommandLine.h"
#include "HeadlessRun.h"

#include <QCoreApplication>

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

    // No display needed for anything below.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ipcscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));
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
