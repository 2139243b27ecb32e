// The Chinese translation is complete and is the one the application embeds.
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#ifndef IPCSCOPE_TS_FILE
#error "IPCSCOPE_TS_FILE must name translations/ipcscope_zh_CN.ts"
#endif

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList translations; // one, or one per numerus form
};

QList<TsMessage> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message =
                TsMessage{context,
                          {},
                          {},
                          xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                          {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus) {
                message.translations.append(xml.readElementText());
                messages.append(message);
            } else {
                while (xml.readNextStartElement())
                    message.translations.append(xml.readElementText());
                messages.append(message);
            }
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

bool isLive(const TsMessage& message)
{
    return message.type != QLatin1String("vanished") && message.type != QLatin1String("obsolete");
}

bool hasCjk(const QString& text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%(?:L?[1-9]|n)"));
    QSet<QString> found;
    for (const auto& match : pattern.globalMatch(text))
        found.insert(match.captured().remove(QLatin1Char('L')));
    return found;
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT
private slots:
    void zhCN_hasEntries();
    void zhCN_hasNoUnfinishedOrEmptyEntries();
    void zhCN_keepsEveryPlaceholder();
    void embeddedQm_translatesActionTexts();
};

void TranslationsTest::zhCN_hasEntries()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(IPCSCOPE_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The window alone has well over a hundred texts: an empty file means lupdate never ran.
    QVERIFY2(messages.size() > 100, qPrintable(QString::number(messages.size())));
}

void TranslationsTest::zhCN_hasNoUnfinishedOrEmptyEntries()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(IPCSCOPE_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList missing;
    for (const TsMessage& message : messages) {
        if (!isLive(message))
            continue;
        bool empty = message.translations.isEmpty();
        for (const QString& text : message.translations)
            empty = empty || text.trimmed().isEmpty();
        if (message.type == QLatin1String("unfinished") || empty)
            missing.append(message.context + QLatin1String(": ") + message.source);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 untranslated, e.g.\n  %2")
                                               .arg(missing.size())
                                               .arg(missing.mid(0, 10).join(u"\n  "))));
}

void TranslationsTest::zhCN_keepsEveryPlaceholder()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(IPCSCOPE_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList broken;
    for (const TsMessage& message : messages) {
        if (!isLive(message))
            continue;
        const QSet<QString> expected = placeholders(message.source);
        for (const QString& text : message.translations)
            if (placeholders(text) != expected)
                broken.append(message.source + QLatin1String(" => ") + text);
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join(u"\n")));
}

void TranslationsTest::embeddedQm_translatesActionTexts()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/ipcscope_zh_CN.qm")));
    for (const char* source : {"&Start", "S&top", "&Kill worker", "&Language"}) {
        const QString text = translator.translate("ipcscope::MainWindow", source);
        QVERIFY2(hasCjk(text), source);
    }
    QVERIFY(hasCjk(translator.translate("WorkerState", "killed")));
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
