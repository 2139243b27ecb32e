// Benchmark of the window (row 8 of bench/RESULTS.md): the real MainWindow,
// its views bound to a Recording that already holds 10 minutes of a 64-worker
// queue session at 1 kHz, then frame after frame what the window's 60 Hz
// display timer does (MainWindow::refreshFrame: refresh() of every visible
// view and of the process table) plus the event-loop work that causes
// (QCustomPlot's queued replots, the paint of every updated widget), on the
// offscreen platform. Between frames 1/60 s of new data is appended, as the
// Sampler thread would. Prints "key value" lines for bench/run.py.
//
//   QT_QPA_PLATFORM=offscreen ipcscope-bench-window [--smoke | --profile]
#include "BenchReport.h"
#include "LiveView.h"
#include "MainWindow.h"
#include "Recording.h"
#include "Scenario.h"
#include "WorkerTableModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace ipcscope;
using bench::report;

namespace {

bool g_smoke = false;
bool g_profile = false; // the live phase only, for perf (bench/run.py)

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * double(values.size() - 1);
    const size_t low = size_t(rank);
    const size_t high = std::min(low + 1, values.size() - 1);
    return values[low] + (values[high] - values[low]) * (rank - double(low));
}

// A synthetic queue session: 32 producers and 32 consumers, each doing 20
// operations a second (staggered), sampled at 1 kHz. A put is LockAcquired,
// LockReleased, ItemPut; a get is State(blocked_get), State(working),
// LockAcquired, LockReleased, ItemGot: 5 120 events/s, 3 840 state changes/s.
class SyntheticQueueSession
{
public:
    static constexpr int kProducers = 32;
    static constexpr int kConsumers = 32;
    static constexpr int kWorkers = kProducers + kConsumers;
    static constexpr int kOpsPerSecond = 20;

