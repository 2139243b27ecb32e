#include "DataExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace ipcscope {

namespace {

bool commit(QSaveFile& file, const QString& path, QString* error)
{
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool open(QSaveFile& file, const QString& path, QString* error)
{
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The state a worker was in at time t (intervals are in time order).
ipc::WorkerState stateAt(const WorkerRecord& worker, double t, qsizetype* cursor)
{
    const auto& intervals = worker.intervals;
    while (*cursor + 1 < intervals.size() && intervals[*cursor + 1].start <= t)
        ++*cursor;
    if (intervals.isEmpty() || intervals[*cursor].start > t)
        return ipc::WorkerState::Starting;
    return intervals[*cursor].state;
}

} // namespace

QJsonObject sessionSummary(const Scenario& scenario, const Recording& recording, double durationS)
{
    QJsonObject summary;
    summary[QStringLiteral("scenario")] = scenario.name();
    summary[QStringLiteral("kind")] = Scenario::kindName(scenario.kind());
    QJsonObject parameters;
    for (auto it = scenario.values().cbegin(); it != scenario.values().cend(); ++it) {
        const ParameterSpec* spec = Scenario::findSpec(scenario.kind(), it.key());
        if (spec && spec->type == ParameterSpec::Type::Switch)
            parameters[it.key()] = formatParameterValue(*spec, it.value());
        else
            parameters[it.key()] = double(it.value());
    }
    summary[QStringLiteral("parameters")] = parameters;
    summary[QStringLiteral("duration_s")] = durationS;

    QJsonArray workers;
    for (const WorkerRecord& worker : recording.workers()) {
        QJsonObject w;
        w[QStringLiteral("id")] = worker.id;
        w[QStringLiteral("role")] = roleName(worker.role);
        w[QStringLiteral("pid")] = double(worker.pid);
        w[QStringLiteral("exit")] = worker.exit.isEmpty() ? QStringLiteral("running") : worker.exit;
        w[QStringLiteral("ops")] = double(worker.ops);
        w[QStringLiteral("blocked_s")] = double(worker.blockedNs) * 1e-9;
        if (worker.exitedAt >= 0)
            w[QStringLiteral("exited_at_s")] = worker.exitedAt;
        if (!worker.errorText.isEmpty())
            w[QStringLiteral("error")] = worker.errorText;
        workers.append(w);
    }
    summary[QStringLiteral("workers")] = workers;

    if (scenario.kind() == ScenarioKind::Counter) {
        const CounterFigures counter = recording.counterFigures();
        summary[QStringLiteral("counter")] = QJsonObject{
            {QStringLiteral("expected"), double(counter.expected)},
            {QStringLiteral("actual"), double(counter.actual)},
            {QStringLiteral("lost_updates"), double(counter.lostUpdates)},
            {QStringLiteral("overlapping_windows"), double(counter.overlappingWindows)},
        };
    }
    if (scenario.kind() == ScenarioKind::Queue) {
        const DeliveryFigures queue = recording.deliveryFigures();
        QJsonArray lostPerProducer, duplicatedPerProducer;
        for (quint64 n : queue.lostPerProducer)
            lostPerProducer.append(double(n));
        for (quint64 n : queue.duplicatedPerProducer)
            duplicatedPerProducer.append(double(n));
        summary[QStringLiteral("queue")] = QJsonObject{
            {QStringLiteral("capacity"), double(scenario.value(QStringLiteral("capacity")))},
            {QStringLiteral("produced"), double(queue.produced)},
            {QStringLiteral("consumed"), double(queue.consumed)},
            {QStringLiteral("lost"), double(queue.lost)},
            {QStringLiteral("duplicated"), double(queue.duplicated)},
            {QStringLiteral("phantom"), double(queue.phantom)},
            {QStringLiteral("left_in_queue"), double(queue.leftInQueue)},
            {QStringLiteral("max_depth"), double(queue.maxDepth)},
            {QStringLiteral("lost_per_producer"), lostPerProducer},
            {QStringLiteral("duplicated_per_producer"), duplicatedPerProducer},
        };
    }
    // The scenario's own defining figures, e.g. semaphore.max_inside.
    const QJsonObject mechanism = recording.mechanismFigures();
    if (!mechanism.isEmpty()) {
        const QString section = Scenario::kindName(scenario.kind());
        QJsonObject merged = summary.value(section).toObject();
        for (auto it = mechanism.begin(); it != mechanism.end(); ++it)
            merged[it.key()] = it.value();
        summary[section] = merged;
    }
    summary[QStringLiteral("events")] = QJsonObject{
        {QStringLiteral("recorded"), double(recording.eventsRecorded())},
        {QStringLiteral("dropped"), double(recording.eventsDropped())},
        {QStringLiteral("not_kept"), double(recording.eventsNotKept())},
    };
    QJsonArray messages;
    for (const auto& [time, text] : recording.messages())
        messages.append(
            QJsonObject{{QStringLiteral("time_s"), time}, {QStringLiteral("text"), text}});
    summary[QStringLiteral("messages")] = messages;
    return summary;
}

bool writeSummaryJson(const QString& path, const QJsonObject& summary, QString* error)
{
    QSaveFile file(path);
    if (!open(file, path, error))
        return false;
    file.write(QJsonDocument(summary).toJson(QJsonDocument::Indented));
    return commit(file, path, error);
}

bool writeSamplesCsv(const QString& path, const Recording& recording, QString* error)
{
    QSaveFile file(path);
    if (!open(file, path, error))
        return false;
    const QVector<WorkerRecord> workers = recording.workers();
    QTextStream out(&file);
    out << "time_s,queue_depth,produced,consumed,counter_expected,counter_actual,lost_updates,"
           "lock_holder";
    for (const WorkerRecord& worker : workers)
        out << ",worker" << worker.id << "_state";
    out << '\n';
    QVector<qsizetype> cursors(workers.size(), 0);
    for (const Sample& s : recording.samplesFrom(0)) {
        out << QString::number(s.time, 'f', 6) << ',' << s.queueDepth << ',' << s.produced << ','
            << s.consumed << ',' << s.counterExpected << ',' << s.counterActual << ','
            << std::max<qint64>(0, s.counterExpected - s.counterActual) << ',' << s.lockHolder;
        for (qsizetype w = 0; w < workers.size(); ++w)
            out << ',' << workerStateName(stateAt(workers[w], s.time, &cursors[w]));
        out << '\n';
    }
    out.flush();
    return commit(file, path, error);
}

} // namespace ipcscope
