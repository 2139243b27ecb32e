#pragma once
// The interface language: which translators are installed (ours, embedded as
// :/i18n/ipcscope_zh_CN.qm, and Qt's own qtbase_zh_CN when the system has
// it). Installing them posts QEvent::LanguageChange to every widget, so
// windows retranslate at once.
#include <QString>
#include <QStringList>

namespace ipcscope {

class UiLanguage
{
public:
    // "en" and "zh_CN".
    static QStringList supported();
    // The supported language closest to the system locale ("en" if none).
    static QString systemDefault();
    // Replaces the installed translators; unknown codes fall back to "en".
    // Returns false (and keeps English) when our own translation is missing.
    static bool apply(const QString& language);
    static QString current();
    // The language's own name, for menus: "English", "简体中文".
    static QString nativeName(const QString& language);
};

} // namespace ipcscope
