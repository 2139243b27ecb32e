// The window mode of ipcscope: the application object, the language, the
// main window, and the hidden screenshot mode used by tools/screenshots.sh.
#include "ChartExport.h"
#include "CommandLine.h"
#include "LiveView.h"
#include "MainWindow.h"
#include "UiLanguage.h"

#include <QApplication>
#include <QDir>
#include <QFont>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace ipcscope;

namespace {

QString chooseLanguage(const CommandLine& line)
{
    if (!line.language.isEmpty())
        return line.language;
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    if (UiLanguage::supported().contains(saved))
        return saved;
    return UiLanguage::systemDefault();
}

bool saveGrab(QWidget* widget, const QString& file)
{
    if (!widget->grab().save(file)) {
        std::fprintf(stderr, "ipcscope: cannot write %s\n", qPrintable(file));
        return false;
    }
    return true;
}

// Starts the session, applies the timed settings, grabs and quits.
void scheduleScreenshot(MainWindow* window, const CommandLine& line)
{
    QTimer::singleShot(0, window, [window, line] {
        window->startSession();
        if (!window->session() || !window->session()->isActive()) {
            std::fprintf(stderr, "ipcscope: the session did not start\n");
            QCoreApplication::exit(1);
            return;
        }
        for (const auto& [at, setting] : line.timedSettings) {
            QTimer::singleShot(qRound(at * 1000), window, [window, setting] {
                QString error;
                if (!window->applySetting(setting, &error))
                    std::fprintf(stderr, "ipcscope: --at %s: %s\n", qPrintable(setting),
                                 qPrintable(error));
            });
        }
        QTimer::singleShot(qRound(line.screenshotAfterS * 1000), window, [window, line] {
            bool ok = saveGrab(window, line.screenshotFile);
            if (!line.screenshotViewsDir.isEmpty()) {
                QDir().mkpath(line.screenshotViewsDir);
                for (LiveView* view : window->views())
                    if (view->isVisible())
                        ok = saveGrab(view->parentWidget(),
                                      QDir(line.screenshotViewsDir)
                                          .filePath(view->objectName() + QStringLiteral(".png"))) &&
                             ok;
            }
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
}

} // namespace

int runWindow(int argc, char** argv, const CommandLine& line)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ipcscope"));
    QApplication::setOrganizationName(QStringLiteral("ipcscope"));
    QApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("ipcscope"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.ipcscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/ipcscope.svg")));
    QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setFont(withCjkFallback(QApplication::font()));
    UiLanguage::apply(chooseLanguage(line));

    const bool screenshot = !line.screenshotFile.isEmpty();
    auto complain = [screenshot](const QString& title, const QString& text) {
        if (screenshot)
            std::fprintf(stderr, "ipcscope: %s\n", qPrintable(text));
        else
            QMessageBox::warning(nullptr, title, text);
    };

    MainWindow window;
    if (line.samplingRateHz > 0)
        window.setSamplingRateHz(line.samplingRateHz);
    QString error;
    if (!line.scenario.isEmpty() && !window.selectScenario(line.scenario, &error)) {
        complain(MainWindow::tr("Cannot open scenario"),
                 MainWindow::tr("%1\n\nThe default scenario is used instead.").arg(error));
        if (screenshot)
            return 2;
        window.selectScenario(QStringLiteral("queue"), &error);
    }
    for (const QString& setting : line.settings) {
        if (!window.applySetting(setting, &error)) {
            complain(MainWindow::tr("Invalid setting"), error);
            if (screenshot)
                return 2;
        }
    }
    if (!line.sessionFile.isEmpty() && !window.openSessionFile(line.sessionFile, &error)) {
        complain(MainWindow::tr("Cannot open session"),
                 MainWindow::tr("%1\n\n%2").arg(QDir::toNativeSeparators(line.sessionFile), error));
        if (screenshot)
            return 2;
    }
    if (screenshot) {
        window.resize(1600, 1000);
        scheduleScreenshot(&window, line);
    }
    window.show();
    return QApplication::exec();
}
