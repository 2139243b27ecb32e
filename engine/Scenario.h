#pragma once
// A scenario: which mechanism to show (its kind) and the values of its
// parameters, loaded from JSON and validated. Every error names the field and
// the allowed range, e.g. "consumers: must be 1..64, got 0".
//
// The parameter specs below are the single source of truth for ranges: the
// validator, the command line (--set) and the window's form all use them.
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ipcscope {

enum class ScenarioKind
{
    Counter,
    Queue,
    Array,
    Semaphore,
    Event,
    Barrier,
    Deadlock,
    AbandonedLock,
    Condition,
    JoinableQueue,
    Pipe,
    Socket,
    Manager
};

struct ParameterSpec
{
    enum class Type
    {
        Integer,
        Switch
    }; // Switch: "on"/"off" in JSON and --set, 1/0 inside
    const char* key;
    Type type;
    qint64 minimum;
    qint64 maximum;
    qint64 defaultValue;
    const char* unit; // "µs", "items", ... or "" (not translated)
    const char*
        description;    // English; translate with QCoreApplication::translate("Parameter", ...)
    const char* python; // the multiprocessing equivalent, e.g. "Queue(maxsize=capacity)"
    bool live;          // may be changed while the session runs
};

class Scenario
{
public:
    static constexpr int kFormatVersion = 1;

    static QString kindName(ScenarioKind kind);
    static std::optional<ScenarioKind> kindFromName(const QString& name);
    static const QList<ParameterSpec>& parameterSpecs(ScenarioKind kind);
    static const ParameterSpec* findSpec(ScenarioKind kind, const QString& key);
    // The workers of this kind take guard lock 0 (always, or when its switch is on).
    static bool usesGuardLock(ScenarioKind kind);
    // The bounded queue's two guard locks: lock 0 for put(), lock 1 for get()
    // (Python's Queue: _wlock and _rlock). One "lock" switch for both.
    static bool hasPutAndGetLocks(ScenarioKind kind);

    // Built-in scenarios live in resources/scenarios/*.json (compiled in as
    // :/scenarios/NAME.json); names sorted.
    static QStringList builtinNames();
    // NAME of a built-in or path of a JSON file. nullopt + *error on failure.
    static std::optional<Scenario> load(const QString& nameOrFile, QString* error);
    static std::optional<Scenario> fromJson(const QByteArray& json, QString* error);

    // The UI language (BCP 47 / QLocale name, e.g. "zh_CN") that title() and
    // help() follow; QLocale().name() until set. Set it from the GUI thread.
    static void setUiLanguage(const QString& bcp47);
    static QString uiLanguage();

    // A scenario of that kind with every parameter at its default.
    explicit Scenario(ScenarioKind kind = ScenarioKind::Counter);

    // "key=value" as given to --set; validated like the file.
    bool applySetting(const QString& keyEqualsValue, QString* error);
    // Validated setter; on error the value is unchanged.
    bool setValue(const QString& key, qint64 value, QString* error);
    qint64 value(const QString& key) const; // the default if never set
    const QMap<QString, qint64>& values() const { return m_values; }

    ScenarioKind kind() const { return m_kind; }
    QString name() const { return m_name; }
    // zh_CN text when uiLanguage() is Chinese and the file has it, else English
    // (a missing title falls back to the name).
    QString title() const;
    QString help() const;
    QString python() const { return m_python; }

    QJsonObject toJson() const; // loads back with fromJson

private:
    ScenarioKind m_kind;
    QString m_name;
    QString m_title, m_titleZh, m_help, m_helpZh;
    QString m_python;
    QMap<QString, qint64> m_values;

    static std::optional<Scenario> parse(const QByteArray& json, const QString& defaultName,
                                         QString* error);
};

// Formats a value for display and for --set: "on"/"off" for switches.
QString formatParameterValue(const ParameterSpec& spec, qint64 value);

} // namespace ipcscope
