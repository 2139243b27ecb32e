#include "Scenario.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>

#include <array>
#include <cmath>

namespace ipcscope {

namespace {

constexpr std::array kAllKinds = {
    ScenarioKind::Counter,       ScenarioKind::Queue,         ScenarioKind::Array,
    ScenarioKind::Semaphore,     ScenarioKind::Event,         ScenarioKind::Barrier,
    ScenarioKind::Deadlock,      ScenarioKind::AbandonedLock, ScenarioKind::Condition,
    ScenarioKind::JoinableQueue, ScenarioKind::Pipe,          ScenarioKind::Socket,
    ScenarioKind::Manager};

// A scenario file is a few hundred bytes; anything this large is a mistake.
constexpr qint64 kMaxFileSize = 1024 * 1024;

const char* const kBuiltinDirectory = ":/scenarios";

// The keys a scenario file may have at its top level, in the order toJson writes them.
const QStringList& topLevelKeys()
{
    static const QStringList keys = {
        QStringLiteral("format"),     QStringLiteral("name"),        QStringLiteral("kind"),
        QStringLiteral("title"),      QStringLiteral("title_zh_CN"), QStringLiteral("help"),
        QStringLiteral("help_zh_CN"), QStringLiteral("python"),      QStringLiteral("parameters"),
    };
    return keys;
}

std::optional<QString>& uiLanguageOverride()
{
    static std::optional<QString> language;
    return language;
}

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

QString quoted(const QString& text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString formatNumber(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9.0e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 17);
}

// How a JSON value reads in an error message: 'text', 12, true, null, an array.
QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return quoted(value.toString());
    case QJsonValue::Double:
        return formatNumber(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QCoreApplication::translate("Scenario", "an array");
    case QJsonValue::Object:
        return QCoreApplication::translate("Scenario", "an object");
    case QJsonValue::Undefined:
        break;
    }
    return QCoreApplication::translate("Scenario", "nothing");
}

QString knownKeys(ScenarioKind kind)
{
    QStringList keys;
    for (const ParameterSpec& spec : Scenario::parameterSpecs(kind))
        keys.append(QString::fromLatin1(spec.key));
    return keys.join(QLatin1String(", "));
}

QString knownKinds()
{
    QStringList names;
    for (ScenarioKind kind : kAllKinds)
        names.append(Scenario::kindName(kind));
    return names.join(QLatin1String(", "));
}

QString rangeError(const ParameterSpec& spec, const QString& got)
{
    return QCoreApplication::translate("Scenario", "%1: must be %2..%3, got %4")
        .arg(QString::fromLatin1(spec.key))
        .arg(spec.minimum)
        .arg(spec.maximum)
        .arg(got);
}

QString notAnIntegerError(const ParameterSpec& spec, const QString& got)
{
    return QCoreApplication::translate("Scenario", "%1: must be an integer in %2..%3, got %4")
        .arg(QString::fromLatin1(spec.key))
        .arg(spec.minimum)
        .arg(spec.maximum)
        .arg(got);
}

QString switchError(const ParameterSpec& spec, const QString& got)
{
    return QCoreApplication::translate("Scenario", "%1: must be on or off, got %2")
        .arg(QString::fromLatin1(spec.key), got);
}

std::optional<qint64> parseSwitchWord(const QString& text, bool acceptDigits)
{
    const QString word = text.trimmed().toLower();
    if (word == QLatin1String("on") || word == QLatin1String("true") ||
        (acceptDigits && word == QLatin1String("1")))
        return 1;
    if (word == QLatin1String("off") || word == QLatin1String("false") ||
        (acceptDigits && word == QLatin1String("0")))
        return 0;
    return std::nullopt;
}

// One parameter value from a scenario file, checked against its spec.
bool parameterFromJson(const ParameterSpec& spec, const QJsonValue& json, qint64* out,
                       QString* error)
{
    if (spec.type == ParameterSpec::Type::Switch) {
        if (json.isBool()) {
            *out = json.toBool() ? 1 : 0;
            return true;
        }
        if (json.isString()) {
            if (const auto on = parseSwitchWord(json.toString(), false)) {
                *out = *on;
                return true;
            }
        }
        return fail(error, switchError(spec, describe(json)));
    }

    if (!json.isDouble())
        return fail(error, notAnIntegerError(spec, describe(json)));
    const double number = json.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number)
        return fail(error, notAnIntegerError(spec, describe(json)));
    // Beyond every range (and beyond qint64): say so without converting.
    if (number < double(spec.minimum) - 1.0 || number > double(spec.maximum) + 1.0)
        return fail(error, rangeError(spec, formatNumber(number)));
    const qint64 value = json.toInteger(qint64(number));
    if (value < spec.minimum || value > spec.maximum)
        return fail(error, rangeError(spec, QString::number(value)));
    *out = value;
    return true;
}

