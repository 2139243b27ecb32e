// Data, trace and session files from short real sessions: every format is
// written and read back, a saved session reopens with identical answers, a
// damaged one is refused with the right message, and a failed write leaves
// nothing half-written behind.
#include "DataExport.h"
#include "SessionFile.h"
#include "TestSupport.h"
#include "TraceExport.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <csignal>
#include <cstring>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <tuple>

using namespace ipcscope;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

// A session file as a hostile writer would make one: `body` stored plain
// behind a header whose checksum is right, so only the body's own checks can
// refuse it.
QByteArray plainSessionFile(const QByteArray& body, quint32 version)
{
    QByteArray header(64, '\0');
    std::memcpy(header.data(), "IPCSCOPE", 8);
    qToBigEndian(version, header.data() + 8);
    qToBigEndian(quint32(0), header.data() + 12); // flags: plain
    qToBigEndian(quint64(body.size()), header.data() + 16);
    qToBigEndian(quint64(body.size()), header.data() + 24);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(header).first(32));
    hash.addData(body);
    std::memcpy(header.data() + 32, hash.result().constData(), 32);
    return header + body;
}

QList<QByteArray> csvLines(const QString& path)
{
    QList<QByteArray> lines = readAll(path).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

auto fields(const Sample& s)
{
    return std::tuple(s.time, s.queueDepth, s.counterActual, s.counterExpected, s.produced,
                      s.consumed, s.lockHolder, s.secondLockHolder, s.semaphoreInside,
                      s.eventWaiting, s.eventSet, s.barrierArrived, s.barrierGeneration,
                      s.messagesInFlight);
}
auto fields(const RecordedEvent& e)
{
    return std::tuple(e.time, e.worker, e.type, e.object, e.a, e.b);
}
auto fields(const StateInterval& i)
{
    return std::tuple(i.start, i.end, i.state);
}
auto fields(const RaceOverlap& o)
{
    return std::tuple(o.time, o.firstWorker, o.secondWorker, o.firstRead, o.secondRead);
}
template <typename T> bool sameRecords(const QVector<T>& a, const QVector<T>& b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const T& x, const T& y) { return fields(x) == fields(y); });
}

