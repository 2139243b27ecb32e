#include "UiLanguage.h"

#include "Scenario.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace ipcscope {

namespace {

// Owned here, alive for the whole application: QCoreApplication only keeps
// pointers to installed translators.
std::unique_ptr<QTranslator>& ourTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator>& qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

void removeInstalled()
{
    for (auto* slot : {&ourTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
}

} // namespace

QStringList UiLanguage::supported()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString UiLanguage::systemDefault()
{
    const QLocale system = QLocale::system();
    // Simplified Chinese only: zh_TW/zh_HK readers are better served by English than by
    // characters they do not use.
    if (system.language() == QLocale::Chinese &&
        system.script() != QLocale::TraditionalChineseScript &&
        system.territory() != QLocale::Taiwan && system.territory() != QLocale::HongKong)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString UiLanguage::current()
{
    return currentLanguage();
}

QString UiLanguage::nativeName(const QString& language)
{
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

bool UiLanguage::apply(const QString& language)
{
    const QString wanted = supported().contains(language) ? language : QStringLiteral("en");
    // Scenario titles and help come from the scenario files, not from the
    // translator: switch them first so that widgets retranslating on
    // LanguageChange already read the new language.
    Scenario::setUiLanguage(wanted);
    removeInstalled();
    QLocale::setDefault(QLocale(wanted));
    currentLanguage() = wanted;
    if (wanted == QLatin1String("en")) {
        // Nothing installed: still tell every widget, so texts switch back.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
        return true;
    }

    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(wanted), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(QStringLiteral(":/i18n/ipcscope_%1.qm").arg(wanted))) {
        qWarning("ipcscope: no embedded translation for %s", qPrintable(wanted));
        Scenario::setUiLanguage(QStringLiteral("en"));
        QLocale::setDefault(QLocale(QStringLiteral("en")));
        currentLanguage() = QStringLiteral("en");
        return false;
    }
    QCoreApplication::installTranslator(ours.get());
    ourTranslator() = std::move(ours);
    return true;
}

} // namespace ipcscope
