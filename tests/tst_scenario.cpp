// Scenario: loading, validation and the parameter specs. Every rejection must
// name the field (or file, or argument) and, for numbers, the allowed range.
#include "Scenario.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ipcscope;

Q_DECLARE_METATYPE(ipcscope::ScenarioKind)

namespace {

const QString kQueueKeys =
    QStringLiteral("producers, consumers, capacity, items, lock, produce_us, consume_us, think_us, "
                   "put_timeout_ms, get_timeout_ms, nowait, check_first");
const QString kAllKinds =
    QStringLiteral("counter, queue, array, semaphore, event, barrier, deadlock, "
                   "abandoned-lock, condition, joinable-queue, pipe, socket, manager");
const QString kCounterKeys = QStringLiteral("workers, iterations, lock, think_us, shared");

QByteArray queueWith(const QByteArray& parameters)
{
    return R"({"kind": "queue", "parameters": {)" + parameters + "}}";
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

    QString m_savedLanguage;

private slots:
    void initTestCase() { m_savedLanguage = Scenario::uiLanguage(); }
    void cleanup() { Scenario::setUiLanguage(m_savedLanguage); }

    // --- the spec tables --------------------------------------------------

    void kindName_roundTrips_data()
    {
        QTest::addColumn<ScenarioKind>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("counter") << ScenarioKind::Counter << QStringLiteral("counter");
        QTest::newRow("queue") << ScenarioKind::Queue << QStringLiteral("queue");
    }
    void kindName_roundTrips()
    {
        QFETCH(ScenarioKind, kind);
        QFETCH(QString, name);
        QCOMPARE(Scenario::kindName(kind), name);
        QCOMPARE(Scenario::kindFromName(name), std::optional<ScenarioKind>(kind));
    }

    void kindFromName_rejectsOthers()
    {
        QVERIFY(!Scenario::kindFromName(QStringLiteral("stack")));
        QVERIFY(!Scenario::kindFromName(QStringLiteral("Queue")));
        QVERIFY(!Scenario::kindFromName(QString()));
    }

    void specTable_isConsistent_data()
    {
        QTest::addColumn<ScenarioKind>("kind");
        QTest::addColumn<QString>("keys");
        QTest::newRow("counter") << ScenarioKind::Counter << kCounterKeys;
        QTest::newRow("queue") << ScenarioKind::Queue << kQueueKeys;
        QTest::newRow("array") << ScenarioKind::Array
                               << QStringLiteral("workers, length, iterations, lock, think_us");
        QTest::newRow("semaphore")
            << ScenarioKind::Semaphore
            << QStringLiteral("workers, permits, entries, hold_us, bounded, over_release");
        QTest::newRow("event") << ScenarioKind::Event
                               << QStringLiteral(
                                      "waiters, timed_waiters, timeout_ms, set_after_ms");
        QTest::newRow("barrier") << ScenarioKind::Barrier
                                 << QStringLiteral("parties, rounds, work_us");
        QTest::newRow("deadlock") << ScenarioKind::Deadlock
                                  << QStringLiteral("workers, opposite_order, gap_us, iterations");
        QTest::newRow("abandoned-lock")
            << ScenarioKind::AbandonedLock
            << QStringLiteral("workers, iterations, think_us, robust, kill_after_ms");
        QTest::newRow("condition") << ScenarioKind::Condition
                                   << QStringLiteral("producers, consumers, items, notify_all, "
                                                     "use_while, produce_us, consume_us");
        QTest::newRow("joinable-queue")
            << ScenarioKind::JoinableQueue
            << QStringLiteral("producers, consumers, capacity, items, produce_us, consume_us");
        QTest::newRow("pipe") << ScenarioKind::Pipe << QStringLiteral("messages, send_us");
        QTest::newRow("socket") << ScenarioKind::Socket
                                << QStringLiteral("clients, messages, send_us");
        QTest::newRow("manager") << ScenarioKind::Manager
                                 << QStringLiteral("clients, rounds, send_us");
    }
    void specTable_isConsistent()
    {
        QFETCH(ScenarioKind, kind);
        QFETCH(QString, keys);
        QStringList seen;
        for (const ParameterSpec& spec : Scenario::parameterSpecs(kind)) {
            const QString key = QString::fromLatin1(spec.key);
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.append(key);
            QVERIFY2(spec.minimum <= spec.defaultValue && spec.defaultValue <= spec.maximum,
                     qPrintable(key));
            QVERIFY2(qstrlen(spec.description) > 20, qPrintable(key));
            QVERIFY2(qstrlen(spec.python) > 0, qPrintable(key));
            if (spec.type == ParameterSpec::Type::Switch) {
                QCOMPARE(spec.minimum, 0);
                QCOMPARE(spec.maximum, 1);
            }
            QCOMPARE(Scenario::findSpec(kind, key), &spec);
        }
        QCOMPARE(seen.join(QLatin1String(", ")), keys);
        QVERIFY(!Scenario::findSpec(kind, QStringLiteral("colour")));
    }

    void spec_rangesAndDefaults_data()
    {
        QTest::addColumn<ScenarioKind>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<qint64>("minimum");
        QTest::addColumn<qint64>("maximum");
        QTest::addColumn<qint64>("defaultValue");
        QTest::addColumn<bool>("live");
        const auto counter = ScenarioKind::Counter;
        const auto queue = ScenarioKind::Queue;
        QTest::newRow("counter workers") << counter << "workers" << 1LL << 64LL << 4LL << false;
        QTest::newRow("counter iterations")
            << counter << "iterations" << 1LL << 1000000000LL << 100000LL << false;
        QTest::newRow("counter lock") << counter << "lock" << 0LL << 1LL << 1LL << true;
        QTest::newRow("counter think_us")
            << counter << "think_us" << 0LL << 100000LL << 0LL << true;
        QTest::newRow("queue producers") << queue << "producers" << 1LL << 64LL << 2LL << false;
        QTest::newRow("queue consumers") << queue << "consumers" << 1LL << 64LL << 2LL << false;
        QTest::newRow("queue capacity") << queue << "capacity" << 1LL << 65536LL << 8LL << false;
        QTest::newRow("queue items") << queue << "items" << 1LL << 1000000000LL << 2000LL << false;
        QTest::newRow("queue lock") << queue << "lock" << 0LL << 1LL << 1LL << true;
        QTest::newRow("queue produce_us")
            << queue << "produce_us" << 0LL << 1000000LL << 0LL << true;
        QTest::newRow("queue consume_us")
            << queue << "consume_us" << 0LL << 1000000LL << 0LL << true;
        QTest::newRow("queue think_us") << queue << "think_us" << 0LL << 100000LL << 0LL << true;
    }
    void spec_rangesAndDefaults()
    {
        QFETCH(ScenarioKind, kind);
        QFETCH(QString, key);
        QFETCH(qint64, minimum);
        QFETCH(qint64, maximum);
        QFETCH(qint64, defaultValue);
        QFETCH(bool, live);
        const ParameterSpec* spec = Scenario::findSpec(kind, key);
        QVERIFY(spec);
        QCOMPARE(spec->minimum, minimum);
        QCOMPARE(spec->maximum, maximum);
        QCOMPARE(spec->defaultValue, defaultValue);
        QCOMPARE(spec->live, live);
    }

    void defaults_fillEveryParameter_data() { specTable_isConsistent_data(); }
    void defaults_fillEveryParameter()
    {
        QFETCH(ScenarioKind, kind);
        const Scenario scenario(kind);
        QCOMPARE(scenario.kind(), kind);
        QCOMPARE(scenario.name(), Scenario::kindName(kind));
        QCOMPARE(scenario.values().size(), Scenario::parameterSpecs(kind).size());
        for (const ParameterSpec& spec : Scenario::parameterSpecs(kind))
            QCOMPARE(scenario.value(QString::fromLatin1(spec.key)), spec.defaultValue);
    }

    // --- built-ins ---------------------------------------------------------

    void builtinNames_listTheResourceDirectory()
    {
        QCOMPARE(Scenario::builtinNames(),
                 QStringList({"abandoned-lock", "array", "barrier", "condition", "counter",
                              "counter-unshared", "deadlock", "event", "joinable-queue", "manager",
                              "pipe", "queue", "semaphore", "socket"}));
        QVERIFY(QFile::exists(QStringLiteral(":/scenarios/counter.json")));
        QVERIFY(QFile::exists(QStringLiteral(":/scenarios/queue.json")));
    }

    void builtins_loadAndValidate_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<ScenarioKind>("kind");
        QTest::addColumn<QStringList>("parameters");
        QTest::addColumn<QString>("pythonMentions");
        QTest::newRow("counter") << "counter" << ScenarioKind::Counter
                                 << QStringList{"workers=4", "iterations=200000", "lock=on",
                                                "think_us=2", "shared=on"}
                                 << "get_lock()";
        QTest::newRow("queue") << "queue" << ScenarioKind::Queue
                               << QStringList{"producers=2",      "consumers=2", "capacity=8",
                                              "items=20000",      "lock=on",     "produce_us=300",
                                              "consume_us=500",   "think_us=0",  "put_timeout_ms=0",
                                              "get_timeout_ms=0", "nowait=off",  "check_first=off"}
                               << "Queue(maxsize=8)";
        QTest::newRow("counter-unshared")
            << "counter-unshared" << ScenarioKind::Counter
            << QStringList{"workers=4", "iterations=100000", "lock=off", "think_us=0", "shared=off"}
            << "global";
        QTest::newRow("array") << "array" << ScenarioKind::Array
                               << QStringList{"workers=4", "length=8", "iterations=20000",
                                              "lock=on", "think_us=2"}
                               << "Array('i', length)";
        QTest::newRow("semaphore") << "semaphore" << ScenarioKind::Semaphore
                                   << QStringList{"workers=6",    "permits=2",  "entries=100",
                                                  "hold_us=3000", "bounded=on", "over_release=on"}
                                   << "BoundedSemaphore(";
        QTest::newRow("event") << "event" << ScenarioKind::Event
                               << QStringList{"waiters=4", "timed_waiters=1", "timeout_ms=500",
                                              "set_after_ms=1500"}
                               << "Event()";
        QTest::newRow("barrier") << "barrier" << ScenarioKind::Barrier
                                 << QStringList{"parties=4", "rounds=40", "work_us=20000"}
                                 << "Barrier(";
        QTest::newRow("deadlock") << "deadlock" << ScenarioKind::Deadlock
                                  << QStringList{"workers=2", "opposite_order=on", "gap_us=2000",
                                                 "iterations=1000"}
                                  << "Lock()";
        QTest::newRow("abandoned-lock")
            << "abandoned-lock" << ScenarioKind::AbandonedLock
            << QStringList{"workers=3", "iterations=3000", "think_us=200", "robust=off",
                           "kill_after_ms=1000"}
            << "Lock()";
        QTest::newRow("condition")
            << "condition" << ScenarioKind::Condition
            << QStringList{"producers=1",  "consumers=3",     "items=300",   "notify_all=off",
                           "use_while=on", "produce_us=3000", "consume_us=0"}
            << "Condition()";
        QTest::newRow("joinable-queue")
            << "joinable-queue" << ScenarioKind::JoinableQueue
            << QStringList{"producers=1", "consumers=2",    "capacity=8",
                           "items=200",   "produce_us=500", "consume_us=3000"}
            << "JoinableQueue(";
        QTest::newRow("pipe") << "pipe" << ScenarioKind::Pipe
                              << QStringList{"messages=300", "send_us=5000"} << "Pipe()";
        QTest::newRow("socket") << "socket" << ScenarioKind::Socket
                                << QStringList{"clients=4", "messages=200", "send_us=5000"}
                                << "AF_UNIX";
        QTest::newRow("manager") << "manager" << ScenarioKind::Manager
                                 << QStringList{"clients=3", "rounds=200", "send_us=2000"}
                                 << "Manager()";
    }
    void builtins_loadAndValidate()
    {
        QFETCH(QString, name);
        QFETCH(ScenarioKind, kind);
        QFETCH(QStringList, parameters);
        QFETCH(QString, pythonMentions);
        QString error;
        const auto scenario = Scenario::load(name, &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->kind(), kind);
        QCOMPARE(scenario->name(), name);
        QVERIFY(scenario->python().contains(pythonMentions));
        QStringList actual;
        for (const ParameterSpec& spec : Scenario::parameterSpecs(kind))
            actual.append(QStringLiteral("%1=%2").arg(
                QLatin1String(spec.key),
                formatParameterValue(spec, scenario->value(QString::fromLatin1(spec.key)))));
        QCOMPARE(actual, parameters);

        // Both languages are written, and they differ.
        Scenario::setUiLanguage(QStringLiteral("en"));
        const QString titleEn = scenario->title();
        const QString helpEn = scenario->help();
        Scenario::setUiLanguage(QStringLiteral("zh_CN"));
        const QString titleZh = scenario->title();
        const QString helpZh = scenario->help();
        QVERIFY(!titleEn.isEmpty() && !titleZh.isEmpty() && titleEn != titleZh);
        QVERIFY(helpEn.size() > 200 && helpZh.size() > 100 && helpEn != helpZh);
        QVERIFY(helpEn.contains(pythonMentions) || helpEn.contains(QStringLiteral("get_lock")));

        // What the file says loads back the same through toJson.
        const auto again = Scenario::fromJson(QJsonDocument(scenario->toJson()).toJson(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->values(), scenario->values());
    }

    void unknownScenario_listsBuiltins()
    {
        QString error;
        QVERIFY(!Scenario::load(QStringLiteral("nope"), &error));
        QCOMPARE(error, QStringLiteral(
                            "unknown scenario 'nope' (built-in: abandoned-lock, array, barrier, "
                            "condition, counter, counter-unshared, deadlock, event, "
                            "joinable-queue, manager, pipe, queue, semaphore, socket; "
                            "or give "
                            "a path to a JSON file)"));
        QVERIFY(!Scenario::load(QString(), &error));
        QVERIFY(error.startsWith(QStringLiteral("unknown scenario ''")));
    }

    // --- files -------------------------------------------------------------

    void file_loadsAndTakesItsBaseName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("name");
        QTest::newRow("no name: the file's base name")
            << "my-experiment.json" << QByteArray(R"({"kind": "queue"})") << "my-experiment";
        QTest::newRow("dots inside the base name")
            << "slow.consumers.json" << QByteArray(R"({"kind": "queue"})") << "slow.consumers";
        QTest::newRow("empty name: the file's base name")
            << "fallback.json" << QByteArray(R"({"kind": "queue", "name": ""})") << "fallback";
        QTest::newRow("name given")
            << "x.json" << QByteArray(R"({"kind": "counter", "name": "mine"})") << "mine";
    }
    void file_loadsAndTakesItsBaseName()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = writeFile(dir, fileName, content);
        QVERIFY(!path.isEmpty());
        QString error;
        const auto scenario = Scenario::load(path, &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->name(), name);
    }

    void fromJson_withoutName_takesTheKindName()
    {
        QString error;
        const auto scenario = Scenario::fromJson(R"({"kind": "counter"})", &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->name(), QStringLiteral("counter"));
        QCOMPARE(scenario->title(), QStringLiteral("counter")); // no title: the name
    }

    void file_errorsNameThePath()
    {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("bad.json"), queueWith(R"("capacity": 70000)"));
        QString error;
        QVERIFY(!Scenario::load(path, &error));
        QCOMPARE(error, path + QStringLiteral(": capacity: must be 1..65536, got 70000"));
    }

    void file_unreadable_namesPath_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << "missing"
                                 << "No such file or directory";
        QTest::newRow("directory") << "directory"
                                   << "directory";
        QTest::newRow("no permission") << "no permission"
                                       << "Permission denied";
        QTest::newRow("larger than 1 MiB") << "too large"
                                           << "larger than 1048576 bytes";
    }
    void file_unreadable_namesPath()
    {
        QFETCH(QString, what);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("absent.json"));
        if (what == QLatin1String("directory")) {
            path = dir.filePath(QStringLiteral("folder.json"));
            QVERIFY(QDir().mkdir(path));
        } else if (what == QLatin1String("no permission")) {
            if (::geteuid() == 0)
                QSKIP("root reads every file");
            path = writeFile(dir, QStringLiteral("secret.json"), R"({"kind": "queue"})");
            QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        } else if (what == QLatin1String("too large")) {
            // Valid JSON, only far too big: refused before parsing.
            const QByteArray padding(1024 * 1024, ' ');
            path = writeFile(dir, QStringLiteral("huge.json"), R"({"kind": "queue"})" + padding);
        }
        QVERIFY(!path.isEmpty());
        QString error;
        QVERIFY(!Scenario::load(path, &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot read scenario file ") + path),
                 qPrintable(error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    // --- validation ----------------------------------------------------------

    void missingParameters_takeDefaults()
    {
        QString error;
        const auto scenario = Scenario::fromJson(queueWith(R"("capacity": 3)"), &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->value(QStringLiteral("capacity")), 3);
        QCOMPARE(scenario->value(QStringLiteral("producers")), 2);
        QCOMPARE(scenario->value(QStringLiteral("items")), 2000);
        QCOMPARE(scenario->values().size(), Scenario::parameterSpecs(ScenarioKind::Queue).size());
    }

    void outOfRange_namesFieldAndRange_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no consumer") << "queue"
                                     << "consumers" << 0LL << "consumers: must be 1..64, got 0";
        QTest::newRow("too many producers")
            << "queue"
            << "producers" << 65LL << "producers: must be 1..64, got 65";
        QTest::newRow("queue too large")
            << "queue"
            << "capacity" << 70000LL << "capacity: must be 1..65536, got 70000";
        QTest::newRow("negative delay")
            << "queue"
            << "consume_us" << -1LL << "consume_us: must be 0..1000000, got -1";
        QTest::newRow("no worker") << "counter"
                                   << "workers" << 0LL << "workers: must be 1..64, got 0";
        QTest::newRow("too many iterations")
            << "counter"
            << "iterations" << 1000000001LL << "iterations: must be 1..1000000000, got 1000000001";
        QTest::newRow("think too long")
            << "counter"
            << "think_us" << 100001LL << "think_us: must be 0..100000, got 100001";
    }
    void outOfRange_namesFieldAndRange()
    {
        QFETCH(QString, kind);
        QFETCH(QString, key);
        QFETCH(qint64, value);
        QFETCH(QString, message);

        // The same words whichever way the value arrives: file, --set, form.
        QString error;
        const QByteArray json = QStringLiteral(R"({"kind": "%1", "parameters": {"%2": %3}})")
                                    .arg(kind, key)
                                    .arg(value)
                                    .toUtf8();
        QVERIFY(!Scenario::fromJson(json, &error));
        QCOMPARE(error, message);

        Scenario scenario(*Scenario::kindFromName(kind));
        const qint64 before = scenario.value(key);
        error.clear();
        QVERIFY(!scenario.applySetting(QStringLiteral("%1=%2").arg(key).arg(value), &error));
        QCOMPARE(error, message);
        error.clear();
        QVERIFY(!scenario.setValue(key, value, &error));
        QCOMPARE(error, message);
        QCOMPARE(scenario.value(key), before);
    }

    void hugeNumbers_reportTheRange_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::addColumn<QString>("message");
        QTest::newRow("1e20") << QByteArray("1e20") << "items: must be 1..1000000000, got 1e+20";
        QTest::newRow("beyond qint64")
            << QByteArray("99999999999999999999") << "items: must be 1..1000000000, got 1e+20";
        QTest::newRow("just above")
            << QByteArray("1000000001") << "items: must be 1..1000000000, got 1000000001";
        QTest::newRow("very negative")
            << QByteArray("-9223372036854775808")
            << "items: must be 1..1000000000, got -9.2233720368547758e+18";
    }
    void hugeNumbers_reportTheRange()
    {
        QFETCH(QByteArray, number);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!Scenario::fromJson(queueWith(R"("items": )" + number), &error));
        QCOMPARE(error, message);
    }

    void boundaries_areAccepted_data()
    {
        QTest::addColumn<QByteArray>("parameters");
        QTest::newRow("minimums") << QByteArray(R"("producers": 1, "consumers": 1, "capacity": 1,
            "items": 1, "produce_us": 0, "consume_us": 0, "think_us": 0)");
        QTest::newRow("maximums") << QByteArray(R"("producers": 64, "consumers": 64,
            "capacity": 65536, "items": 1000000000, "produce_us": 1000000,
            "consume_us": 1000000, "think_us": 100000)");
        QTest::newRow("integral written as 8.0") << QByteArray(R"("capacity": 8.0)");
    }
    void boundaries_areAccepted()
    {
        QFETCH(QByteArray, parameters);
        QString error;
        QVERIFY2(Scenario::fromJson(queueWith(parameters), &error), qPrintable(error));
    }

    void unknownKey_isRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("parameter of no kind")
            << queueWith(R"("foo": 1)")
            << "parameters.foo: unknown parameter of a queue scenario (known: " + kQueueKeys + ")";
        QTest::newRow("parameter of the other kind")
            << queueWith(R"("workers": 4)")
            << "parameters.workers: unknown parameter of a queue scenario (known: " + kQueueKeys +
                   ")";
        QTest::newRow("queue parameter in a counter")
            << QByteArray(R"({"kind": "counter", "parameters": {"capacity": 8}})")
            << "parameters.capacity: unknown parameter of a counter scenario (known: " +
                   kCounterKeys + ")";
        QTest::newRow("top-level typo")
            << QByteArray(R"({"kind": "queue", "paramters": {}})")
            << QStringLiteral("paramters: unknown key (known: format, name, kind, title, "
                              "title_zh_CN, help, help_zh_CN, python, parameters)");
        QTest::newRow("unknown translation")
            << QByteArray(R"({"kind": "queue", "title_fr": "File"})")
            << QStringLiteral("title_fr: unknown key (known: format, name, kind, title, "
                              "title_zh_CN, help, help_zh_CN, python, parameters)");
    }
    void unknownKey_isRejected()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!Scenario::fromJson(json, &error));
        QCOMPARE(error, message);
    }

    void wrongType_isRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("integer as string") << queueWith(R"("capacity": "8")")
                                           << "capacity: must be an integer in 1..65536, got '8'";
        QTest::newRow("fractional") << queueWith(R"("capacity": 2.5)")
                                    << "capacity: must be an integer in 1..65536, got 2.5";
        QTest::newRow("null") << queueWith(R"("items": null)")
                              << "items: must be an integer in 1..1000000000, got null";
        QTest::newRow("boolean for a number") << queueWith(R"("producers": true)")
                                              << "producers: must be an integer in 1..64, got true";
        QTest::newRow("array") << queueWith(R"("consumers": [2])")
                               << "consumers: must be an integer in 1..64, got an array";
        QTest::newRow("switch as a number")
            << queueWith(R"("lock": 1)") << "lock: must be on or off, got 1";
        QTest::newRow("switch as another word")
            << queueWith(R"("lock": "maybe")") << "lock: must be on or off, got 'maybe'";
        QTest::newRow("parameters as array") << QByteArray(R"({"kind": "queue", "parameters": []})")
                                             << "parameters: must be an object, got an array";
        QTest::newRow("name as number")
            << QByteArray(R"({"kind": "queue", "name": 3})") << "name: must be a string, got 3";
        QTest::newRow("help as object") << QByteArray(R"({"kind": "queue", "help": {}})")
                                        << "help: must be a string, got an object";
        QTest::newRow("kind missing")
            << QByteArray(R"({"name": "q"})") << "kind: missing (one of: " + kAllKinds + ")";
        QTest::newRow("kind unknown") << QByteArray(R"({"kind": "stack"})")
                                      << "kind: must be one of " + kAllKinds + ", got 'stack'";
        QTest::newRow("kind as number")
            << QByteArray(R"({"kind": 1})") << "kind: must be one of " + kAllKinds + ", got 1";
        QTest::newRow("format as string")
            << QByteArray(R"({"format": "1", "kind": "queue"})")
            << "format: must be a version number from 1 to 1, got '1'";
        QTest::newRow("format zero") << QByteArray(R"({"format": 0, "kind": "queue"})")
                                     << "format: must be a version number from 1 to 1, got 0";
        QTest::newRow("format newer") << QByteArray(R"({"format": 2, "kind": "queue"})")
                                      << "format: version 2 is newer than this ipcscope "
                                         "understands (1)";
    }
    void wrongType_isRejected() { unknownKey_isRejected(); }

    void switch_inJson_acceptsOnOffAndBooleans_data()
    {
        QTest::addColumn<QByteArray>("lock");
        QTest::addColumn<qint64>("value");
        QTest::newRow("on") << QByteArray(R"("on")") << 1LL;
        QTest::newRow("off") << QByteArray(R"("off")") << 0LL;
        QTest::newRow("true") << QByteArray("true") << 1LL;
        QTest::newRow("false") << QByteArray("false") << 0LL;
    }
    void switch_inJson_acceptsOnOffAndBooleans()
    {
        QFETCH(QByteArray, lock);
        QFETCH(qint64, value);
        QString error;
        const auto scenario = Scenario::fromJson(queueWith(R"("lock": )" + lock), &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->value(QStringLiteral("lock")), value);
    }

    void format_currentOrAbsent_isAccepted()
    {
        QString error;
        QVERIFY2(Scenario::fromJson(R"({"format": 1, "kind": "queue"})", &error),
                 qPrintable(error));
        QVERIFY2(Scenario::fromJson(R"({"kind": "queue"})", &error), qPrintable(error));
    }

    void malformedJson_isRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("startsWith");
        const QString notJson = QStringLiteral("not valid JSON: ");
        QTest::newRow("empty") << QByteArray() << notJson;
        QTest::newRow("unterminated") << QByteArray(R"({"kind": "queue")") << notJson;
        QTest::newRow("trailing comma") << QByteArray(R"({"kind": "queue",})") << notJson;
        QTest::newRow("single quotes") << QByteArray("{'kind': 'queue'}") << notJson;
        QTest::newRow("prose") << QByteArray("queue please") << notJson;
        QTest::newRow("garbage after") << QByteArray(R"({"kind": "queue"} x)") << notJson;
        QTest::newRow("an array") << QByteArray(R"([{"kind": "queue"}])")
                                  << "a scenario must be a JSON object, got an array";
    }
    void malformedJson_isRejected()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, startsWith);
        QString error;
        QVERIFY(!Scenario::fromJson(json, &error));
        QVERIFY2(error.startsWith(startsWith), qPrintable(error));
        if (startsWith.startsWith(QLatin1String("not valid JSON")))
            QVERIFY2(error.contains(QRegularExpression(QStringLiteral(" at offset \\d+$"))),
                     qPrintable(error));
    }

    void errors_toleratesNullErrorPointer()
    {
        QVERIFY(!Scenario::fromJson("{", nullptr));
        QVERIFY(!Scenario::load(QStringLiteral("nope"), nullptr));
        Scenario scenario(ScenarioKind::Queue);
        QVERIFY(!scenario.applySetting(QStringLiteral("consumers=0"), nullptr));
    }

    // --- --set ---------------------------------------------------------------

    void setting_parsesOnOff_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("key");
        QTest::addColumn<qint64>("value");
        QTest::newRow("off") << "counter"
                             << "lock=off"
                             << "lock" << 0LL;
        QTest::newRow("on") << "queue"
                            << "lock=on"
                            << "lock" << 1LL;
        QTest::newRow("false") << "queue"
                               << "lock=false"
                               << "lock" << 0LL;
        QTest::newRow("true") << "queue"
                              << "lock=true"
                              << "lock" << 1LL;
        QTest::newRow("upper case") << "queue"
                                    << "lock=OFF"
                                    << "lock" << 0LL;
        QTest::newRow("0 as inside") << "queue"
                                     << "lock=0"
                                     << "lock" << 0LL;
        QTest::newRow("spaces around") << "queue"
                                       << " lock = off "
                                       << "lock" << 0LL;
        QTest::newRow("integer") << "counter"
                                 << "think_us=250"
                                 << "think_us" << 250LL;
        QTest::newRow("lowest") << "queue"
                                << "capacity=1"
                                << "capacity" << 1LL;
        QTest::newRow("highest") << "queue"
                                 << "capacity=65536"
                                 << "capacity" << 65536LL;
    }
    void setting_parsesOnOff()
    {
        QFETCH(QString, kind);
        QFETCH(QString, setting);
        QFETCH(QString, key);
        QFETCH(qint64, value);
        Scenario scenario(*Scenario::kindFromName(kind));
        QString error;
        QVERIFY2(scenario.applySetting(setting, &error), qPrintable(error));
        QCOMPARE(scenario.value(key), value);
    }

    void setting_isRejected_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("message");
        QTest::newRow("switch word") << "counter"
                                     << "lock=maybe"
                                     << "lock: must be on or off, got 'maybe'";
        QTest::newRow("switch number") << "counter"
                                       << "lock=2"
                                       << "lock: must be on or off, got '2'";
        QTest::newRow("no equals sign") << "queue"
                                        << "lockoff"
                                        << "expected key=value, got 'lockoff'";
        QTest::newRow("not a number") << "queue"
                                      << "consumers=abc"
                                      << "consumers: must be an integer in 1..64, got 'abc'";
        QTest::newRow("fractional") << "queue"
                                    << "consumers=2.5"
                                    << "consumers: must be an integer in 1..64, got '2.5'";
        QTest::newRow("empty value") << "queue"
                                     << "consumers="
                                     << "consumers: must be an integer in 1..64, got ''";
        QTest::newRow("unknown key")
            << "queue"
            << "colour=blue"
            << "unknown key 'colour' for a queue scenario (known: " + kQueueKeys + ")";
        QTest::newRow("key of the other kind") << "counter"
                                               << "capacity=8"
                                               << "unknown key 'capacity' for a counter "
                                                  "scenario (known: " +
                                                      kCounterKeys + ")";
        QTest::newRow("empty key")
            << "counter"
            << "=3"
            << "unknown key '' for a counter scenario (known: " + kCounterKeys + ")";
    }
    void setting_isRejected()
    {
        QFETCH(QString, kind);
        QFETCH(QString, setting);
        QFETCH(QString, message);
        Scenario scenario(*Scenario::kindFromName(kind));
        const auto before = scenario.values();
        QString error;
        QVERIFY(!scenario.applySetting(setting, &error));
        QCOMPARE(error, message);
        QCOMPARE(scenario.values(), before);
    }

    void setValue_switchTakesOnlyZeroOrOne()
    {
        Scenario scenario(ScenarioKind::Counter);
        QString error;
        QVERIFY(scenario.setValue(QStringLiteral("lock"), 0, &error));
        QCOMPARE(scenario.value(QStringLiteral("lock")), 0);
        QVERIFY(!scenario.setValue(QStringLiteral("lock"), 2, &error));
        QCOMPARE(error, QStringLiteral("lock: must be on or off, got 2"));
        QCOMPARE(scenario.value(QStringLiteral("lock")), 0);
    }

    // --- output --------------------------------------------------------------

    void formatParameterValue_onOffOrNumber_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("switch on") << "lock" << 1LL << "on";
        QTest::newRow("switch off") << "lock" << 0LL << "off";
        QTest::newRow("integer") << "items" << 20000LL << "20000";
        QTest::newRow("zero") << "think_us" << 0LL << "0";
    }
    void formatParameterValue_onOffOrNumber()
    {
        QFETCH(QString, key);
        QFETCH(qint64, value);
        QFETCH(QString, text);
        const ParameterSpec* spec = Scenario::findSpec(ScenarioKind::Queue, key);
        QVERIFY(spec);
        QCOMPARE(ipcscope::formatParameterValue(*spec, value), text);
    }

    void toJson_writesSwitchesAsOnOff()
    {
        Scenario scenario(ScenarioKind::Queue);
        QVERIFY(scenario.applySetting(QStringLiteral("lock=off"), nullptr));
        const QJsonObject json = scenario.toJson();
        QCOMPARE(json[QLatin1String("format")].toInt(), Scenario::kFormatVersion);
        QCOMPARE(json[QLatin1String("kind")].toString(), QStringLiteral("queue"));
        const QJsonObject parameters = json[QLatin1String("parameters")].toObject();
        QCOMPARE(parameters[QLatin1String("lock")].toString(), QStringLiteral("off"));
        QCOMPARE(parameters[QLatin1String("capacity")].toInteger(), 8);
        QCOMPARE(parameters.size(), Scenario::parameterSpecs(ScenarioKind::Queue).size());
    }

    void roundTrip_toJsonFromJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("settings");
        QTest::newRow("default counter") << QByteArray(R"({"kind": "counter"})") << QStringList();
        QTest::newRow("default queue") << QByteArray(R"({"kind": "queue"})") << QStringList();
        QTest::newRow("changed after loading")
            << QByteArray(R"({"kind": "queue", "name": "slow"})")
            << QStringList{"lock=off", "consume_us=1000000", "items=1000000000"};
        QTest::newRow("every text field")
            << QByteArray(R"json({"format": 1, "name": "n", "kind": "counter", "title": "T",
                "title_zh_CN": "标题", "help": "H\n\nmore", "help_zh_CN": "说明",
                "python": "Value('i', 0)", "parameters": {"workers": 64, "lock": false}})json")
            << QStringList{"think_us=100000"};
    }
    void roundTrip_toJsonFromJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, settings);
        QString error;
        auto original = Scenario::fromJson(json, &error);
        QVERIFY2(original, qPrintable(error));
        for (const QString& setting : settings)
            QVERIFY2(original->applySetting(setting, &error), qPrintable(error));

        const QByteArray written = QJsonDocument(original->toJson()).toJson();
        const auto loaded = Scenario::fromJson(written, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->kind(), original->kind());
        QCOMPARE(loaded->name(), original->name());
        QCOMPARE(loaded->python(), original->python());
        QCOMPARE(loaded->values(), original->values());
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            Scenario::setUiLanguage(language);
            QCOMPARE(loaded->title(), original->title());
            QCOMPARE(loaded->help(), original->help());
        }
        QCOMPARE(loaded->toJson(), original->toJson());
    }

    // --- language --------------------------------------------------------------

    void title_followsUiLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("help");
        const QByteArray both = R"({"kind": "queue", "title": "Queue", "title_zh_CN": "队列",
                                    "help": "Help", "help_zh_CN": "说明"})";
        const QByteArray english = R"({"kind": "queue", "title": "Queue", "help": "Help"})";
        QTest::newRow("English") << "en" << both << "Queue"
                                 << "Help";
        QTest::newRow("English (US)") << "en_US" << both << "Queue"
                                      << "Help";
        QTest::newRow("German: English text") << "de_DE" << both << "Queue"
                                              << "Help";
        QTest::newRow("Simplified Chinese") << "zh_CN" << both << "队列"
                                            << "说明";
        QTest::newRow("any Chinese") << "zh_TW" << both << "队列"
                                     << "说明";
        QTest::newRow("Chinese, file without it") << "zh_CN" << english << "Queue"
                                                  << "Help";
    }
    void title_followsUiLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QByteArray, json);
        QFETCH(QString, title);
        QFETCH(QString, help);
        Scenario::setUiLanguage(language);
        QCOMPARE(Scenario::uiLanguage(), language);
        QString error;
        const auto scenario = Scenario::fromJson(json, &error);
        QVERIFY2(scenario, qPrintable(error));
        QCOMPARE(scenario->title(), title);
        QCOMPARE(scenario->help(), help);
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