bool readScenarioFile(const QString& path, QByteArray* data, QString* error)
{
    const QFileInfo info(path);
    if (info.isDir())
        return fail(error, QCoreApplication::translate(
                               "Scenario", "cannot read scenario file %1: it is a directory")
                               .arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error,
                    QCoreApplication::translate("Scenario", "cannot read scenario file %1: %2")
                        .arg(path, file.errorString()));
    const QString tooLarge = QCoreApplication::translate(
                                 "Scenario", "cannot read scenario file %1: larger than %2 bytes, "
                                             "which is far more than a scenario needs")
                                 .arg(path)
                                 .arg(kMaxFileSize);
    if (file.size() > kMaxFileSize)
        return fail(error, tooLarge);
    // Read at most one byte too many: pipes and special files report no size.
    *data = file.read(kMaxFileSize + 1);
    if (data->size() > kMaxFileSize)
        return fail(error, tooLarge);
    if (file.error() != QFileDevice::NoError)
        return fail(error,
                    QCoreApplication::translate("Scenario", "cannot read scenario file %1: %2")
                        .arg(path, file.errorString()));
    return true;
}

} // namespace

// ---------------------------------------------------------------------------
// The parameter specs: the single source of truth for keys, ranges and defaults.

const QList<ParameterSpec>& Scenario::parameterSpecs(ScenarioKind kind)
{
    using T = ParameterSpec::Type;
    static const QList<ParameterSpec> counter = {
        {"workers", T::Integer, 1, 64, 4, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Number of processes that increment the one shared counter. More "
                           "processes collide more often."),
         "Process(target=increment) for each worker", false},
        {"iterations", T::Integer, 1, 1000000000, 100000, "increments",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many times each worker adds 1. Without losses the counter ends at "
                           "workers × iterations; whatever is missing was lost."),
         "for _ in range(iterations): counter.value += 1", false},
        {"lock", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Hold the counter's lock while reading, adding 1 and writing back. "
                           "Switch it off to let the increments race and lose updates."),
         "with counter.get_lock():", true},
        {"think_us", T::Integer, 0, 100000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Pause between reading the shared value and writing it back. It "
                           "widens the race window: without the lock, more updates are lost."),
         "v = counter.value; time.sleep(think_us / 1e6); counter.value = v + 1", true},
        {"shared", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Share one counter between the processes. Off: each process increments "
                           "its own copy of a plain variable, and the parent's value stays 0."),
         "counter = Value('i', 0) (on) vs a plain global counter = 0 (off)", false},
    };
    static const QList<ParameterSpec> array = {
        {"workers", T::Integer, 1, 64, 4, "processes",
         QT_TRANSLATE_NOOP("Parameter", "Number of processes that write into the shared array."),
         "Process(target=work, args=(arr,)) for each worker", false},
        {"length", T::Integer, 1, 64, 8, "elements",
         QT_TRANSLATE_NOOP("Parameter",
                           "Number of elements of the shared array. Fewer elements: the writers "
                           "meet on the same element more often."),
         "arr = multiprocessing.Array('i', length)", false},
        {"iterations", T::Integer, 1, 1000000000, 20000, "writes",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many element increments each worker makes, going round the "
                           "array from its own starting element."),
         "for i in range(iterations): arr[(start + i) % length] += 1", false},
        {"lock", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Hold the array's lock for each read, add and write. Off: writes to "
                           "the same element race and some are lost."),
         "with arr.get_lock():", true},
        {"think_us", T::Integer, 0, 100000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Pause between reading an element and writing it back: a wider race "
                           "window."),
         "v = arr[i]; time.sleep(think_us / 1e6); arr[i] = v + 1", true},
    };
    static const QList<ParameterSpec> semaphore = {
        {"workers", T::Integer, 1, 64, 6, "processes",
         QT_TRANSLATE_NOOP("Parameter", "Number of processes that want to enter the section."),
         "Process(target=work, args=(sem,)) for each worker", false},
        {"permits", T::Integer, 1, 64, 2, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many processes the semaphore lets in at once (its initial value)."),
         "sem = multiprocessing.Semaphore(permits)", false},
        {"entries", T::Integer, 1, 1000000, 100, "entries",
         QT_TRANSLATE_NOOP("Parameter", "How many times each worker enters the section."),
         "for _ in range(entries): with sem: ...", false},
        {"hold_us", T::Integer, 0, 1000000, 3000, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time a worker stays inside the section each time. Longer: more "
                           "workers queue up for a permit."),
         "with sem: time.sleep(hold_us / 1e6)", true},
        {"bounded", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "A BoundedSemaphore: a release() without a matching acquire() is "
                           "refused (Python raises ValueError). Off: a plain Semaphore accepts it "
                           "and from then on lets one process more in."),
         "multiprocessing.BoundedSemaphore(permits)", false},
        {"over_release", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "The last worker to finish calls release() once more than it "
                           "acquired: the bug a BoundedSemaphore catches."),
         "sem.release()  # one time too many", false},
    };
    static const QList<ParameterSpec> event = {
        {"waiters", T::Integer, 1, 63, 4, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that call wait() without a timeout: they sleep until the "
                           "event is set."),
         "Process(target=waiter, args=(ev,)); ev.wait()", false},
        {"timed_waiters", T::Integer, 0, 63, 1, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that call wait(timeout): they give up when the timeout "
                           "passes before the event is set."),
         "ev.wait(timeout=timeout_ms / 1000)", false},
        {"timeout_ms", T::Integer, 1, 600000, 500, "ms",
         QT_TRANSLATE_NOOP("Parameter", "The timed waiters' timeout."), "ev.wait(timeout)", false},
        {"set_after_ms", T::Integer, 0, 600000, 1500, "ms",
         QT_TRANSLATE_NOOP("Parameter",
                           "When the setter process calls set(): every waiter still waiting is "
                           "released at once."),
         "time.sleep(set_after_ms / 1000); ev.set()", false},
    };
    static const QList<ParameterSpec> barrier = {
        {"parties", T::Integer, 2, 64, 4, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many processes must arrive before any of them may pass."),
         "b = multiprocessing.Barrier(parties)", false},
        {"rounds", T::Integer, 1, 1000000, 40, "rounds",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many times each process works and then waits at the barrier: one "
                           "generation per round."),
         "for _ in range(rounds): work(); b.wait()", false},
        {"work_us", T::Integer, 0, 1000000, 20000, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Work before each arrival; the processes take 1×, 2× or 3× this long, "
                           "so the fast ones wait for the slowest."),
         "time.sleep(work_us / 1e6)", true},
    };
    static const QList<ParameterSpec> deadlock = {
        {"workers", T::Integer, 2, 8, 2, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that each need both locks, A and B, for every step."),
         "Process(target=transfer, args=(lock_a, lock_b))", false},
        {"opposite_order", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Every second process takes B before A. Each can then hold the lock "
                           "the other waits for: a deadlock. Off: everyone takes A first and "
                           "no deadlock can form."),
         "with lock_b: with lock_a: ...  # the opposite order", false},
        {"gap_us", T::Integer, 0, 1000000, 2000, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time between taking the first lock and asking for the second. "
                           "Longer: the deadlock forms sooner."),
         "with lock_a: time.sleep(gap_us / 1e6); with lock_b: ...", false},
        {"iterations", T::Integer, 1, 1000000000, 1000, "steps",
         QT_TRANSLATE_NOOP("Parameter", "How many times each process takes both locks."),
         "for _ in range(iterations):", false},
    };
    static const QList<ParameterSpec> condition = {
        {"producers", T::Integer, 1, 16, 1, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that append items to the shared list and notify."),
         "with cond: items.append(x); cond.notify()", false},
        {"consumers", T::Integer, 1, 16, 3, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that wait on the condition until the list has an item, "
                           "then pop it."),
         "with cond: while not items: cond.wait()", false},
        {"items", T::Integer, 1, 1000000, 300, "items",
         QT_TRANSLATE_NOOP("Parameter", "How many items each producer appends."),
         "for i in range(items):", false},
        {"notify_all", T::Switch, 0, 1, 0, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Wake every waiting consumer for each item instead of one: all of "
                           "them race for a single item."),
         "cond.notify_all() instead of cond.notify()", false},
        {"use_while", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Check the list again after waking (while). Off: `if`, and a consumer "
                           "woken for an item another one already took goes on with an empty "
                           "list."),
         "while not items: cond.wait()  (off: if not items: cond.wait())", false},
        {"produce_us", T::Integer, 0, 1000000, 3000, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Time a producer spends making each item."),
         "time.sleep(produce_us / 1e6)", true},
        {"consume_us", T::Integer, 0, 1000000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Time a consumer spends on each item it popped."),
         "time.sleep(consume_us / 1e6)", true},
    };
    static const QList<ParameterSpec> joinableQueue = {
        {"producers", T::Integer, 1, 16, 1, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that put items and then call join(), which returns only "
                           "when every item was marked done."),
         "q.put(item) ...; q.join()", false},
        {"consumers", T::Integer, 1, 16, 2, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Daemon processes that get items and call task_done() for each; they "
                           "are ended with the session, not by a sentinel."),
         "Process(target=worker, daemon=True): item = q.get(); ...; q.task_done()", false},
        {"capacity", T::Integer, 1, 65536, 8, "items",
         QT_TRANSLATE_NOOP("Parameter", "How many items the queue holds before put() blocks."),
         "JoinableQueue(maxsize=capacity)", false},
        {"items", T::Integer, 1, 1000000000, 200, "items",
         QT_TRANSLATE_NOOP("Parameter", "How many items each producer puts before join()."),
         "for i in range(items): q.put(i)", false},
        {"produce_us", T::Integer, 0, 1000000, 500, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Time a producer spends making each item."),
         "time.sleep(produce_us / 1e6)", true},
        {"consume_us", T::Integer, 0, 1000000, 3000, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time a consumer works on an item before task_done(): join() waits "
                           "for the slowest."),
         "time.sleep(consume_us / 1e6); q.task_done()", true},
    };
    static const QList<ParameterSpec> pipe = {
        {"messages", T::Integer, 1, 1000000, 300, "messages",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many messages each end sends to the other, both ways at once."),
         "for i in range(messages): conn.send(i)", false},
        {"send_us", T::Integer, 0, 1000000, 5000, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Pause between two sends of one end."),
         "time.sleep(send_us / 1e6)", true},
    };
    static const QList<ParameterSpec> socket = {
        {"clients", T::Integer, 1, 32, 4, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Client processes; every second one connects over TCP to 127.0.0.1, "
                           "the others over the Unix-domain socket."),
         "socket.socket(AF_UNIX or AF_INET).connect(address)", false},
        {"messages", T::Integer, 1, 1000000, 200, "messages",
         QT_TRANSLATE_NOOP("Parameter", "How many numbered messages each client sends."),
         "for i in range(messages): sock.sendall(...)", false},
        {"send_us", T::Integer, 0, 1000000, 5000, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Pause between two messages of one client."),
         "time.sleep(send_us / 1e6)", true},
    };
    static const QList<ParameterSpec> manager = {
        {"clients", T::Integer, 1, 32, 3, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that change the manager's dict and list through proxies."),
         "Process(target=work, args=(d, l))", false},
        {"rounds", T::Integer, 1, 1000000, 200, "rounds",
         QT_TRANSLATE_NOOP("Parameter",
                           "Each round a client sets d[its id] = round and appends the round to "
                           "the list: two requests, two round trips to the server process."),
         "d[i] = r; l.append(r)", false},
        {"send_us", T::Integer, 0, 1000000, 2000, "µs",
         QT_TRANSLATE_NOOP("Parameter", "Pause between two rounds of one client."),
         "time.sleep(send_us / 1e6)", true},
    };
    static const QList<ParameterSpec> abandonedLock = {
        {"workers", T::Integer, 2, 16, 3, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Processes that increment a shared counter under one lock."),
         "Process(target=work, args=(lock, counter))", false},
        {"iterations", T::Integer, 1, 1000000000, 3000, "increments",
         QT_TRANSLATE_NOOP("Parameter", "How many increments each process makes."),
         "for _ in range(iterations): with lock: counter.value += 1", false},
        {"think_us", T::Integer, 0, 100000, 200, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time spent inside the lock for each increment: the holder is likely "
                           "to be killed inside."),
         "with lock: time.sleep(think_us / 1e6)", true},
        {"robust", T::Switch, 0, 1, 0, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "A robust mutex: when its holder dies, the next process to lock it "
                           "is told so (EOWNERDEAD), repairs it and carries on. Off: a plain "
                           "lock, held forever by the dead process, as with Python's Lock."),
         "no Python equivalent: multiprocessing.Lock is not robust", false},
        {"kill_after_ms", T::Integer, 0, 600000, 1000, "ms",
         QT_TRANSLATE_NOOP("Parameter",
                           "When ipcscope kills the process holding the lock (0: never; you "
                           "can kill one yourself)."),
         "os.kill(holder_pid, signal.SIGKILL)", false},
    };
    static const QList<ParameterSpec> queue = {
        {"producers", T::Integer, 1, 64, 2, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Number of processes that put items into the queue. More producers "
                           "fill it faster."),
         "Process(target=producer, args=(q,)) for each producer", false},
        {"consumers", T::Integer, 1, 64, 2, "processes",
         QT_TRANSLATE_NOOP("Parameter",
                           "Number of processes that take items out of the queue; each stops at "
                           "its sentinel. More consumers drain it faster."),
         "Process(target=consumer, args=(q,)) for each consumer", false},
        {"capacity", T::Integer, 1, 65536, 8, "items",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many items the queue holds before put() blocks. Small: "
                           "producers wait for consumers; large: the queue absorbs bursts."),
         "Queue(maxsize=capacity)", false},
        {"items", T::Integer, 1, 1000000000, 2000, "items",
         QT_TRANSLATE_NOOP("Parameter",
                           "How many items each producer puts. Every one of them must be taken "
                           "out exactly once; the delivery audit checks it."),
         "for i in range(items): q.put(i)", false},
        {"lock", T::Switch, 0, 1, 1, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Guard the queue's buffer with its two locks: producers take the "
                           "put lock, consumers the get lock. Switch them off to see concurrent "
                           "put() calls lose items and concurrent get() calls deliver them twice."),
         "the Queue's internal locks, _wlock and _rlock (always on in Python)", true},
        {"produce_us", T::Integer, 0, 1000000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time a producer spends making each item before put(). Raise it to "
                           "make consumers wait on an empty queue."),
         "time.sleep(produce_us / 1e6) before q.put(item)", true},
        {"consume_us", T::Integer, 0, 1000000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Time a consumer spends on each item after get(). Raise it to fill "
                           "the queue and make producers block on put()."),
         "time.sleep(consume_us / 1e6) after q.get()", true},
        {"think_us", T::Integer, 0, 100000, 0, "µs",
         QT_TRANSLATE_NOOP("Parameter",
                           "Pause inside put() and get() between reading the queue's indices and "
                           "updating them. It widens the race window when the locks are off."),
         "none: it happens inside the Queue's implementation", true},
        {"put_timeout_ms", T::Integer, 0, 600000, 0, "ms",
         QT_TRANSLATE_NOOP("Parameter",
                           "put(item, timeout=…): give up after this long on a full queue "
                           "(queue.Full is counted and the put retried). 0: wait as long as it "
                           "takes."),
         "q.put(item, timeout=put_timeout_ms / 1000)", false},
        {"get_timeout_ms", T::Integer, 0, 600000, 0, "ms",
         QT_TRANSLATE_NOOP("Parameter",
                           "get(timeout=…): give up after this long on an empty queue "
                           "(queue.Empty is counted and the get retried). 0: wait as long as it "
                           "takes."),
         "q.get(timeout=get_timeout_ms / 1000)", false},
        {"nowait", T::Switch, 0, 1, 0, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "put_nowait() and get_nowait(): never block; Full and Empty are "
                           "raised at once, counted, and the call retried a little later."),
         "q.put_nowait(item); q.get_nowait()", false},
        {"check_first", T::Switch, 0, 1, 0, "",
         QT_TRANSLATE_NOOP("Parameter",
                           "Ask q.empty() / q.full() first and act on the answer with "
                           "get_nowait() / put_nowait(). With several processes the answer is "
                           "often stale by then: each time is counted."),
         "if not q.empty(): q.get_nowait()  # may still raise Empty", false},
    };
    switch (kind) {
    case ScenarioKind::Counter:
        return counter;
    case ScenarioKind::Queue:
        return queue;
    case ScenarioKind::Array:
        return array;
    case ScenarioKind::Semaphore:
        return semaphore;
    case ScenarioKind::Event:
        return event;
    case ScenarioKind::Barrier:
        return barrier;
    case ScenarioKind::Deadlock:
        return deadlock;
    case ScenarioKind::AbandonedLock:
        return abandonedLock;
    case ScenarioKind::Condition:
        return condition;
    case ScenarioKind::JoinableQueue:
        return joinableQueue;
    case ScenarioKind::Pipe:
        return pipe;
    case ScenarioKind::Socket:
        return socket;
    case ScenarioKind::Manager:
        return manager;
    }
    return counter;
}

