#include "SessionFile.h"

#include "DataExport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QtEndian>

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace ipcscope {

namespace {

constexpr char kMagic[8] = {'I', 'P', 'C', 'S', 'C', 'O', 'P', 'E'};
constexpr qsizetype kHeaderSize = 64;
constexpr qsizetype kHashedHeaderSize = 32; // magic, version, flags, the two sizes
constexpr quint32 kFlagCompressed = 1u << 0;
constexpr quint32 kKnownFlags = kFlagCompressed;
// zlib cannot expand data by more than about 1032:1; a header claiming more is damaged.
constexpr quint64 kMaxCompressionRatio = 1100;
// qCompress records the plain size in 32 bits: larger bodies are stored plain.
constexpr qsizetype kMaxCompressedBody = qsizetype(1) << 30;

QByteArray headerHash(const QByteArray& header, const QByteArray& body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(header).first(kHashedHeaderSize));
    hash.addData(body);
    return hash.result();
}

// The smallest size of each record in the body (a string adds its bytes);
// format 3 samples are 4 bytes longer (secondLockHolder).
constexpr qsizetype kSampleBytes = 8 + 4 + 8 * 4 + 4 * 7;
constexpr qsizetype kEventBytes = 8 + 4 + 2 + 2 + 8 + 8;
constexpr qsizetype kOverlapBytes = 8 + 4 + 4 + 8 + 8;
constexpr qsizetype kWorkerBytes = 4 + 4 + 8 + 8 + 4 + 8 + 4 + 8 * 5 + 4;
constexpr qsizetype kIntervalBytes = 8 + 8 + 4;
constexpr qsizetype kMessageBytes = 8 + 4;
constexpr qsizetype kContentionBytes = 8 + 8 + 8;

// --- writing ---

// Numbers big-endian, doubles as their IEEE 754 bits: the layout QDataStream
// writes, without its cost per field (a recording has millions of fields).
class BodyWriter
{
public:
    explicit BodyWriter(QByteArray* bytes) : m_bytes(bytes) {}
    template <typename T>
    requires std::is_arithmetic_v<T> BodyWriter& operator<<(T value)
    {
        char raw[sizeof(T)];
        if constexpr (std::is_floating_point_v<T>)
            qToBigEndian(std::bit_cast<quint64>(double(value)), raw);
        else
            qToBigEndian(value, raw);
        m_bytes->append(raw, sizeof raw);
        return *this;
    }
    void writeRawData(const char* data, qsizetype size) { m_bytes->append(data, size); }

private:
    QByteArray* m_bytes;
};

void writeString(BodyWriter& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    out << quint32(utf8.size());
    out.writeRawData(utf8.constData(), utf8.size());
}

QByteArray encodeBody(const Scenario& scenario, const RecordingData& data, double durationS)
{
    QByteArray body;
    // Most of it: the events, the samples and the intervals.
    qsizetype intervals = 0;
    for (const WorkerRecord& w : data.workers)
        intervals += w.intervals.size();
    body.reserve(4096 + data.events.size() * kEventBytes + data.samples.size() * kSampleBytes +
                 intervals * kIntervalBytes);
    BodyWriter out(&body);
    writeString(out,
                QString::fromUtf8(QJsonDocument(scenario.toJson()).toJson(QJsonDocument::Compact)));
    out << durationS << qint64(QDateTime::currentMSecsSinceEpoch());

    out << quint32(data.samples.size());
    for (const Sample& s : data.samples)
        out << s.time << s.queueDepth << s.counterActual << s.counterExpected << s.produced
            << s.consumed << s.lockHolder << s.secondLockHolder << s.semaphoreInside
            << s.eventWaiting << s.eventSet << s.barrierArrived << s.barrierGeneration
            << s.messagesInFlight;
    out << qint64(data.coarseSamples) << qint64(data.samplesFolded);

    out << quint32(data.events.size());
    for (const RecordedEvent& e : data.events)
        out << e.time << e.worker << quint16(e.type) << e.object << e.a << e.b;

    out << quint32(data.overlaps.size());
    for (const RaceOverlap& o : data.overlaps)
        out << o.time << o.firstWorker << o.secondWorker << o.firstRead << o.secondRead;
    out << data.overlapsTotal << qint64(data.overlapsLetGo);

    out << quint32(data.workers.size());
    for (const WorkerRecord& w : data.workers) {
        out << qint32(w.id) << quint32(w.role) << w.pid << w.launchedAt;
        writeString(out, w.exit);
        out << w.exitedAt;
        writeString(out, w.errorText);
        out << w.ops << w.blockedNs << w.eventsDropped << qint64(w.coarseIntervals)
            << qint64(w.intervalsFolded) << quint32(w.intervals.size());
        for (const StateInterval& i : w.intervals)
            out << i.start << i.end << quint32(i.state);
    }

    const CounterFigures& c = data.counter;
    out << c.expected << c.actual << c.lostUpdates << c.overlappingWindows;
    const DeliveryFigures& d = data.delivery;
    out << d.produced << d.consumed << d.lost << d.duplicated << d.phantom << d.leftInQueue
        << d.maxDepth << quint8(d.final ? 1 : 0);
    for (const QVector<quint64>* perProducer : {&d.lostPerProducer, &d.duplicatedPerProducer}) {
        out << quint32(perProducer->size());
        for (quint64 n : *perProducer)
            out << n;
    }

    out << quint32(data.messages.size());
    for (const auto& [time, text] : data.messages) {
        out << time;
        writeString(out, text);
    }
    writeString(out,
                QString::fromUtf8(QJsonDocument(data.mechanism).toJson(QJsonDocument::Compact)));

    out << quint32(data.contention.size());
    for (const ContentionFigures& f : data.contention)
        out << f.acquisitions << f.totalWaitNs << f.maxWaitNs;
    out << data.eventsRecorded << data.eventsNotKept << data.lastTime;
    // Format 3: the workers' own count of the queue's items, at the end.
    out << quint8(d.counted ? 1 : 0);
    for (const ItemTotals* totals : {&d.put, &d.got, &d.left})
        out << totals->count << totals->keySum << totals->keySumSq;
    return body;
}

// --- reading ---

// Reads the body, refusing (once, with the first reason) anything the file
// cannot hold or that makes no sense; later reads then return zeros.
class BodyReader
{
public:
    explicit BodyReader(const QByteArray& body)
        : m_at(body.constData()), m_end(body.constData() + body.size())
    {
    }

    template <typename T> T number()
    {
        if (!m_problem.isEmpty())
            return T{};
        if (remaining() < qint64(sizeof(T))) {
            fail(QCoreApplication::translate("SessionFile", "it ends too early"));
            return T{};
        }
        T value;
        if constexpr (std::is_floating_point_v<T>)
            value = std::bit_cast<double>(qFromBigEndian<quint64>(m_at));
        else
            value = qFromBigEndian<T>(m_at);
        m_at += sizeof(T);
        return value;
    }
    double time(const char* what)
    {
        const double value = number<double>();
        if (!std::isfinite(value))
            fail(QCoreApplication::translate("SessionFile", "a time that is not a number in %1")
                     .arg(QLatin1String(what)));
        return value;
    }
    qint32 workerId(qint32 lowest, const char* what)
    {
        const qint32 id = number<qint32>();
        if (id < lowest || id >= ipc::kMaxWorkers)
            fail(QCoreApplication::translate("SessionFile", "worker %1 out of range in %2")
                     .arg(id)
                     .arg(QLatin1String(what)));
        return id;
    }
    // A count of elements each at least minBytes long: refused (and 0) if the
    // rest of the file cannot hold that many, so nothing huge is allocated.
    qsizetype count(qsizetype minBytes, const char* what)
    {
        const quint32 n = number<quint32>();
        if (!m_problem.isEmpty())
            return 0;
        if (qint64(n) * minBytes > remaining()) {
            fail(QCoreApplication::translate("SessionFile",
                                             "%1 %2 cannot fit in what remains of the file")
                     .arg(n)
                     .arg(QLatin1String(what)));
            return 0;
        }
        return qsizetype(n);
    }
    QString string(const char* what)
    {
        const qsizetype size = count(1, what); // checked against what remains
        if (!m_problem.isEmpty())
            return {};
        const QString text = QString::fromUtf8(m_at, size);
        m_at += size;
        return text;
    }
    void fail(const QString& why)
    {
        if (m_problem.isEmpty())
            m_problem = why;
    }
    bool ok() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }
    qint64 remaining() const { return m_end - m_at; }

private:
    const char* m_at;
    const char* m_end;
    QString m_problem;
};

