// The headless command line end to end: the contract scripts rely on.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode;
        QString out;
        QString err;
    };

    static Run
    ipcscope(const QStringList& arguments, int timeoutMs = 120'000,
             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ipcscope")),
            arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return {-1, {}, QStringLiteral("timed out")};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    static bool writeFile(const QString& path, const QByteArray& content)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    static QJsonObject readJson(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

private slots:
    void listScenarios_namesTheBuiltins()
    {
        const Run run = ipcscope({QStringLiteral("--list-scenarios")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("counter")));
        QVERIFY(run.out.contains(QStringLiteral("queue")));
    }

    void counter_headless_exportsSummaryAndSamples()
    {
        QTemporaryDir dir;
        const Run run = ipcscope(
            {QStringLiteral("--headless"), QStringLiteral("--scenario"), QStringLiteral("counter"),
             QStringLiteral("--set"), QStringLiteral("workers=3"), QStringLiteral("--set"),
             QStringLiteral("iterations=20000"), QStringLiteral("--set"),
             QStringLiteral("lock=off"), QStringLiteral("--set"), QStringLiteral("think_us=2"),
             QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = readJson(dir.filePath(QStringLiteral("summary.json")));
        QCOMPARE(summary[QStringLiteral("scenario")].toString(), QStringLiteral("counter"));
        QVERIFY(summary[QStringLiteral("duration_s")].toDouble() > 0);
        const QJsonArray workers = summary[QStringLiteral("workers")].toArray();
        QCOMPARE(workers.size(), 3);
        for (const auto& w : workers) {
            const QJsonObject worker = w.toObject();
            QCOMPARE(worker[QStringLiteral("role")].toString(), QStringLiteral("incrementer"));
            QCOMPARE(worker[QStringLiteral("exit")].toString(), QStringLiteral("ok"));
            QCOMPARE(worker[QStringLiteral("ops")].toInt(), 20000);
            QVERIFY(worker[QStringLiteral("pid")].toInt() > 0);
        }
        const QJsonObject counter = summary[QStringLiteral("counter")].toObject();
        QCOMPARE(counter[QStringLiteral("expected")].toInt(), 60000);
        QVERIFY(counter[QStringLiteral("lost_updates")].toInt() > 0);
        QCOMPARE(counter[QStringLiteral("actual")].toInt() +
                     counter[QStringLiteral("lost_updates")].toInt(),
                 60000);
        QVERIFY(counter.contains(QStringLiteral("overlapping_windows")));
        const QJsonObject events = summary[QStringLiteral("events")].toObject();
        QVERIFY(events[QStringLiteral("recorded")].toDouble() > 0);
        QVERIFY(events.contains(QStringLiteral("dropped")));

        QFile samples(dir.filePath(QStringLiteral("samples.csv")));
        QVERIFY(samples.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = samples.readAll().split('\n');
        QVERIFY(lines.first().startsWith("time_s,queue_depth,"));
        QVERIFY(lines.first().contains("worker2_state"));
        QVERIFY(lines.size() > 3);
        QCOMPARE(lines[1].count(','), lines.first().count(','));
    }

    void queue_headless_reportsDelivery()
    {
        QTemporaryDir dir;
        const Run run = ipcscope(
            {QStringLiteral("--headless"), QStringLiteral("--scenario"), QStringLiteral("queue"),
             QStringLiteral("--set"), QStringLiteral("producers=3"), QStringLiteral("--set"),
             QStringLiteral("consumers=2"), QStringLiteral("--set"), QStringLiteral("capacity=4"),
             QStringLiteral("--set"), QStringLiteral("items=2000"), QStringLiteral("--set"),
             QStringLiteral("produce_us=0"), QStringLiteral("--set"),
             QStringLiteral("consume_us=0"), QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject queue =
            readJson(dir.filePath(QStringLiteral("summary.json")))[QStringLiteral("queue")]
                .toObject();
        QCOMPARE(queue[QStringLiteral("capacity")].toInt(), 4);
        QCOMPARE(queue[QStringLiteral("produced")].toInt(), 6000);
        QCOMPARE(queue[QStringLiteral("consumed")].toInt(), 6000);
        QCOMPARE(queue[QStringLiteral("lost")].toInt(), 0);
        QCOMPARE(queue[QStringLiteral("duplicated")].toInt(), 0);
        QVERIFY(queue[QStringLiteral("max_depth")].toInt() <= 4);
    }

    // Each mechanism's defining figure lands in its own summary.json section.
    void mechanism_headless_exportsItsSection_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("expected");
        QTest::newRow("semaphore")
            << QStringList{"--scenario", "semaphore", "--set", "entries=20", "--set", "hold_us=200"}
            << "semaphore"
            << "max_inside" << 2.0;
        QTest::newRow("barrier") << QStringList{"--scenario", "barrier", "--set",
                                                "rounds=5",   "--set",   "work_us=200"}
                                 << "barrier"
                                 << "generations" << 5.0;
        // Never ends by itself: the headless run stops it once every worker is stuck.
        QTest::newRow("deadlock") << QStringList{"--scenario", "deadlock"} << "deadlock"
                                  << "cycles" << 1.0;
        QTest::newRow("manager") << QStringList{"--scenario", "manager", "--set",
                                                "rounds=20",  "--set",   "send_us=0"}
                                 << "manager"
                                 << "list_length" << 60.0;
    }
    void mechanism_headless_exportsItsSection()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, section);
        QFETCH(QString, key);
        QFETCH(double, expected);
        QTemporaryDir dir;
        const Run run = ipcscope(QStringList{QStringLiteral("--headless")} + arguments +
                                 QStringList{QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = readJson(dir.filePath(QStringLiteral("summary.json")));
        QCOMPARE(summary[section].toObject()[key].toDouble(), expected);
        QVERIFY2(run.out.contains(section + QStringLiteral(": ")), qPrintable(run.out));
    }

    void duration_stopsAnEndlessRun()
    {
        QTemporaryDir dir;
        const Run run =
            ipcscope({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                      QStringLiteral("counter"), QStringLiteral("--set"),
                      QStringLiteral("iterations=1000000000"), QStringLiteral("--duration"),
                      QStringLiteral("0.5"), QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = readJson(dir.filePath(QStringLiteral("summary.json")));
        QVERIFY(summary[QStringLiteral("duration_s")].toDouble() < 10);
        for (const auto& w : summary[QStringLiteral("workers")].toArray())
            QCOMPARE(w.toObject()[QStringLiteral("exit")].toString(), QStringLiteral("stopped"));
    }

    // --export writes every data file, replaces only files of those names,
    // and leaves no temporary file behind.
    void export_writesEveryDataFileAndOnlyThose()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "mine"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("summary.json")), "stale"));
        const Run run =
            ipcscope({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                      QStringLiteral("queue"), QStringLiteral("--set"), QStringLiteral("items=200"),
                      QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
        for (const char* name :
             {"events.csv", "samples.csv", "session.ipcscope", "summary.json", "trace.json"})
            QVERIFY2(files.contains(QLatin1String(name)), name);
        // The charts and the report beside them; no temporary file (QSaveFile's
        // are "NAME.XXXXXX") left over.
        const QStringList finished = {"csv", "ipcscope", "json", "pdf", "png", "svg", "txt"};
        for (const QString& file : files)
            QVERIFY2(finished.contains(QFileInfo(file).suffix()), qPrintable(file));
        QFile mine(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("mine"));
        QCOMPARE(readJson(dir.filePath(QStringLiteral("summary.json")))[QStringLiteral("scenario")]
                     .toString(),
                 QStringLiteral("queue"));
        QFile events(dir.filePath(QStringLiteral("events.csv")));
        QVERIFY(events.open(QIODevice::ReadOnly));
        QCOMPARE(events.readLine(), QByteArray("time_s,worker,type,object,a,b,detail\n"));
        QVERIFY(events.readAll().contains(",item_put,"));
        const QJsonArray trace =
            readJson(dir.filePath(QStringLiteral("trace.json")))[QStringLiteral("traceEvents")]
                .toArray();
        QVERIFY(trace.size() > 10);
    }

    // --lang applies to a headless export too: the charts are drawn in it.
    void export_inChinese_chartsDrawnInChinese()
    {
        QTemporaryDir dir;
        const Run run = ipcscope({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                                  QStringLiteral("queue"), QStringLiteral("--set"),
                                  QStringLiteral("items=200"), QStringLiteral("--lang"),
                                  QStringLiteral("zh_CN"), QStringLiteral("--export"), dir.path()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QByteArray svgText;
        for (const QString& svg : QDir(dir.path()).entryList({QStringLiteral("*.svg")})) {
            QFile file(dir.filePath(svg));
            QVERIFY(file.open(QIODevice::ReadOnly));
            svgText += file.readAll();
        }
        QVERIFY2(!svgText.isEmpty(), "no SVG chart exported");
        // The queue-depth chart's time axis, as the Chinese translation has it.
        QVERIFY2(svgText.contains(QStringLiteral("时间（秒）").toUtf8()),
                 "no Chinese axis label in the exported charts");
        QVERIFY(!svgText.contains("time (s)"));
    }

    // A saved session replays without any process: its summary on stdout,
    // and with --export the same files as the run that saved it.
    void open_replaysASavedSessionWithoutProcesses()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("first"));
        const Run run =
            ipcscope({QStringLiteral("--headless"), QStringLiteral("--scenario"),
                      QStringLiteral("counter"), QStringLiteral("--set"),
                      QStringLiteral("iterations=5000"), QStringLiteral("--export"), first});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // A worker program that cannot exist: launching anything would fail.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("IPCSCOPE_WORKER"),
                           QStringLiteral("/nonexistent/worker"));
        const QString again = dir.filePath(QStringLiteral("again"));
        const Run replay = ipcscope({QStringLiteral("--headless"), QStringLiteral("--open"),
                                     QDir(first).filePath(QStringLiteral("session.ipcscope")),
                                     QStringLiteral("--export"), again},
                                    120'000, environment);
        QVERIFY2(replay.exitCode == 0, qPrintable(replay.err));
        QVERIFY2(replay.out.startsWith(QStringLiteral("session saved ")), qPrintable(replay.out));
        // The same human summary as the run printed (pids included).
        QVERIFY2(replay.out.endsWith(run.out), qPrintable(replay.out + run.out));
        for (const QString& name : {QStringLiteral("summary.json"), QStringLiteral("samples.csv"),
                                    QStringLiteral("events.csv"), QStringLiteral("trace.json")}) {
            QFile a(QDir(first).filePath(name)), b(QDir(again).filePath(name));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(name));
        }
    }

    void open_refusesWhatIsNoSession_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("a JSON file")
            << QByteArray(R"({"kind": "queue"})") << QStringLiteral("not an ipcscope session file");
        QTest::newRow("the magic alone")
            << QByteArray("IPCSCOPE") << QStringLiteral("is damaged: it ends inside its header");
    }
    void open_refusesWhatIsNoSession()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.ipcscope"));
        QVERIFY(writeFile(path, content));
        const Run run = ipcscope({QStringLiteral("--headless"), QStringLiteral("--open"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message) && run.err.contains(path), qPrintable(run.err));
    }

    void badInput_exits2AndNamesIt_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        const QString headless = QStringLiteral("--headless");
        const QString scenario = QStringLiteral("--scenario");
        const QString set = QStringLiteral("--set");
        QTest::newRow("unknown scenario")
            << QStringList{headless, scenario, QStringLiteral("nope")} << QStringLiteral("nope");
        QTest::newRow("unknown key") << QStringList{headless, scenario, QStringLiteral("queue"),
                                                    set, QStringLiteral("colour=blue")}
                                     << QStringLiteral("colour");
        QTest::newRow("out of range") << QStringList{headless, scenario, QStringLiteral("queue"),
                                                     set, QStringLiteral("consumers=0")}
                                      << QStringLiteral("consumers: must be 1..64, got 0");
        QTest::newRow("bad switch") << QStringList{headless, scenario, QStringLiteral("counter"),
                                                   set, QStringLiteral("lock=maybe")}
                                    << QStringLiteral("lock");
        QTest::newRow("unreadable file")
            << QStringList{headless, scenario, QStringLiteral("/nonexistent/x.json")}
            << QStringLiteral("/nonexistent/x.json");
        QTest::newRow("unknown argument")
            << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("--frobnicate");
        QTest::newRow("unwritable export directory")
            << QStringList{headless, scenario, QStringLiteral("counter"),
                           QStringLiteral("--export"), QStringLiteral("/proc/version/out")}
            << QStringLiteral("/proc/version/out");
        QTest::newRow("open with scenario")
            << QStringList{headless, QStringLiteral("--open"), QStringLiteral("x.ipcscope"),
                           scenario, QStringLiteral("counter")}
            << QStringLiteral("--open and --scenario");
        QTest::newRow("open with set")
            << QStringList{headless, QStringLiteral("--open"), QStringLiteral("x.ipcscope"), set,
                           QStringLiteral("lock=off")}
            << QStringLiteral("--set");
        QTest::newRow("open a missing file")
            << QStringList{headless, QStringLiteral("--open"),
                           QStringLiteral("/nonexistent/x.ipcscope")}
            << QStringLiteral("/nonexistent/x.ipcscope");
        QTest::newRow("bad duration")
            << QStringList{headless, scenario, QStringLiteral("counter"),
                           QStringLiteral("--duration"), QStringLiteral("-1")}
            << QStringLiteral("--duration");
    }

    void badInput_exits2AndNamesIt()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Run run = ipcscope(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(named), qPrintable(run.err));
    }

    void badScenarioFile_exits2AndNamesTheField()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeFile(path, R"({"kind": "queue", "parameters": {"capacity": 70000}})"));
        const Run run =
            ipcscope({QStringLiteral("--headless"), QStringLiteral("--scenario"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("capacity: must be 1..65536, got 70000")),
                 qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
