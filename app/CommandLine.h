#pragma once
// ipcscope's command line. Parsed before any QApplication exists, because
// headless runs must not need a display.
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace ipcscope {

struct CommandLine
{
    enum class Mode
    {
        Window,
        Headless,
        ListScenarios,
        Help,
        Version
    };
    Mode mode = Mode::Window;
    QString scenario;     // NAME or FILE; empty: the default
    QStringList settings; // --set key=value, in order
    double durationS = 0; // 0: until every worker has exited
    QString exportDir;    // empty: no export
    // --open FILE.ipcscope: a saved session, replayed without launching any
    // process (headless: its summary and --export; window: opened in it).
    QString sessionFile;
    QString language;       // --lang zh_CN|en; empty: system/settings
    int samplingRateHz = 0; // 0: default

    // Hidden, window mode only (tools/screenshots.sh): start the scenario,
    // apply each --at SECONDS:key=value at that session time, grab the window
    // into screenshotFile after screenshotAfterS seconds (and every view into
    // screenshotViewsDir), then quit.
    QString screenshotFile;
    QString screenshotViewsDir;
    double screenshotAfterS = 3;
    QList<QPair<double, QString>> timedSettings;

    // False + *error (naming the argument) on bad input.
    static bool parse(const QStringList& arguments, CommandLine* out, QString* error);
    static QString usage();
};

} // namespace ipcscope