void readSamples(BodyReader& in, quint32 version, RecordingData* data)
{
    QVector<Sample>* samples = &data->samples;
    const qsizetype n = in.count(kSampleBytes + (version >= 3 ? 4 : 0), "samples");
    samples->reserve(n);
    for (qsizetype i = 0; i < n && in.ok(); ++i) {
        Sample s;
        s.time = in.time("samples");
        s.queueDepth = in.number<qint32>();
        s.counterActual = in.number<qint64>();
        s.counterExpected = in.number<qint64>();
        s.produced = in.number<qint64>();
        s.consumed = in.number<qint64>();
        s.lockHolder = in.workerId(-1, "samples");
        s.secondLockHolder = version >= 3 ? in.workerId(-1, "samples") : -1;
        s.semaphoreInside = in.number<qint32>();
        s.eventWaiting = in.number<qint32>();
        s.eventSet = in.number<qint32>();
        s.barrierArrived = in.number<qint32>();
        s.barrierGeneration = in.number<qint32>();
        s.messagesInFlight = in.number<qint32>();
        samples->append(s);
    }
    data->coarseSamples = qsizetype(in.number<qint64>());
    data->samplesFolded = qsizetype(in.number<qint64>());
    if (data->coarseSamples < 0 || data->coarseSamples > samples->size() || data->samplesFolded < 0)
        in.fail(QCoreApplication::translate("SessionFile", "folded counts out of range in %1")
                    .arg(QLatin1String("samples")));
}

