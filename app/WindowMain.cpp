// The window mode of ipcscope: the application object, the language, the
// main window, and the hidden screenshot mode used by tools/screenshots.sh.
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

// Chinese must render whatever the default font is: name a CJK font as the
// fallback explicitly (fonts-noto-cjk), not only through fontconfig.
void setFontFallback()
{
    QFont font = QApplication::font();
    QStringList families = font.families();
    if (families.isEmpty())
        families.append(font.family());
    for (const char* fallback : {"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei"})
        if (!families.contains(QLatin1String(fallback)))
            families.append(QLatin1String(fallback));
    font.setFamilies(families);
    QApplication::setFont(font);
}

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
    setFontFallback();
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
    if (screenshot) {
        window.resize(1600, 1000);
        scheduleScreenshot(&window, line);
    }
    window.show();
    return QApplication::exec();
}