const ParameterSpec* Scenario::findSpec(ScenarioKind kind, const QString& key)
{
    for (const ParameterSpec& spec : parameterSpecs(kind))
        if (key == QLatin1String(spec.key))
            return &spec;
    return nullptr;
}

bool Scenario::hasPutAndGetLocks(ScenarioKind kind)
{
    return kind == ScenarioKind::Queue || kind == ScenarioKind::JoinableQueue;
}

bool Scenario::usesGuardLock(ScenarioKind kind)
{
    switch (kind) {
    case ScenarioKind::Deadlock:
    case ScenarioKind::AbandonedLock:
    case ScenarioKind::Condition:
        return true;
    default:
        break;
    }
    return findSpec(kind, QStringLiteral("lock")) != nullptr;
}

QString Scenario::kindName(ScenarioKind kind)
{
    switch (kind) {
    case ScenarioKind::Counter:
        return QStringLiteral("counter");
    case ScenarioKind::Queue:
        return QStringLiteral("queue");
    case ScenarioKind::Array:
        return QStringLiteral("array");
    case ScenarioKind::Semaphore:
        return QStringLiteral("semaphore");
    case ScenarioKind::Event:
        return QStringLiteral("event");
    case ScenarioKind::Barrier:
        return QStringLiteral("barrier");
    case ScenarioKind::Deadlock:
        return QStringLiteral("deadlock");
    case ScenarioKind::AbandonedLock:
        return QStringLiteral("abandoned-lock");
    case ScenarioKind::Condition:
        return QStringLiteral("condition");
    case ScenarioKind::JoinableQueue:
        return QStringLiteral("joinable-queue");
    case ScenarioKind::Pipe:
        return QStringLiteral("pipe");
    case ScenarioKind::Socket:
        return QStringLiteral("socket");
    case ScenarioKind::Manager:
        return QStringLiteral("manager");
    }
    return QString();
}