void readEvents(BodyReader& in, QVector<RecordedEvent>* events)
{
    const qsizetype n = in.count(kEventBytes, "events");
    events->reserve(n);
    for (qsizetype i = 0; i < n && in.ok(); ++i) {
        RecordedEvent e;
        e.time = in.time("events");
        e.worker = in.workerId(-1, "events");
        e.type = ipc::EventType(in.number<quint16>());
        e.object = in.number<quint16>();
        e.a = in.number<qint64>();
        e.b = in.number<qint64>();
        events->append(e);
    }
}

void readWorkers(BodyReader& in, QVector<WorkerRecord>* workers)
{
    const qsizetype n = in.count(kWorkerBytes, "workers");
    QList<int> seen;
    for (qsizetype i = 0; i < n && in.ok(); ++i) {
        WorkerRecord w;
        w.id = in.workerId(0, "workers");
        if (seen.contains(w.id))
            in.fail(
                QCoreApplication::translate("SessionFile", "worker %1 appears twice").arg(w.id));
        seen.append(w.id);
        const quint32 role = in.number<quint32>();
        if (role > quint32(ipc::Role::ManagerClient))
            in.fail(QCoreApplication::translate("SessionFile", "unknown role %1").arg(role));
        w.role = ipc::Role(role);
        w.pid = in.number<qint64>();
        w.launchedAt = in.time("workers");
        w.exit = in.string("workers");
        w.exitedAt = in.time("workers");
        w.errorText = in.string("workers");
        w.ops = in.number<quint64>();
        w.blockedNs = in.number<quint64>();
        w.eventsDropped = in.number<quint64>();
        w.coarseIntervals = qsizetype(in.number<qint64>());
        w.intervalsFolded = qsizetype(in.number<qint64>());
        const qsizetype intervals = in.count(kIntervalBytes, "state intervals");
        w.intervals.reserve(intervals);
        for (qsizetype k = 0; k < intervals && in.ok(); ++k) {
            StateInterval interval;
            interval.start = in.time("state intervals");
            interval.end = in.time("state intervals");
            const quint32 state = in.number<quint32>();
            if (state >= quint32(ipc::WorkerState::Count))
                in.fail(QCoreApplication::translate("SessionFile", "unknown worker state %1")
                            .arg(state));
            interval.state = ipc::WorkerState(state);
            w.intervals.append(interval);
        }
        if (w.coarseIntervals < 0 || w.coarseIntervals > w.intervals.size() ||
            w.intervalsFolded < 0)
            in.fail(QCoreApplication::translate("SessionFile", "folded counts out of range in %1")
                        .arg(QLatin1String("workers")));
        workers->append(std::move(w));
    }
}

