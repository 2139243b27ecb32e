#include "CommandLine.h"

#include <QCoreApplication>

namespace ipcscope {

QString CommandLine::usage()
{
    return QCoreApplication::translate(
        "CommandLine",
        "usage:\n"
        "  ipcscope [--scenario NAME|FILE | --open FILE.ipcscope] [--lang zh_CN|en]\n"
        "  ipcscope --headless --scenario NAME|FILE [--set key=value]... [--duration SECONDS]\n"
        "           [--export DIR] [--rate HZ]\n"
        "  ipcscope --headless --open FILE.ipcscope [--export DIR]\n"
        "  ipcscope --list-scenarios\n"
        "  ipcscope --help | --version\n"
        "--export DIR writes summary.json, samples.csv, events.csv, trace.json and\n"
        "session.ipcscope into DIR, replacing files of those names only.\n"
        "--open replays a saved session without launching any process.\n"
        "exit codes: 0 ran, 2 bad input, 1 runtime failure");
}

bool CommandLine::parse(const QStringList& arguments, CommandLine* out, QString* error)
{
    CommandLine line;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString option = arguments[i];
        QString value;
        bool hasInlineValue = false;
        if (option.startsWith(QLatin1String("--")) && option.contains(QLatin1Char('='))) {
            value = option.section(QLatin1Char('='), 1);
            option = option.section(QLatin1Char('='), 0, 0);
            hasInlineValue = true;
        }
        auto takeValue = [&](QString* into) {
            if (hasInlineValue) {
                *into = value;
                return true;
            }
            if (i + 1 >= arguments.size()) {
                *error = QCoreApplication::translate("CommandLine", "%1 needs a value").arg(option);
                return false;
            }
            *into = arguments[++i];
            return true;
        };
        if (option == QLatin1String("--headless")) {
            line.mode = Mode::Headless;
        } else if (option == QLatin1String("--list-scenarios")) {
            line.mode = Mode::ListScenarios;
        } else if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            line.mode = Mode::Help;
        } else if (option == QLatin1String("--version")) {
            line.mode = Mode::Version;
        } else if (option == QLatin1String("--scenario")) {
            if (!takeValue(&line.scenario))
                return false;
        } else if (option == QLatin1String("--set")) {
            QString setting;
            if (!takeValue(&setting))
                return false;
            line.settings.append(setting);
        } else if (option == QLatin1String("--duration")) {
            QString text;
            if (!takeValue(&text))
                return false;
            bool ok = false;
            line.durationS = text.toDouble(&ok);
            if (!ok || line.durationS <= 0 || line.durationS > 86400) {
                *error = QCoreApplication::translate(
                             "CommandLine",
                             "--duration: must be a number of seconds in (0, 86400], got '%1'")
                             .arg(text);
                return false;
            }
        } else if (option == QLatin1String("--export")) {
            if (!takeValue(&line.exportDir))
                return false;
            if (line.exportDir.isEmpty()) {
                *error = QCoreApplication::translate("CommandLine", "--export: needs a directory");
                return false;
            }
        } else if (option == QLatin1String("--open")) {
            if (!takeValue(&line.sessionFile))
                return false;
            if (line.sessionFile.isEmpty()) {
                *error = QCoreApplication::translate("CommandLine", "--open: needs a session file");
                return false;
            }
        } else if (option == QLatin1String("--lang")) {
            if (!takeValue(&line.language))
                return false;
            if (line.language != QLatin1String("en") && line.language != QLatin1String("zh_CN")) {
                *error = QCoreApplication::translate("CommandLine",
                                                     "--lang: must be zh_CN or en, got '%1'")
                             .arg(line.language);
                return false;
            }
        } else if (option == QLatin1String("--rate")) {
            QString text;
            if (!takeValue(&text))
                return false;
            bool ok = false;
            line.samplingRateHz = text.toInt(&ok);
            if (!ok || line.samplingRateHz < 1 || line.samplingRateHz > 10000) {
                *error = QCoreApplication::translate("CommandLine",
                                                     "--rate: must be 1..10000 Hz, got '%1'")
                             .arg(text);
                return false;
            }
        } else if (option == QLatin1String("--screenshot")) {
            if (!takeValue(&line.screenshotFile))
                return false;
        } else if (option == QLatin1String("--screenshot-views")) {
            if (!takeValue(&line.screenshotViewsDir))
                return false;
        } else if (option == QLatin1String("--after")) {
            QString text;
            if (!takeValue(&text))
                return false;
            bool ok = false;
            line.screenshotAfterS = text.toDouble(&ok);
            if (!ok || line.screenshotAfterS < 0 || line.screenshotAfterS > 3600) {
                *error = QCoreApplication::translate(
                             "CommandLine",
                             "--after: must be a number of seconds in [0, 3600], got '%1'")
                             .arg(text);
                return false;
            }
        } else if (option == QLatin1String("--at")) {
            QString text;
            if (!takeValue(&text))
                return false;
            bool ok = false;
            const double at = text.section(QLatin1Char(':'), 0, 0).toDouble(&ok);
            const QString setting = text.section(QLatin1Char(':'), 1);
            if (!ok || at < 0 || !setting.contains(QLatin1Char('='))) {
                *error = QCoreApplication::translate("CommandLine",
                                                     "--at: must be SECONDS:key=value, got '%1'")
                             .arg(text);
                return false;
            }
            line.timedSettings.append({at, setting});
        } else {
            *error = QCoreApplication::translate("CommandLine", "unknown argument '%1'")
                         .arg(arguments[i]);
            return false;
        }
    }
    if (!line.sessionFile.isEmpty() && !line.scenario.isEmpty()) {
        *error = QCoreApplication::translate(
            "CommandLine", "--open and --scenario exclude each other: a saved session has its own");
        return false;
    }
    if (!line.sessionFile.isEmpty() &&
        (!line.settings.isEmpty() || line.durationS > 0 || line.samplingRateHz > 0)) {
        *error = QCoreApplication::translate(
            "CommandLine", "--set, --duration and --rate do not apply to --open: it replays a "
                           "saved session");
        return false;
    }
    if (line.mode == Mode::Headless && line.scenario.isEmpty() && line.sessionFile.isEmpty()) {
        *error = QCoreApplication::translate(
            "CommandLine", "--headless needs --scenario NAME|FILE or --open FILE.ipcscope");
        return false;
    }
    if (line.mode != Mode::Headless && (line.durationS > 0 || !line.exportDir.isEmpty())) {
        *error = QCoreApplication::translate("CommandLine",
                                             "--duration and --export go with --headless");
        return false;
    }
    const bool screenshotOptions =
        !line.screenshotViewsDir.isEmpty() || !line.timedSettings.isEmpty();
    if (line.mode != Mode::Window && (!line.screenshotFile.isEmpty() || screenshotOptions)) {
        *error = QCoreApplication::translate(
            "CommandLine", "--screenshot, --screenshot-views and --at go with the window");
        return false;
    }
    if (line.screenshotFile.isEmpty() && screenshotOptions) {
        *error = QCoreApplication::translate(
            "CommandLine", "--screenshot-views and --at go with --screenshot FILE");
        return false;
    }
    *out = line;
    return true;
}

} // namespace ipcscope