std::optional<ScenarioKind> Scenario::kindFromName(const QString& name)
{
    for (ScenarioKind kind : kAllKinds)
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// UI language

void Scenario::setUiLanguage(const QString& bcp47)
{
    uiLanguageOverride() = bcp47;
}

QString Scenario::uiLanguage()
{
    const auto& language = uiLanguageOverride();
    return language ? *language : QLocale().name();
}

// ---------------------------------------------------------------------------
// Loading

QStringList Scenario::builtinNames()
{
    const QDir directory(QString::fromLatin1(kBuiltinDirectory));
    QStringList names;
    for (const QString& file : directory.entryList({QStringLiteral("*.json")}, QDir::Files))
        names.append(QFileInfo(file).completeBaseName());
    names.sort();
    return names;
}

std::optional<Scenario> Scenario::load(const QString& nameOrFile, QString* error)
{
    if (builtinNames().contains(nameOrFile)) {
        const QString path =
            QStringLiteral("%1/%2.json").arg(QLatin1String(kBuiltinDirectory), nameOrFile);
        QByteArray data;
        QString why;
        if (!readScenarioFile(path, &data, &why)) {
            fail(error, why);
            return std::nullopt;
        }
        auto scenario = parse(data, nameOrFile, &why);
        if (!scenario)
            fail(error, QCoreApplication::translate("Scenario", "built-in scenario %1: %2")
                            .arg(nameOrFile, why));
        return scenario;
    }

    const bool looksLikePath = nameOrFile.contains(QLatin1Char('/')) ||
                               nameOrFile.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (!nameOrFile.isEmpty() && (looksLikePath || QFileInfo::exists(nameOrFile))) {
        QByteArray data;
        QString why;
        if (!readScenarioFile(nameOrFile, &data, &why)) {
            fail(error, why);
            return std::nullopt;
        }
        auto scenario = parse(data, QFileInfo(nameOrFile).completeBaseName(), &why);
        if (!scenario)
            fail(error, QStringLiteral("%1: %2").arg(nameOrFile, why));
        return scenario;
    }

    fail(error, QCoreApplication::translate("Scenario", "unknown scenario %1 (built-in: %2; or "
                                                        "give a path to a JSON file)")
                    .arg(quoted(nameOrFile), builtinNames().join(QLatin1String(", "))));
    return std::nullopt;
}

std::optional<Scenario> Scenario::fromJson(const QByteArray& json, QString* error)
{
    return parse(json, QString(), error);
}

std::optional<Scenario> Scenario::parse(const QByteArray& json, const QString& defaultName,
                                        QString* error)
{
    if (json.size() > kMaxFileSize) {
        fail(error, QCoreApplication::translate("Scenario", "larger than %1 bytes, which is far "
                                                            "more than a scenario needs")
                        .arg(kMaxFileSize));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(error, QCoreApplication::translate("Scenario", "not valid JSON: %1 at offset %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        fail(error, QCoreApplication::translate("Scenario", "a scenario must be a JSON object, "
                                                            "got %1")
                        .arg(QCoreApplication::translate("Scenario", "an array")));
        return std::nullopt;
    }
    const QJsonObject root = document.object();

    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!topLevelKeys().contains(it.key())) {
            fail(error, QCoreApplication::translate("Scenario", "%1: unknown key (known: %2)")
                            .arg(it.key(), topLevelKeys().join(QLatin1String(", "))));
            return std::nullopt;
        }
    }

    if (root.contains(QLatin1String("format"))) {
        const QJsonValue format = root.value(QLatin1String("format"));
        const double version = format.toDouble();
        if (!format.isDouble() || std::trunc(version) != version || version < 1) {
            fail(error, QCoreApplication::translate("Scenario", "format: must be a version "
                                                                "number from 1 to %1, got %2")
                            .arg(kFormatVersion)
                            .arg(describe(format)));
            return std::nullopt;
        }
        if (version > kFormatVersion) {
            fail(error, QCoreApplication::translate("Scenario", "format: version %1 is newer than "
                                                                "this ipcscope understands (%2)")
                            .arg(formatNumber(version))
                            .arg(kFormatVersion));
            return std::nullopt;
        }
    }

    const QJsonValue kindValue = root.value(QLatin1String("kind"));
    if (kindValue.isUndefined()) {
        fail(error, QCoreApplication::translate("Scenario", "kind: missing (one of: %1)")
                        .arg(knownKinds()));
        return std::nullopt;
    }
    const auto kind = kindValue.isString() ? kindFromName(kindValue.toString()) : std::nullopt;
    if (!kind) {
        fail(error, QCoreApplication::translate("Scenario", "kind: must be one of %1, got %2")
                        .arg(knownKinds(), describe(kindValue)));
        return std::nullopt;
    }

    Scenario scenario(*kind);
    if (!defaultName.isEmpty())
        scenario.m_name = defaultName;

    const struct
    {
        const char* key;
        QString* target;
    } texts[] = {
        {"name", &scenario.m_name},           {"title", &scenario.m_title},
        {"title_zh_CN", &scenario.m_titleZh}, {"help", &scenario.m_help},
        {"help_zh_CN", &scenario.m_helpZh},   {"python", &scenario.m_python},
    };
    for (const auto& text : texts) {
        const QJsonValue value = root.value(QLatin1String(text.key));
        if (value.isUndefined())
            continue;
        if (!value.isString()) {
            fail(error, QCoreApplication::translate("Scenario", "%1: must be a string, got %2")
                            .arg(QLatin1String(text.key), describe(value)));
            return std::nullopt;
        }
        if (!value.toString().isEmpty() || qstrcmp(text.key, "name") != 0)
            *text.target = value.toString();
    }

    const QJsonValue parametersValue = root.value(QLatin1String("parameters"));
    if (parametersValue.isUndefined())
        return scenario;
    if (!parametersValue.isObject()) {
        fail(error, QCoreApplication::translate("Scenario", "parameters: must be an object, got %1")
                        .arg(describe(parametersValue)));
        return std::nullopt;
    }
    const QJsonObject parameters = parametersValue.toObject();
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        if (!findSpec(*kind, it.key())) {
            fail(error, QCoreApplication::translate(
                            "Scenario", "parameters.%1: unknown parameter of a %2 scenario "
                                        "(known: %3)")
                            .arg(it.key(), kindName(*kind), knownKeys(*kind)));
            return std::nullopt;
        }
    }
    for (const ParameterSpec& spec : parameterSpecs(*kind)) {
        const QJsonValue value = parameters.value(QLatin1String(spec.key));
        if (value.isUndefined())
            continue;
        qint64 parsed = 0;
        if (!parameterFromJson(spec, value, &parsed, error))
            return std::nullopt;
        scenario.m_values[QString::fromLatin1(spec.key)] = parsed;
    }
    return scenario;
}