std::optional<RecordingData> decodeRecording(BodyReader& in, quint32 version)
{
    RecordingData data;
    readSamples(in, version, &data);
    readEvents(in, &data.events);

    const qsizetype overlaps = in.count(kOverlapBytes, "race overlaps");
    data.overlaps.reserve(overlaps);
    for (qsizetype i = 0; i < overlaps && in.ok(); ++i) {
        RaceOverlap o;
        o.time = in.time("race overlaps");
        o.firstWorker = in.workerId(0, "race overlaps");
        o.secondWorker = in.workerId(0, "race overlaps");
        o.firstRead = in.number<qint64>();
        o.secondRead = in.number<qint64>();
        data.overlaps.append(o);
    }
    data.overlapsTotal = in.number<quint64>();
    data.overlapsLetGo = qsizetype(in.number<qint64>());
    if (data.overlapsLetGo < 0)
        in.fail(QCoreApplication::translate("SessionFile", "a negative count of race overlaps"));

    readWorkers(in, &data.workers);

    CounterFigures& c = data.counter;
    c.expected = in.number<qint64>();
    c.actual = in.number<qint64>();
    c.lostUpdates = in.number<qint64>();
    c.overlappingWindows = in.number<quint64>();
    DeliveryFigures& d = data.delivery;
    d.produced = in.number<quint64>();
    d.consumed = in.number<quint64>();
    d.lost = in.number<quint64>();
    d.duplicated = in.number<quint64>();
    d.phantom = in.number<quint64>();
    d.leftInQueue = in.number<quint64>();
    d.maxDepth = in.number<qint64>();
    // Version 1 did not say; its lost count is right either way.
    d.final = version >= 2 ? in.number<quint8>() != 0 : d.lost > 0 || d.leftInQueue > 0;
    for (QVector<quint64>* perProducer : {&d.lostPerProducer, &d.duplicatedPerProducer}) {
        const qsizetype n = in.count(8, "producers");
        if (n > ipc::kMaxWorkers)
            in.fail(QCoreApplication::translate("SessionFile",
                                                "%1 producers, more than a session can have")
                        .arg(n));
        for (qsizetype i = 0; i < n && in.ok(); ++i)
            perProducer->append(in.number<quint64>());
    }

    const qsizetype messages = in.count(kMessageBytes, "messages");
    for (qsizetype i = 0; i < messages && in.ok(); ++i) {
        const double time = in.time("messages");
        data.messages.append({time, in.string("messages")});
    }
    const QString mechanism = in.string("figures");
    if (in.ok()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(mechanism.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            in.fail(QCoreApplication::translate("SessionFile",
                                                "the scenario's figures are not a JSON object"));
        data.mechanism = document.object();
    }

    if (in.count(kContentionBytes, "lock figures") != qsizetype(data.contention.size()))
        in.fail(QCoreApplication::translate("SessionFile", "lock figures for %1 locks expected")
                    .arg(data.contention.size()));
    for (ContentionFigures& f : data.contention) {
        f.acquisitions = in.number<quint64>();
        f.totalWaitNs = in.number<double>();
        f.maxWaitNs = in.number<qint64>();
    }
    data.eventsRecorded = in.number<quint64>();
    data.eventsNotKept = in.number<quint64>();
    data.lastTime = in.time("the end");
    if (version >= 3) {
        d.counted = in.number<quint8>() != 0;
        for (ItemTotals* totals : {&d.put, &d.got, &d.left}) {
            totals->count = in.number<quint64>();
            totals->keySum = in.number<quint64>();
            totals->keySumSq = in.number<quint64>();
        }
    }
    if (!in.ok())
        return std::nullopt;
    return data;
}

} // namespace

bool saveSession(const QString& path, const Scenario& scenario, const Recording& recording,
                 double durationS, QString* error)
{
    const QByteArray plain = encodeBody(scenario, recording.snapshot(), durationS);
    const bool compress = plain.size() <= kMaxCompressedBody;
    // Level 1: the recording is repetitive enough that fast compression already pays.
    const QByteArray body = compress ? qCompress(plain, 1) : plain;

    QByteArray header(kHeaderSize, '\0');
    char* h = header.data();
    std::memcpy(h, kMagic, sizeof kMagic);
    qToBigEndian(quint32(kSessionFormatVersion), h + 8);
    qToBigEndian(compress ? kFlagCompressed : 0u, h + 12);
    qToBigEndian(quint64(body.size()), h + 16);
    qToBigEndian(quint64(plain.size()), h + 24);
    const QByteArray hash = headerHash(header, body);
    std::memcpy(h + kHashedHeaderSize, hash.constData(), size_t(hash.size()));

    ExportFile file(path);
    if (!file.open(error))
        return false;
    file.write(header);
    file.write(body);
    return file.commit(error);
}