    explicit SyntheticQueueSession(Recording& recording) : m_recording(recording)
    {
        for (int w = 0; w < kWorkers; ++w)
            m_recording.addWorker(w, w < kProducers ? ipc::Role::Producer : ipc::Role::Consumer,
                                  100'000 + w, 0);
    }

    // Appends every millisecond up to (not including) `endTick`.
    void feedUntil(qint64 endTick)
    {
        for (; m_tick < endTick; ++m_tick)
            feedTick(m_tick);
    }
    qint64 tick() const { return m_tick; }
    double now() const { return double(m_tick) * 1e-3; }

private:
    void feedTick(qint64 tick)
    {
        using ipc::EventType;
        const double t = double(tick) * 1e-3;
        const int period = 1000 / kOpsPerSecond; // ms
        m_batch.clear();
        int holder = -1;
        for (int w = 0; w < kWorkers; ++w) {
            if (tick % period != (w * period / kWorkers) % period)
                continue;
            const double at = t + double(w % 4) * 1e-5;
            if (w < kProducers) {
                const quint64 key = ipc::itemKey(uint32_t(w), m_seq[w]++);
                ++m_puts;
                m_batch.append({at, w, EventType::LockAcquired, 0, 2000, 0});
                m_batch.append({at + 1e-6, w, EventType::LockReleased, 0, 1000, 0});
                m_batch.append(
                    {at + 2e-6, w, EventType::ItemPut, 0, qint64(key), qint64(m_puts - m_gets)});
                m_ops[w]++;
            } else {
                // A consumer takes what is there: the queue goes up and down
                // by a few dozen items and never delivers what nobody put.
                if (m_puts <= m_gets)
                    continue;
                const int producer = int(m_gets % kProducers);
                const quint64 key = ipc::itemKey(uint32_t(producer), m_got[producer]++);
                ++m_gets;
                m_batch.append({at, w, EventType::State, 0, qint64(ipc::WorkerState::BlockedGet),
                                qint64(ipc::WorkerState::Working)});
                m_batch.append({at + 4e-4, w, EventType::State, 0,
                                qint64(ipc::WorkerState::Working),
                                qint64(ipc::WorkerState::BlockedGet)});
                m_batch.append({at + 4.1e-4, w, EventType::LockAcquired, 0, 2000, 0});
                m_batch.append({at + 4.2e-4, w, EventType::LockReleased, 0, 1000, 0});
                m_batch.append(
                    {at + 4.3e-4, w, EventType::ItemGot, 0, qint64(key), qint64(m_puts - m_gets)});
                m_ops[w]++;
            }
            holder = w;
        }
        std::sort(m_batch.begin(), m_batch.end(),
                  [](const RecordedEvent& x, const RecordedEvent& y) { return x.time < y.time; });
        for (int w = 0; w < kWorkers; ++w)
            m_recording.setWorkerCounters(w, m_ops[w], 0, 0);
        m_recording.appendEvents(m_batch);
        Sample sample{};
        sample.time = t;
        sample.queueDepth = qint32(m_puts - m_gets);
        sample.produced = qint64(m_puts);
        sample.consumed = qint64(m_gets);
        sample.lockHolder = holder;
        m_recording.appendSample(sample);
        m_maxDepth = std::max<qint64>(m_maxDepth, qint64(m_puts - m_gets));
        if (tick % 50 == 0) {
            DeliveryFigures delivery;
            delivery.produced = m_puts;
            delivery.consumed = m_gets;
            delivery.maxDepth = m_maxDepth;
            m_recording.setDeliveryFigures(delivery);
        }
    }

    Recording& m_recording;
    QVector<RecordedEvent> m_batch;
    qint64 m_tick = 0;
    quint64 m_puts = 0, m_gets = 0;
    qint64 m_maxDepth = 0;
    quint64 m_seq[kProducers] = {};
    quint64 m_got[kProducers] = {};
    quint64 m_ops[kWorkers] = {};
};

// Counts paint events of the views (and their children, the plots).
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(MainWindow& window) : m_window(window) {}
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType()) {
            for (QWidget* w = static_cast<QWidget*>(watched); w; w = w->parentWidget())
                if (m_window.views().contains(qobject_cast<LiveView*>(w))) {
                    ++paints;
                    break;
                }
        }
        return false;
    }

private:
    MainWindow& m_window;
};

struct FrameStats
{
    std::vector<double> frameMs;
    std::vector<std::vector<double>> refreshMs; // per view
    int paints = 0;
};