// ---------------------------------------------------------------------------
// A scenario

Scenario::Scenario(ScenarioKind kind) : m_kind(kind), m_name(kindName(kind))
{
    switch (kind) {
    case ScenarioKind::Counter:
        m_python = QStringLiteral("multiprocessing.Value('i', 0)");
        break;
    case ScenarioKind::Queue:
        m_python = QStringLiteral("multiprocessing.Queue(maxsize=capacity)");
        break;
    case ScenarioKind::Array:
        m_python = QStringLiteral("multiprocessing.Array('i', length)");
        break;
    case ScenarioKind::Semaphore:
        m_python = QStringLiteral("multiprocessing.BoundedSemaphore(permits)");
        break;
    case ScenarioKind::Event:
        m_python = QStringLiteral("multiprocessing.Event()");
        break;
    case ScenarioKind::Barrier:
        m_python = QStringLiteral("multiprocessing.Barrier(parties)");
        break;
    case ScenarioKind::Deadlock:
        m_python =
            QStringLiteral("lock_a, lock_b = multiprocessing.Lock(), multiprocessing.Lock()");
        break;
    case ScenarioKind::AbandonedLock:
        m_python = QStringLiteral("lock = multiprocessing.Lock()");
        break;
    case ScenarioKind::Condition:
        m_python = QStringLiteral("cond = multiprocessing.Condition()");
        break;
    case ScenarioKind::JoinableQueue:
        m_python = QStringLiteral("multiprocessing.JoinableQueue(maxsize=capacity)");
        break;
    case ScenarioKind::Pipe:
        m_python = QStringLiteral("a, b = multiprocessing.Pipe()");
        break;
    case ScenarioKind::Socket:
        m_python = QStringLiteral("socket.socket(socket.AF_UNIX / socket.AF_INET)");
        break;
    case ScenarioKind::Manager:
        m_python = QStringLiteral("manager = multiprocessing.Manager(); d = manager.dict()");
        break;
    }
    for (const ParameterSpec& spec : parameterSpecs(kind))
        m_values.insert(QString::fromLatin1(spec.key), spec.defaultValue);
}