// A file's names in a directory, sorted: what a write left behind.
QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

    struct Recorded
    {
        std::unique_ptr<Session> session;
        int killed = -1;     // the worker killed on purpose, -1: none
        QString runningSave; // saved while it still ran ("" if not)
    };
    std::map<QString, Recorded> m_sessions;
    QTemporaryDir m_dir;

    const Recorded& recorded(const QString& name) { return m_sessions.at(name); }

    // Exports `name` into a fresh directory of m_dir; its path.
    QString exportOf(const QString& name)
    {
        const QString dir = m_dir.filePath(QStringLiteral("export-") + name);
        QDir(dir).removeRecursively();
        const Session& session = *recorded(name).session;
        QStringList written;
        QString error;
        if (!exportSessionData(dir, session.scenario(), session.recording(),
                               session.elapsedSeconds(), &written, &error))
            qWarning("export failed: %s", qPrintable(error));
        return dir;
    }

    QString savedSessionOf(const QString& name)
    {
        const QString path = m_dir.filePath(name + QStringLiteral(".ipcscope"));
        const Session& session = *recorded(name).session;
        QString error;
        if (!saveSession(path, session.scenario(), session.recording(), session.elapsedSeconds(),
                         &error))
            qWarning("save failed: %s", qPrintable(error));
        return path;
    }

    static void addSessionRows()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("counter") << QStringLiteral("counter");
        QTest::newRow("queue") << QStringLiteral("queue");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;

        // Counter: the lock on (lock slices), then off (races), then a worker
        // killed (a death), saved once while running, then stopped.
        {
            Recorded counter;
            counter.session = std::make_unique<Session>(test::scenarioWith(
                ScenarioKind::Counter,
                {{"workers", 3}, {"iterations", 1'000'000'000}, {"lock", 1}, {"think_us", 2}}));
            Session& session = *counter.session;
            QVERIFY2(session.start(&error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(session.recording().lockContention(0).acquisitions > 100,
                                     30'000);
            QVERIFY2(session.setLiveValue(QStringLiteral("lock"), 0, &error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(session.recording().counterFigures().overlappingWindows > 0,
                                     30'000);
            counter.killed = 0;
            QVERIFY(session.killWorker(counter.killed));
            QTRY_VERIFY_WITH_TIMEOUT(
                session.recording().worker(counter.killed).exit == QLatin1String("killed"), 30'000);
            counter.runningSave = m_dir.filePath(QStringLiteral("running.ipcscope"));
            QVERIFY2(saveSession(counter.runningSave, session.scenario(), session.recording(),
                                 session.elapsedSeconds(), &error),
                     qPrintable(error));
            session.stop();
            QVERIFY(test::runToEnd(session));
            m_sessions.emplace(QStringLiteral("counter"), std::move(counter));
        }
        // Queue: runs to its end by itself.
        {
            Recorded queue;
            queue.session = std::make_unique<Session>(
                test::scenarioWith(ScenarioKind::Queue, {{"producers", 2},
                                                         {"consumers", 2},
                                                         {"capacity", 4},
                                                         {"items", 300},
                                                         {"produce_us", 200},
                                                         {"consume_us", 300}}));
            QVERIFY2(queue.session->start(&error), qPrintable(error));
            QVERIFY(test::runToEnd(*queue.session));
            m_sessions.emplace(QStringLiteral("queue"), std::move(queue));
        }
    }

    void export_writesExactlyItsFiles_data() { addSessionRows(); }
    void export_writesExactlyItsFiles()
    {
        QFETCH(QString, name);
        const QString dir = m_dir.filePath(QStringLiteral("exact-") + name);
        QVERIFY(QDir().mkpath(dir));
        // Someone else's file in the same directory is left alone.
        writeAll(QDir(dir).filePath(QStringLiteral("notes.txt")), "mine");
        const Session& session = *recorded(name).session;
        QStringList written;
        QString error;
        QVERIFY2(exportSessionData(dir, session.scenario(), session.recording(),
                                   session.elapsedSeconds(), &written, &error),
                 qPrintable(error));
        QStringList expected = exportFileNames();
        QCOMPARE(written.size(), expected.size());
        expected.append(QStringLiteral("notes.txt"));
        expected.sort();
        QCOMPARE(filesIn(dir), expected); // and no temporary file left over
        QCOMPARE(readAll(QDir(dir).filePath(QStringLiteral("notes.txt"))), QByteArray("mine"));
    }

    void samplesCsv_oneRowPerSampleWithEveryWorkersState_data() { addSessionRows(); }
    void samplesCsv_oneRowPerSampleWithEveryWorkersState()
    {
        QFETCH(QString, name);
        const Recording& recording = recorded(name).session->recording();
        const QList<QByteArray> lines =
            csvLines(QDir(exportOf(name)).filePath(QStringLiteral("samples.csv")));
        QVERIFY(!lines.isEmpty());
        const QList<QByteArray> header = lines.first().split(',');
        QCOMPARE(header.mid(0, 9),
                 QList<QByteArray>({"time_s", "queue_depth", "produced", "consumed",
                                    "counter_expected", "counter_actual", "lost_updates",
                                    "lock_holder", "second_lock_holder"}));
        const QVector<WorkerRecord> workers = recording.workers();
        QCOMPARE(header.size(), 9 + workers.size());
        for (qsizetype w = 0; w < workers.size(); ++w)
            QCOMPARE(header[9 + w], QStringLiteral("worker%1_state").arg(workers[w].id).toUtf8());
        QCOMPARE(lines.size() - 1, recording.samplesFrom(0).size());
        QVERIFY(lines.size() > 10);
        QSet<QByteArray> states;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> row = lines[i].split(',');
            QCOMPARE(row.size(), header.size());
            for (qsizetype w = 0; w < workers.size(); ++w)
                states.insert(row[9 + w]);
        }
        QVERIFY2(!states.contains("unknown"), states.values().join(' ').constData());
        QVERIFY(states.contains("working") || states.contains("holding_lock"));
    }

    void eventsCsv_everyKeptEventByName_data() { addSessionRows(); }
    void eventsCsv_everyKeptEventByName()
    {
        QFETCH(QString, name);
        const Recording& recording = recorded(name).session->recording();
        const QList<QByteArray> lines =
            csvLines(QDir(exportOf(name)).filePath(QStringLiteral("events.csv")));
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.first(), QByteArray("time_s,worker,type,object,a,b,detail"));
        const QVector<RecordedEvent> events = recording.eventsFrom(0);
        QVERIFY(events.size() > 0);
        QCOMPARE(lines.size() - 1, events.size());
        QCOMPARE(quint64(events.size()) + recording.eventsNotKept(), recording.eventsRecorded());
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QList<QByteArray> row = lines[i + 1].split(',');
            QCOMPARE(row.size(), 7);
            QCOMPARE(QString::fromUtf8(row[2]), eventTypeName(events[i].type));
            QVERIFY2(!row[2].startsWith("unknown"), lines[i + 1].constData());
            QCOMPARE(row[1].toInt(), events[i].worker);
            QCOMPARE(row[4].toLongLong(), events[i].a);
            if (events[i].type == ipc::EventType::State)
                QCOMPARE(QString::fromUtf8(row[6]), workerStateName(ipc::WorkerState(events[i].a)));
        }
    }

    void summaryJson_hasTheContractAndTheScenariosSection_data() { addSessionRows(); }
    void summaryJson_hasTheContractAndTheScenariosSection()
    {
        QFETCH(QString, name);
        const Session& session = *recorded(name).session;
        const QJsonObject summary =
            QJsonDocument::fromJson(
                readAll(QDir(exportOf(name)).filePath(QStringLiteral("summary.json"))))
                .object();
        for (const char* key :
             {"scenario", "kind", "parameters", "duration_s", "workers", "events", "messages"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        QCOMPARE(summary.value(QStringLiteral("scenario")).toString(), name);
        QVERIFY(summary.value(name).isObject()); // the scenario's own section
        QCOMPARE(summary.value(QStringLiteral("workers")).toArray().size(),
                 session.recording().workers().size());
        const QJsonObject events = summary.value(QStringLiteral("events")).toObject();
        for (const char* key : {"recorded", "dropped", "not_kept"})
            QVERIFY2(events.contains(QLatin1String(key)), key);
        const QJsonObject samples = summary.value(QStringLiteral("samples")).toObject();
        QCOMPARE(samples.value(QStringLiteral("taken")).toInteger(),
                 session.recording().sampleCount());
        QCOMPARE(samples.value(QStringLiteral("kept")).toInteger(),
                 session.recording().samplesFrom(0).size());
        QCOMPARE(summary,
                 sessionSummary(session.scenario(), session.recording(), session.elapsedSeconds()));
        if (name == QLatin1String("queue")) { // ran to its end, lock on: 600 items, each once
            const QJsonObject counted = summary.value(name)
                                            .toObject()
                                            .value(QStringLiteral("counted_by_workers"))
                                            .toObject();
            QCOMPARE(counted.value(QStringLiteral("put")).toInteger(), 600);
            QCOMPARE(counted.value(QStringLiteral("got")).toInteger(), 600);
            QCOMPARE(counted.value(QStringLiteral("left_in_queue")).toInteger(), 0);
            QCOMPARE(counted.value(QStringLiteral("every_item_once")), QJsonValue(true));
        }
    }

    // The trace parses, every B has its E on the same track in time order,
    // and the tracks the issue names are there.
    void trace_pairsEverySliceAndHasTheTracks_data() { addSessionRows(); }
    void trace_pairsEverySliceAndHasTheTracks()
    {
        QFETCH(QString, name);
        const Recorded& run = recorded(name);
        const Recording& recording = run.session->recording();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(
            readAll(QDir(exportOf(name)).filePath(QStringLiteral("trace.json"))), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString()));
        QCOMPARE(document.object().value(QStringLiteral("displayTimeUnit")).toString(),
                 QStringLiteral("ms"));
        const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
        QVERIFY(events.size() > 10);

        QMap<QPair<qint64, qint64>, QList<double>> open; // track -> begin times
        QMap<QPair<qint64, qint64>, double> lastTs;
        QMap<qint64, QString> processNames;
        QSet<QString> counters, instants, sliceNames;
        QMap<QString, qint64> instantPid;
        qsizetype slices = 0;
        for (const QJsonValue& value : events) {
            const QJsonObject e = value.toObject();
            const QString ph = e.value(QStringLiteral("ph")).toString();
            const qint64 pid = e.value(QStringLiteral("pid")).toInteger();
            const QPair<qint64, qint64> track{pid, e.value(QStringLiteral("tid")).toInteger()};
            const double ts = e.value(QStringLiteral("ts")).toDouble();
            QVERIFY2(ph == QLatin1String("M") || e.contains(QStringLiteral("ts")), qPrintable(ph));
            if (ph == QLatin1String("B") || ph == QLatin1String("E")) {
                // Duration events: in increasing time order on their track.
                QVERIFY2(ts >= lastTs.value(track, -1), qPrintable(QString::number(ts)));
                lastTs[track] = ts;
            }
            if (ph == QLatin1String("B")) {
                open[track].append(ts);
                sliceNames.insert(e.value(QStringLiteral("name")).toString());
            } else if (ph == QLatin1String("E")) {
                QVERIFY2(!open[track].isEmpty(), "an E without its B");
                QVERIFY(ts >= open[track].takeLast());
                ++slices;
            } else if (ph == QLatin1String("C")) {
                counters.insert(e.value(QStringLiteral("name")).toString());
            } else if (ph == QLatin1String("i")) {
                const QString instant = e.value(QStringLiteral("name")).toString();
                instants.insert(instant);
                instantPid[instant] = pid;
            } else if (ph == QLatin1String("M") && e.value(QStringLiteral("name")).toString() ==
                                                       QLatin1String("process_name")) {
                processNames[pid] = e.value(QStringLiteral("args"))
                                        .toObject()
                                        .value(QStringLiteral("name"))
                                        .toString();
            } else {
                QVERIFY2(ph == QLatin1String("M"), qPrintable(ph));
            }
        }
        for (auto it = open.cbegin(); it != open.cend(); ++it)
            QVERIFY2(it.value().isEmpty(), "a B without its E");
        QVERIFY(slices > 0);

        // One named process per worker, on its real pid.
        for (const WorkerRecord& worker : recording.workers())
            QCOMPARE(processNames.value(worker.pid), QStringLiteral("%1 %2 (pid %3)")
                                                         .arg(roleName(worker.role))
                                                         .arg(worker.id)
                                                         .arg(worker.pid));
        QVERIFY(sliceNames.contains(QStringLiteral("working")));
        if (name == QLatin1String("counter")) {
            QVERIFY(counters.contains(QStringLiteral("counter")));
            QVERIFY(sliceNames.contains(QStringLiteral("lock 0 held")));
            QVERIFY(sliceNames.contains(QStringLiteral("holding_lock")));
            QVERIFY(instants.contains(QStringLiteral("race")));
            QVERIFY(instants.contains(QStringLiteral("killed")));
            QCOMPARE(instantPid.value(QStringLiteral("killed")), recording.worker(run.killed).pid);
        } else {
            QVERIFY(counters.contains(QStringLiteral("queue depth")));
            QVERIFY(sliceNames.contains(QStringLiteral("blocked_put")) ||
                    sliceNames.contains(QStringLiteral("blocked_get")));
            QVERIFY(!instants.contains(QStringLiteral("killed")));
        }
    }

    // Saved and reopened, a session answers every reader as the original did,
    // and exports the same files.
    void session_roundTripIsIdentical_data() { addSessionRows(); }
    void session_roundTripIsIdentical()
    {
        QFETCH(QString, name);
        const Session& session = *recorded(name).session;
        const Recording& original = session.recording();
        QString error;
        const std::optional<LoadedSession> loaded = loadSession(savedSessionOf(name), &error);
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY(loaded->savedAt.isValid());
        QVERIFY(qAbs(loaded->savedAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QCOMPARE(loaded->durationS, session.elapsedSeconds());
        QCOMPARE(loaded->scenario->toJson(), session.scenario().toJson());
        const Recording& reopened = *loaded->recording;
        QCOMPARE(sessionSummary(*loaded->scenario, reopened, loaded->durationS),
                 sessionSummary(session.scenario(), original, session.elapsedSeconds()));

        QVERIFY(sameRecords(reopened.samplesFrom(0), original.samplesFrom(0)));
        QVERIFY(sameRecords(reopened.samplesFrom(5), original.samplesFrom(5)));
        QVERIFY(sameRecords(reopened.eventsFrom(0), original.eventsFrom(0)));
        QVERIFY(sameRecords(reopened.overlapsFrom(0), original.overlapsFrom(0)));
        QCOMPARE(reopened.workers().size(), original.workers().size());
        for (const WorkerRecord& worker : original.workers()) {
            QVERIFY(sameRecords(reopened.intervalsFrom(worker.id, 0),
                                original.intervalsFrom(worker.id, 0)));
            QCOMPARE(reopened.worker(worker.id).errorText, worker.errorText);
            QCOMPARE(reopened.worker(worker.id).launchedAt, worker.launchedAt);
        }
        QCOMPARE(reopened.lastTime(), original.lastTime());
        for (int lock = 0; lock < ipc::kMaxLocks; ++lock)
            QCOMPARE(reopened.lockContention(lock).acquisitions,
                     original.lockContention(lock).acquisitions);
        QCOMPARE(reopened.permitContention().maxWaitNs, original.permitContention().maxWaitNs);

        // Exported from the reopened session: the same bytes (the session file
        // itself differs only in when it was saved).
        const QString again = m_dir.filePath(QStringLiteral("again-") + name);
        QVERIFY2(exportSessionData(again, *loaded->scenario, reopened, loaded->durationS, nullptr,
                                   &error),
                 qPrintable(error));
        const QString first = exportOf(name);
        for (const char* file : {"summary.json", "samples.csv", "events.csv", "trace.json"})
            QVERIFY2(readAll(QDir(again).filePath(QLatin1String(file))) ==
                         readAll(QDir(first).filePath(QLatin1String(file))),
                     file);
    }

    // A long session's recording has folded its oldest samples and state
    // intervals: the reopened one keeps the folds and the positions readers
    // follow. (Fed through the Recording's own writer API: a real session
    // would need ten minutes to fold.)
    void session_roundTripKeepsFoldedHistory()
    {
        Recording original;
        // Many workers: fewer whole intervals each, so worker 0 folds sooner.
        constexpr int kWorkers = 16;
        for (int id = 0; id < kWorkers; ++id)
            original.addWorker(id, ipc::Role::Producer, 4242 + id, 0);
        const qsizetype samples = 2 * Recording::kFineSamples + 123;
        QVector<RecordedEvent> states;
        for (qsizetype i = 0; i < 2 * Recording::fineIntervalsPerWorker(kWorkers) + 77; ++i)
            states.append({double(i) * 1e-3, 0, ipc::EventType::State, 0,
                           qint64(i % 2 ? ipc::WorkerState::Working : ipc::WorkerState::BlockedPut),
                           0});
        original.appendEvents(states);
        for (qsizetype i = 0; i < samples; ++i)
            original.appendSample(
                {double(i) * 1e-3, qint32(i % 17), 0, 0, i, i, -1, -1, 0, 0, 0, 0, 0, 0});
        QVERIFY(original.samplesFrom(0).size() < samples); // folded
        QVERIFY(original.intervalsFrom(0, 0).size() < states.size());
        DeliveryFigures verdict; // the run's end: its lost count is final
        verdict.produced = 10;
        verdict.consumed = 9;
        verdict.lost = 1;
        verdict.final = true;
        original.setDeliveryFigures(verdict);

        const QString path = m_dir.filePath(QStringLiteral("folded.ipcscope"));
        const Scenario scenario(ScenarioKind::Queue);
        QString error;
        QVERIFY2(saveSession(path, scenario, original, samples * 1e-3, &error), qPrintable(error));
        const std::optional<LoadedSession> loaded = loadSession(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        const Recording& reopened = *loaded->recording;
        QCOMPARE(reopened.sampleCount(), original.sampleCount());
        qsizetype nextOriginal = 0, nextReopened = 0;
        QVERIFY(sameRecords(reopened.samplesFrom(0, &nextReopened),
                            original.samplesFrom(0, &nextOriginal)));
        QCOMPARE(nextReopened, nextOriginal);
        QVERIFY(
            sameRecords(reopened.samplesFrom(samples - 10), original.samplesFrom(samples - 10)));
        QCOMPARE(reopened.samplesFrom(samples - 10).size(), 10);
        QVERIFY(sameRecords(reopened.intervalsFrom(0, 0, &nextReopened),
                            original.intervalsFrom(0, 0, &nextOriginal)));
        QCOMPARE(nextReopened, nextOriginal);
        QVERIFY(sameRecords(reopened.intervalsFrom(0, nextOriginal - 5),
                            original.intervalsFrom(0, nextOriginal - 5)));
        QCOMPARE(sessionSummary(scenario, reopened, 1), sessionSummary(scenario, original, 1));
        QVERIFY(reopened.deliveryFigures().final);
        QCOMPARE(reopened.deliveryFigures().lost, quint64(1));
    }

    // A format 2 file (before Sample::secondLockHolder) still opens: its
    // samples read as before, with nobody holding lock 1. The file is made
    // from a format 3 one by taking the 4 bytes out of every sample.
    void session_formatTwoFileOpensWithoutSecondHolder()
    {
        Recording original;
        original.addWorker(0, ipc::Role::Producer, 4242, 0);
        original.addWorker(1, ipc::Role::Consumer, 4243, 0);
        constexpr int kSamples = 50;
        for (int i = 0; i < kSamples; ++i)
            original.appendSample({i * 1e-3, i % 5, 7, 8, i, i, i % 2 ? 0 : -1, i % 3 ? 1 : -1, 11,
                                   12, 13, 14, 15, 16});
        const QString path = m_dir.filePath(QStringLiteral("format3.ipcscope"));
        const Scenario scenario(ScenarioKind::Queue);
        QString error;
        QVERIFY2(saveSession(path, scenario, original, 1.0, &error), qPrintable(error));
        const QByteArray plain = qUncompress(readAll(path).mid(64));
        QVERIFY(!plain.isEmpty());

        // Scenario string, duration, saved-at, sample count, then the samples.
        const qsizetype samplesAt = 4 + qFromBigEndian<quint32>(plain.constData()) + 8 + 8 + 4;
        QCOMPARE(qFromBigEndian<quint32>(plain.constData() + samplesAt - 4), quint32(kSamples));
        constexpr qsizetype kFormat3Sample = 8 + 4 + 8 * 4 + 4 * 8;
        constexpr qsizetype kSecondHolderAt = 8 + 4 + 8 * 4 + 4; // after lockHolder
        QByteArray older = plain.first(samplesAt);
        for (int i = 0; i < kSamples; ++i) {
            const qsizetype at = samplesAt + i * kFormat3Sample;
            QCOMPARE(qFromBigEndian<qint32>(plain.constData() + at + kSecondHolderAt),
                     i % 3 ? 1 : -1);
            older += plain.mid(at, kSecondHolderAt);
            older += plain.mid(at + kSecondHolderAt + 4, kFormat3Sample - kSecondHolderAt - 4);
        }
        // ...and the workers' item totals at the end (1 + 3 × 3 × 8 bytes).
        constexpr qsizetype kFormat3Tail = 1 + 72;
        const qsizetype rest = samplesAt + kSamples * kFormat3Sample;
        older += plain.mid(rest, plain.size() - rest - kFormat3Tail);
        const QString olderPath = m_dir.filePath(QStringLiteral("format2.ipcscope"));
        writeAll(olderPath, plainSessionFile(older, 2));

        const std::optional<LoadedSession> loaded = loadSession(olderPath, &error);
        QVERIFY2(loaded, qPrintable(error));
        const QVector<Sample> samples = loaded->recording->samplesFrom(0);
        QCOMPARE(samples.size(), kSamples);
        for (int i = 0; i < kSamples; ++i) {
            Sample expected = original.samplesFrom(i).first();
            expected.secondLockHolder = -1;
            QVERIFY2(fields(samples[i]) == fields(expected), qPrintable(QString::number(i)));
        }
        QCOMPARE(loaded->recording->workers().size(), 2);
        // The format 3 file it was made from keeps the second holder.
        QCOMPARE(loadSession(path, &error)->recording->samplesFrom(1).first().secondLockHolder, 1);
    }

    // A session saved while its workers still ran reopens with them running,
    // and its trace still closes every slice.
    void session_savedWhileRunningReopens()
    {
        QString error;
        const std::optional<LoadedSession> loaded =
            loadSession(recorded(QStringLiteral("counter")).runningSave, &error);
        QVERIFY2(loaded, qPrintable(error));
        const QJsonObject summary =
            sessionSummary(*loaded->scenario, *loaded->recording, loaded->durationS);
        QStringList exits;
        for (const QJsonValue& worker : summary.value(QStringLiteral("workers")).toArray())
            exits.append(worker.toObject().value(QStringLiteral("exit")).toString());
        QCOMPARE(exits, QStringList({QStringLiteral("killed"), QStringLiteral("running"),
                                     QStringLiteral("running")}));
        const QString trace = m_dir.filePath(QStringLiteral("running-trace.json"));
        QVERIFY2(writeChromeTrace(trace, *loaded->scenario, *loaded->recording, &error),
                 qPrintable(error));
        qsizetype balance = 0;
        for (const QJsonValue& e : QJsonDocument::fromJson(readAll(trace))
                                       .object()
                                       .value(QStringLiteral("traceEvents"))
                                       .toArray()) {
            const QString ph = e.toObject().value(QStringLiteral("ph")).toString();
            balance += ph == QLatin1String("B") ? 1 : ph == QLatin1String("E") ? -1 : 0;
        }
        QCOMPARE(balance, 0);
    }

    // Damage of every kind is refused with a message saying which, never a crash.
    void session_damagedFileIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "empty"
                               << "is not an ipcscope session file";
        QTest::newRow("wrong magic") << "magic"
                                     << "is not an ipcscope session file";
        QTest::newRow("a JSON file") << "json"
                                     << "is not an ipcscope session file";
        QTest::newRow("header cut") << "header"
                                    << "is damaged: it ends inside its header";
        QTest::newRow("truncated") << "truncate"
                                   << "is damaged: it is cut short";
        QTest::newRow("bytes appended") << "append"
                                        << "bytes too many";
        QTest::newRow("one body byte flipped") << "flip-body"
                                               << "is damaged: its checksum does not match";
        QTest::newRow("one size byte flipped") << "flip-size"
                                               << "is damaged";
        QTest::newRow("flags flipped") << "flip-flags"
                                       << "is damaged: its checksum does not match";
        QTest::newRow("newer version")
            << "newer"
            << QStringLiteral("was written by a newer ipcscope (format 7, this one reads up to %1)")
                   .arg(kSessionFormatVersion);
        QTest::newRow("version 0") << "version0"
                                   << "is damaged: format version 0";
        QTest::newRow("missing") << "missing"
                                 << "cannot open";
    }
    void session_damagedFileIsRefused()
    {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        const QByteArray good = readAll(savedSessionOf(QStringLiteral("queue")));
        QVERIFY(good.size() > 64);
        QByteArray bad = good;
        if (damage == QLatin1String("empty"))
            bad.clear();
        else if (damage == QLatin1String("magic"))
            bad[0] = 'X';
        else if (damage == QLatin1String("json"))
            bad = R"({"kind": "queue"})";
        else if (damage == QLatin1String("header"))
            bad.truncate(40);
        else if (damage == QLatin1String("truncate"))
            bad.truncate(64 + (good.size() - 64) / 2);
        else if (damage == QLatin1String("append"))
            bad.append("more");
        else if (damage == QLatin1String("flip-body"))
            bad[64 + (good.size() - 64) / 3] = char(bad[64 + (good.size() - 64) / 3] ^ 0x10);
        else if (damage == QLatin1String("flip-size"))
            bad[20] = char(bad[20] ^ 0x01);
        else if (damage == QLatin1String("flip-flags"))
            bad[15] = char(bad[15] ^ 0x02);
        else if (damage == QLatin1String("newer"))
            qToBigEndian(quint32(7), bad.data() + 8);
        else if (damage == QLatin1String("version0"))
            qToBigEndian(quint32(0), bad.data() + 8);
        const QString path = m_dir.filePath(QStringLiteral("damaged-") + damage);
        if (damage != QLatin1String("missing"))
            writeAll(path, bad);
        QString error;
        const std::optional<LoadedSession> loaded = loadSession(path, &error);
        QVERIFY(!loaded);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error)); // names the file
    }

    // A file whose checksum is right but whose counts lie (a buggy or hostile
    // writer) is refused before anything that large is allocated.
    void session_hugeCountsAreRefusedBeforeAllocating()
    {
        QByteArray body;
        {
            QDataStream out(&body, QIODevice::WriteOnly);
            out.setVersion(QDataStream::Qt_6_4);
            const QByteArray scenario = QJsonDocument(Scenario(ScenarioKind::Queue).toJson())
                                            .toJson(QJsonDocument::Compact);
            out << quint32(scenario.size());
            out.writeRawData(scenario.constData(), int(scenario.size()));
            out << 1.0 << qint64(0) << quint32(0xFFFF'FFFF); // four billion samples
            out << 1.0 << 2.0 << 3.0;
        }
        const QString path = m_dir.filePath(QStringLiteral("hostile.ipcscope"));
        writeAll(path, plainSessionFile(body, 1));
        QString error;
        QVERIFY(!loadSession(path, &error));
        QVERIFY2(error.contains(QStringLiteral("4294967295 samples cannot fit")),
                 qPrintable(error));
    }

    // Garbage that passes the checksum (as a hostile writer would make it):
    // thousands of bodies with bytes changed at random, each refused with a
    // message or loaded, never a crash; what loads can be summarised and
    // exported too.
    void session_mutatedBodiesWithValidChecksumsNeverCrash()
    {
        const QByteArray saved = readAll(savedSessionOf(QStringLiteral("queue")));
        const QByteArray plain = qUncompress(saved.mid(64));
        QVERIFY(!plain.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("mutated.ipcscope"));
        writeAll(path, plainSessionFile(plain, kSessionFormatVersion));
        QString error;
        QVERIFY2(loadSession(path, &error), qPrintable(error)); // the unchanged body loads

        QRandomGenerator random(20261202);
        int refused = 0, loaded = 0;
        for (int round = 0; round < 1000; ++round) {
            QByteArray body = plain;
            const int changes = 1 + int(random.bounded(4));
            for (int c = 0; c < changes; ++c) {
                const qsizetype at = random.bounded(body.size());
                // Mostly near the front, where the counts and strings are.
                const qsizetype where = random.bounded(2) ? at : at % 512;
                body[where] = char(random.bounded(256));
            }
            if (random.bounded(8) == 0)
                body.truncate(random.bounded(body.size()));
            writeAll(path, plainSessionFile(body, kSessionFormatVersion));
            const std::optional<LoadedSession> session = loadSession(path, &error);
            if (!session) {
                QVERIFY2(error.contains(QStringLiteral("is damaged")), qPrintable(error));
                ++refused;
                continue;
            }
            ++loaded;
            sessionSummary(*session->scenario, *session->recording, session->durationS);
            QVERIFY(writeChromeTrace(m_dir.filePath(QStringLiteral("mutated-trace.json")),
                                     *session->scenario, *session->recording, &error));
            QVERIFY(writeSamplesCsv(m_dir.filePath(QStringLiteral("mutated-samples.csv")),
                                    *session->recording, &error));
        }
        qInfo("%d refused, %d loaded", refused, loaded);
        QVERIFY(refused > 0);
    }

    void export_unwritableDirectoryIsReported()
    {
        // A regular file where the directory should be: unwritable even for root.
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        writeAll(blocker, "a file, not a directory");
        const QString dir = blocker + QStringLiteral("/out");
        const Session& session = *recorded(QStringLiteral("queue")).session;
        QStringList written;
        QString error;
        QVERIFY(!exportSessionData(dir, session.scenario(), session.recording(),
                                   session.elapsedSeconds(), &written, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot create directory")) && error.contains(dir),
                 qPrintable(error));
        QVERIFY(written.isEmpty());
        QVERIFY(!saveSession(blocker + QStringLiteral("/x.ipcscope"), session.scenario(),
                             session.recording(), 1, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot write")), qPrintable(error));
    }

    // A write that fails half way (the disk full, here a file size limit)
    // is reported, leaves the previous file as it was and no temporary file.
    void export_failedWriteLeavesNothingHalfWritten_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& file : exportFileNames())
            QTest::newRow(qPrintable(file)) << file;
    }
    void export_failedWriteLeavesNothingHalfWritten()
    {
        QFETCH(QString, file);
        const QString dir = m_dir.filePath(QStringLiteral("full-") + file);
        QVERIFY(QDir().mkpath(dir));
        const QString path = QDir(dir).filePath(file);
        writeAll(path, "the previous export");
        const Session& session = *recorded(QStringLiteral("counter")).session;
        const Scenario& scenario = session.scenario();
        const Recording& recording = session.recording();

        // Past the limit, write() fails with EFBIG (and SIGXFSZ, ignored) as on a full disk.
        rlimit previous{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = previous;
        small.rlim_cur = 256;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QString error;
        bool ok = true;
        if (file == QLatin1String("summary.json"))
            ok = writeSummaryJson(path, sessionSummary(scenario, recording, 1), &error);
        else if (file == QLatin1String("samples.csv"))
            ok = writeSamplesCsv(path, recording, &error);
        else if (file == QLatin1String("events.csv"))
            ok = writeEventsCsv(path, recording, &error);
        else if (file == QLatin1String("trace.json"))
            ok = writeChromeTrace(path, scenario, recording, &error);
        else if (file == QLatin1String("session.ipcscope"))
            ok = saveSession(path, scenario, recording, 1, &error);
        ::setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("cannot write")) && error.contains(path),
                 qPrintable(error));
        QCOMPARE(readAll(path), QByteArray("the previous export"));
        QCOMPARE(filesIn(dir), QStringList{file});
    }

    void cleanupTestCase()
    {
        QList<qint64> pids;
        for (const auto& [name, run] : m_sessions)
            for (const WorkerRecord& worker : run.session->recording().workers())
                pids.append(worker.pid);
        m_sessions.clear();
        QCOMPARE(test::stillExisting(pids), QList<qint64>());
        QCOMPARE(test::ourSegments(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