std::optional<LoadedSession> loadSession(const QString& path, QString* error)
{
    const QString name = QDir::toNativeSeparators(path);
    const auto damaged = [&](const QString& why) {
        *error = QCoreApplication::translate("SessionFile", "%1 is damaged: %2").arg(name, why);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("SessionFile", "cannot open %1: %2")
                     .arg(name, file.errorString());
        return std::nullopt;
    }
    const QByteArray header = file.read(kHeaderSize);
    if (header.size() < qsizetype(sizeof kMagic) ||
        std::memcmp(header.constData(), kMagic, sizeof kMagic) != 0) {
        *error = QCoreApplication::translate("SessionFile", "%1 is not an ipcscope session file")
                     .arg(name);
        return std::nullopt;
    }
    if (header.size() < kHeaderSize)
        return damaged(QCoreApplication::translate("SessionFile", "it ends inside its header"));
    const char* h = header.constData();
    const quint32 version = qFromBigEndian<quint32>(h + 8);
    if (version > quint32(kSessionFormatVersion)) {
        *error = QCoreApplication::translate(
                     "SessionFile",
                     "%1 was written by a newer ipcscope (format %2, this one reads up to %3)")
                     .arg(name)
                     .arg(version)
                     .arg(kSessionFormatVersion);
        return std::nullopt;
    }
    if (version == 0)
        return damaged(QCoreApplication::translate("SessionFile", "format version 0"));
    const quint32 flags = qFromBigEndian<quint32>(h + 12);
    const quint64 storedSize = qFromBigEndian<quint64>(h + 16);
    const quint64 plainSize = qFromBigEndian<quint64>(h + 24);
    const quint64 actualSize = quint64(file.size() - kHeaderSize);
    if (storedSize != actualSize)
        return damaged(
            storedSize > actualSize
                ? QCoreApplication::translate("SessionFile", "it is cut short (%1 of %2 bytes)")
                      .arg(actualSize)
                      .arg(storedSize)
                : QCoreApplication::translate("SessionFile", "%1 bytes too many")
                      .arg(actualSize - storedSize));
    const QByteArray stored = file.read(qint64(storedSize));
    if (quint64(stored.size()) != storedSize) {
        *error = QCoreApplication::translate("SessionFile", "cannot read %1: %2")
                     .arg(name, file.errorString());
        return std::nullopt;
    }
    if (headerHash(header, stored) != header.mid(kHashedHeaderSize, 32))
        return damaged(QCoreApplication::translate("SessionFile", "its checksum does not match"));
    // The checksum matched: what follows was written by a (possibly buggy or
    // hostile) writer, not damaged by chance. Check it all the same.
    if (flags & ~kKnownFlags)
        return damaged(
            QCoreApplication::translate("SessionFile", "unknown flags %1").arg(flags, 0, 16));
    QByteArray plain;
    if (flags & kFlagCompressed) {
        if (plainSize > storedSize * kMaxCompressionRatio || storedSize < 4 ||
            qFromBigEndian<quint32>(stored.constData()) != plainSize)
            return damaged(QCoreApplication::translate("SessionFile", "its sizes do not agree"));
        plain = qUncompress(stored);
        if (quint64(plain.size()) != plainSize)
            return damaged(QCoreApplication::translate("SessionFile", "it cannot be uncompressed"));
    } else {
        if (plainSize != storedSize)
            return damaged(QCoreApplication::translate("SessionFile", "its sizes do not agree"));
        plain = stored;
    }

    BodyReader in(plain);
    const QString scenarioJson = in.string("scenario");
    const double durationS = in.time("the duration");
    const qint64 savedAtMs = in.number<qint64>();
    if (!in.ok())
        return damaged(in.problem());
    QString scenarioError;
    auto scenario = Scenario::fromJson(scenarioJson.toUtf8(), &scenarioError);
    if (!scenario)
        return damaged(QCoreApplication::translate("SessionFile", "its scenario is invalid: %1")
                           .arg(scenarioError));
    std::optional<RecordingData> data = decodeRecording(in, version);
    if (!data)
        return damaged(in.problem());
    if (in.remaining() != 0)
        return damaged(QCoreApplication::translate("SessionFile", "%1 bytes follow the recording")
                           .arg(in.remaining()));

    LoadedSession session;
    session.scenario = std::make_unique<Scenario>(std::move(*scenario));
    session.recording = Recording::restore(std::move(*data));
    session.durationS = durationS;
    session.savedAt = QDateTime::fromMSecsSinceEpoch(savedAtMs, Qt::UTC);
    return session;
}

} // namespace ipcscope