bool Scenario::applySetting(const QString& keyEqualsValue, QString* error)
{
    const qsizetype equals = keyEqualsValue.indexOf(QLatin1Char('='));
    if (equals < 0)
        return fail(error, QCoreApplication::translate("Scenario", "expected key=value, got %1")
                               .arg(quoted(keyEqualsValue)));
    const QString key = keyEqualsValue.left(equals).trimmed();
    const QString text = keyEqualsValue.mid(equals + 1).trimmed();
    const ParameterSpec* spec = findSpec(m_kind, key);
    if (!spec)
        return fail(error, QCoreApplication::translate(
                               "Scenario", "unknown key %1 for a %2 scenario (known: %3)")
                               .arg(quoted(key), kindName(m_kind), knownKeys(m_kind)));
    if (spec->type == ParameterSpec::Type::Switch) {
        const auto on = parseSwitchWord(text, true);
        if (!on)
            return fail(error, switchError(*spec, quoted(text)));
        return setValue(key, *on, error);
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return fail(error, notAnIntegerError(*spec, quoted(text)));
    return setValue(key, value, error);
}

bool Scenario::setValue(const QString& key, qint64 value, QString* error)
{
    const ParameterSpec* spec = findSpec(m_kind, key);
    if (!spec)
        return fail(error, QCoreApplication::translate(
                               "Scenario", "unknown key %1 for a %2 scenario (known: %3)")
                               .arg(quoted(key), kindName(m_kind), knownKeys(m_kind)));
    if (value < spec->minimum || value > spec->maximum) {
        return fail(error, spec->type == ParameterSpec::Type::Switch
                               ? switchError(*spec, QString::number(value))
                               : rangeError(*spec, QString::number(value)));
    }
    m_values[key] = value;
    return true;
}

qint64 Scenario::value(const QString& key) const
{
    const auto it = m_values.constFind(key);
    if (it != m_values.cend())
        return it.value();
    const ParameterSpec* spec = findSpec(m_kind, key);
    return spec ? spec->defaultValue : 0;
}

QString Scenario::title() const
{
    const bool chinese = uiLanguage().startsWith(QLatin1String("zh"));
    if (chinese && !m_titleZh.isEmpty())
        return m_titleZh;
    if (!m_title.isEmpty())
        return m_title;
    if (!m_titleZh.isEmpty())
        return m_titleZh;
    return m_name;
}

QString Scenario::help() const
{
    const bool chinese = uiLanguage().startsWith(QLatin1String("zh"));
    if (chinese && !m_helpZh.isEmpty())
        return m_helpZh;
    return m_help.isEmpty() ? m_helpZh : m_help;
}

QJsonObject Scenario::toJson() const
{
    QJsonObject json;
    json[QLatin1String("format")] = kFormatVersion;
    json[QLatin1String("name")] = m_name;
    json[QLatin1String("kind")] = kindName(m_kind);
    json[QLatin1String("title")] = m_title;
    if (!m_titleZh.isEmpty())
        json[QLatin1String("title_zh_CN")] = m_titleZh;
    json[QLatin1String("help")] = m_help;
    if (!m_helpZh.isEmpty())
        json[QLatin1String("help_zh_CN")] = m_helpZh;
    json[QLatin1String("python")] = m_python;
    QJsonObject parameters;
    for (const ParameterSpec& spec : parameterSpecs(m_kind)) {
        const qint64 current = value(QString::fromLatin1(spec.key));
        if (spec.type == ParameterSpec::Type::Switch)
            parameters[QLatin1String(spec.key)] = formatParameterValue(spec, current);
        else
            parameters[QLatin1String(spec.key)] = current;
    }
    json[QLatin1String("parameters")] = parameters;
    return json;
}

QString formatParameterValue(const ParameterSpec& spec, qint64 value)
{
    if (spec.type == ParameterSpec::Type::Switch)
        return value ? QStringLiteral("on") : QStringLiteral("off");
    return QString::number(value);
}

} // namespace ipcscope