// One frame as MainWindow::refreshFrame() makes it, plus the event-loop work
// it leaves behind (queued replots, paints): both are what the GUI thread
// spends per frame.
FrameStats runFrames(MainWindow& window, SyntheticQueueSession& feed, PaintCounter& counter,
                     int frames)
{
    FrameStats stats;
    const QList<LiveView*> views = window.views();
    stats.refreshMs.resize(size_t(views.size()));
    counter.paints = 0;
    const qint64 firstTick = feed.tick();
    for (int frame = 1; frame <= frames; ++frame) {
        feed.feedUntil(firstTick + qint64(frame) * 1000 / 60); // the Sampler's share, untimed
        QElapsedTimer timer;
        timer.start();
        for (int v = 0; v < views.size(); ++v) {
            if (!views[v]->isVisible())
                continue;
            QElapsedTimer viewTimer;
            viewTimer.start();
            views[v]->refresh();
            stats.refreshMs[size_t(v)].push_back(double(viewTimer.nsecsElapsed()) / 1e6);
        }
        window.workerModel()->refresh(feed.now());
        // Queued replots run, then the paints they and update() asked for.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        stats.frameMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    stats.paints = counter.paints;
    return stats;
}

void reportFrames(const std::string& prefix, const FrameStats& stats, MainWindow& window,
                  int frames)
{
    report(prefix + "_frames", frames);
    report(prefix + "_frame_p50_ms", percentile(stats.frameMs, 50));
    report(prefix + "_frame_p95_ms", percentile(stats.frameMs, 95));
    report(prefix + "_frame_max_ms", percentile(stats.frameMs, 100));
    report(prefix + "_view_paints_per_frame", double(stats.paints) / frames);
    const QList<LiveView*> views = window.views();
    for (int v = 0; v < views.size(); ++v) {
        if (stats.refreshMs[size_t(v)].empty())
            continue;
        const std::string name = views[v]->metaObject()->className();
        report(prefix + "_refresh_p95_ms_" + name.substr(name.rfind(':') + 1),
               percentile(stats.refreshMs[size_t(v)], 95));
    }
}

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--smoke")) {
            g_smoke = true;
        } else if (!std::strcmp(argv[i], "--profile")) {
            g_profile = true;
        } else {
            std::fprintf(stderr, "usage: ipcscope-bench-window [--smoke | --profile]\n");
            return 2;
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The window reads and writes its settings: keep them away from the user's.
    QTemporaryDir settingsDir;
    QCoreApplication::setOrganizationName(QStringLiteral("ipcscope-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("ipcscope-bench"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());

    const double minutes = g_smoke ? 0.2 : 10.0;
    const int frames = g_smoke ? 20 : g_profile ? 150 : 300;

    MainWindow window;
    QString error;
    if (!window.selectScenario(QStringLiteral("queue"), &error) ||
        !window.applySetting(QStringLiteral("producers=%1").arg(SyntheticQueueSession::kProducers),
                             &error) ||
        !window.applySetting(QStringLiteral("consumers=%1").arg(SyntheticQueueSession::kConsumers),
                             &error) ||
        !window.applySetting(QStringLiteral("capacity=1024"), &error))
        qFatal("window: %s", qPrintable(error));
    window.resize(1600, 1000);
    window.show();
    QCoreApplication::processEvents();

    Recording recording;
    SyntheticQueueSession feed(recording);
    QElapsedTimer timer;
    timer.start();
    feed.feedUntil(qint64(minutes * 60'000));
    report("window_workers", SyntheticQueueSession::kWorkers);
    report("window_recorded_minutes", minutes);
    report("window_recorded_samples", double(recording.sampleCount()));
    report("window_recorded_events", double(recording.eventsRecorded()));
    report("window_synthesis_s", double(timer.nsecsElapsed()) * 1e-9);

    PaintCounter counter(window);
    app.installEventFilter(&counter);

    // Binding: every view takes the whole 10 minutes in at its first refresh.
    timer.restart();
    for (LiveView* view : window.views()) {
        view->setRecording(&recording, &window.scenario());
        view->setFollowing(true);
    }
    window.workerModel()->setRecording(&recording);
    for (LiveView* view : window.views())
        if (view->isVisible())
            view->refresh();
    window.workerModel()->refresh(feed.now());
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    report("window_bind_ms", double(timer.nsecsElapsed()) / 1e6);
    int visible = 0;
    for (LiveView* view : window.views())
        visible += view->isVisible() ? 1 : 0;
    report("window_visible_views", visible);

    // Live: following the newest data, as while a session runs.
    const FrameStats live = runFrames(window, feed, counter, frames);
    reportFrames("window_follow", live, window, frames);
    if (g_profile)
        return 0;

    // Show all: the whole recording on screen (what Show all / the end of a session shows).
    for (LiveView* view : window.views()) {
        view->setFollowing(false);
        view->showAll();
    }
    QCoreApplication::processEvents();
    const FrameStats all = runFrames(window, feed, counter, g_smoke ? 10 : 120);
    reportFrames("window_showall", all, window, g_smoke ? 10 : 120);

    // Where the plot time goes: QCustomPlot's own measure of its replots.
    double replotMs = 0;
    for (QCustomPlot* plot : window.findChildren<QCustomPlot*>())
        if (plot->isVisible())
            replotMs += plot->replotTime(true);
    report("window_visible_plots_replot_avg_ms", replotMs);
    return 0;
}
