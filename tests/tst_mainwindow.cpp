// The main window driven the way a user drives it (actions, form, table),
// with real sessions of real worker processes, on the offscreen platform.
#include "ChartExport.h"
#include "DataExport.h"
#include "ExportDialog.h"
#include "LockTimelineView.h"
#include "MainWindow.h"
#include "RaceView.h"
#include "ScenarioForm.h"
#include "StateStyle.h"
#include "TestSupport.h"
#include "UiLanguage.h"
#include "WorkerTableModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ipcscope;

namespace {

// Generous: a loaded CI machine with two cores shared by several builds.
constexpr int kTimeoutMs = 30'000;

bool hasCjk(const QString& text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

qint64 lostUpdates(const MainWindow& window)
{
    return window.session() ? window.session()->recording().counterFigures().lostUpdates : 0;
}

qint64 expectedCount(const MainWindow& window)
{
    return window.session() ? window.session()->recording().counterFigures().expected : 0;
}

// The text of every cell of a worker's row, as the table shows it.
QStringList rowTexts(const MainWindow& window, int worker)
{
    const WorkerTableModel* model = window.workerModel();
    const int row = model->rowOfWorker(worker);
    QStringList texts;
    if (row < 0)
        return texts;
    for (int column = 0; column < model->columnCount(); ++column)
        texts.append(model->index(row, column).data().toString());
    return texts;
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();

    void startCounterScenario_throughActions();
    void lockOff_showsLostUpdates_lockOn_stopsThem();
    void killWorker_fromTable_rowSaysKilled();
    void pause_freezesWorkers_resumeContinues();
    void space_startsAndPauses_butTypesInTheForm();
    void killLockHolder_othersStuck_windowSaysSo();
    void addProducerAndConsumer_whileRunning_addRows();
    void form_disablesNonLiveParametersWhileRunning();
    void badScenarioFile_showsError_nothingStarts_data();
    void badScenarioFile_showsError_nothingStarts();
    void translation_zhCN_changesActionTexts();
    void stop_leavesNoProcessNorSegment();
    void exportAction_writesEveryChosenFile();
    void savedSession_reopened_showsTheSameData();

private:
    void selectScenario(MainWindow& window, const QString& name);
    void setParameter(MainWindow& window, const QString& key, int value);
    void startCounter(MainWindow& window, int workers, int thinkUs);

    QTemporaryDir m_settingsDir;
};

void MainWindowTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    // Never read or write the user's own settings.
    QCoreApplication::setOrganizationName(QStringLiteral("ipcscope-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(UiLanguage::apply(QStringLiteral("en")));
}

void MainWindowTest::cleanup()
{
    // Message boxes are never modal loops in the window; close the ones a test left.
    for (QWidget* widget : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(widget))
            box->close();
}

void MainWindowTest::selectScenario(MainWindow& window, const QString& name)
{
    auto* combo = window.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
    QVERIFY(combo);
    const int index = combo->findData(name);
    QVERIFY2(index >= 0, qPrintable(name));
    combo->setCurrentIndex(index);
    emit combo->activated(index); // what a user's pick emits
    QCOMPARE(window.scenario().name(), name);
    QVERIFY(window.scenarioError().isEmpty());
}

void MainWindowTest::setParameter(MainWindow& window, const QString& key, int value)
{
    QWidget* editor = window.scenarioForm()->editor(key);
    QVERIFY2(editor, qPrintable(key));
    QVERIFY2(editor->isEnabled(), qPrintable(key));
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        QVERIFY(value >= spin->minimum() && value <= spin->maximum());
        spin->setValue(value);
    } else if (auto* box = qobject_cast<QCheckBox*>(editor)) {
        box->setChecked(value != 0);
    }
    QCOMPARE(window.scenario().value(key), value);
}

void MainWindowTest::startCounter(MainWindow& window, int workers, int thinkUs)
{
    selectScenario(window, QStringLiteral("counter"));
    setParameter(window, QStringLiteral("workers"), workers);
    // Enough increments that the session outlives the test: the test stops it.
    auto* iterations =
        qobject_cast<QSpinBox*>(window.scenarioForm()->editor(QStringLiteral("iterations")));
    QVERIFY(iterations);
    setParameter(window, QStringLiteral("iterations"), iterations->maximum());
    setParameter(window, QStringLiteral("think_us"), thinkUs);
    setParameter(window, QStringLiteral("lock"), 1);

    QAction* start = window.action(QStringLiteral("start"));
    QVERIFY(start && start->isEnabled());
    start->trigger();
    QVERIFY(window.session());
    QCOMPARE(window.session()->state(), Session::State::Running);
}

void MainWindowTest::startCounterScenario_throughActions()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startCounter(window, 3, 20);

    QCOMPARE(window.session()->workerIds().size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(window.workerModel()->rowCount(), 3, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > 100, kTimeoutMs);
    QVERIFY(!window.action(QStringLiteral("start"))->isEnabled());
    QVERIFY(window.action(QStringLiteral("stop"))->isEnabled());
    QVERIFY(window.action(QStringLiteral("pause"))->isEnabled());
    // The status bar tells the time and the sampling rate.
    auto* time = window.findChild<QLabel*>(QStringLiteral("sessionTime"));
    QVERIFY(time);
    QTRY_VERIFY_WITH_TIMEOUT(time->text() != QLatin1String("t = 0.0 s"), kTimeoutMs);

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
    QVERIFY(window.action(QStringLiteral("start"))->isEnabled());
}

void MainWindowTest::lockOff_showsLostUpdates_lockOn_stopsThem()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startCounter(window, 4, 20);
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > 500, kTimeoutMs);
    QCOMPARE(lostUpdates(window), 0);

    QAction* lock = window.action(QStringLiteral("lock"));
    QVERIFY(lock && lock->isCheckable() && lock->isChecked() && lock->isEnabled());
    lock->trigger(); // off
    QVERIFY(!lock->isChecked());
    QCOMPARE(window.session()->scenario().value(QStringLiteral("lock")), 0);
    QCOMPARE(window.scenario().value(QStringLiteral("lock")), 0);
    QTRY_VERIFY_WITH_TIMEOUT(lostUpdates(window) > 0, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.raceView()->lostUpdates() > 0, kTimeoutMs);

    lock->trigger(); // on again
    QVERIFY(lock->isChecked());
    // Shortly after: every read-modify-write window opened without the lock has closed.
    const qint64 atRelock = expectedCount(window);
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > atRelock + 200, kTimeoutMs);
    const qint64 lostAfterRelock = lostUpdates(window);
    // Then plenty more increments, all under the lock.
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > atRelock + 3000, kTimeoutMs);

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
    const CounterFigures final = window.session()->recording().counterFigures();
    QCOMPARE(final.lostUpdates, final.expected - final.actual);
    QVERIFY2(final.lostUpdates - lostAfterRelock < 100,
             qPrintable(QStringLiteral("lost after re-locking %1, at the end %2")
                            .arg(lostAfterRelock)
                            .arg(final.lostUpdates)));
}

void MainWindowTest::killWorker_fromTable_rowSaysKilled()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startCounter(window, 3, 20);
    QTRY_COMPARE_WITH_TIMEOUT(window.workerModel()->rowCount(), 3, kTimeoutMs);

    QTableView* table = window.processTable();
    table->selectRow(1);
    const int worker = window.workerModel()->workerIdAt(1);
    QVERIFY(worker >= 0);
    QAction* kill = window.action(QStringLiteral("killWorker"));
    QTRY_VERIFY_WITH_TIMEOUT(kill->isEnabled(), kTimeoutMs);
    kill->trigger();

    const QString killed = stateLabel(ipc::WorkerState::Killed);
    QTRY_VERIFY_WITH_TIMEOUT(rowTexts(window, worker).contains(killed), kTimeoutMs);
    QCOMPARE(window.session()->recording().worker(worker).exit, QStringLiteral("killed"));
    QTRY_VERIFY_WITH_TIMEOUT(!kill->isEnabled(), kTimeoutMs); // the selected worker is gone
    // The others go on, and the window said what happened.
    QVERIFY(window.session()->isActive());
    auto* messages = window.findChild<QListWidget*>(QStringLiteral("messages"));
    QVERIFY(messages);
    QVERIFY(!messages->findItems(QStringLiteral("was killed"), Qt::MatchContains).isEmpty());

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
}

void MainWindowTest::pause_freezesWorkers_resumeContinues()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    startCounter(window, 2, 20);
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > 100, kTimeoutMs);

    QAction* pause = window.action(QStringLiteral("pause"));
    pause->trigger();
    QCOMPARE(window.session()->state(), Session::State::Paused);
    QVERIFY(pause->isChecked());
    for (LiveView* view : window.views())
        QVERIFY(!view->following());
    // Frozen: the count settles (a worker finishes the increment it was in) and stays.
    qint64 settled = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const qint64 now = expectedCount(window);
            const bool same = now == settled;
            settled = now;
            QTest::qWait(200);
            return same && expectedCount(window) == now;
        }(),
        kTimeoutMs);

    pause->trigger();
    QCOMPARE(window.session()->state(), Session::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > settled + 100, kTimeoutMs);
    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
}

void MainWindowTest::space_startsAndPauses_butTypesInTheForm()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    selectScenario(window, QStringLiteral("counter"));
    setParameter(window, QStringLiteral("workers"), 2);
    setParameter(window, QStringLiteral("iterations"), 1'000'000'000);

    // In the form, Space belongs to the focused editor.
    auto* lock = qobject_cast<QCheckBox*>(window.scenarioForm()->editor(QStringLiteral("lock")));
    QVERIFY(lock && lock->isChecked());
    lock->setFocus();
    QTest::keyClick(lock, Qt::Key_Space);
    QVERIFY(!window.session());
    QVERIFY(!lock->isChecked()); // the check box toggled instead
    QCOMPARE(window.scenario().value(QStringLiteral("lock")), 0);
    QVERIFY(!window.action(QStringLiteral("lock"))->isChecked());
    QTest::keyClick(lock, Qt::Key_Space);
    QVERIFY(lock->isChecked());
    auto* think = window.scenarioForm()->editor(QStringLiteral("think_us"));
    think->setFocus();
    QTest::keyClick(think, Qt::Key_Space);
    QVERIFY(!window.session());

    // Elsewhere, Space starts, pauses and resumes.
    window.processTable()->setFocus();
    QTest::keyClick(window.processTable(), Qt::Key_Space);
    QVERIFY(window.session());
    QCOMPARE(window.session()->state(), Session::State::Running);
    QTest::keyClick(window.processTable(), Qt::Key_Space);
    QCOMPARE(window.session()->state(), Session::State::Paused);
    QTest::keyClick(window.processTable(), Qt::Key_Space);
    QCOMPARE(window.session()->state(), Session::State::Running);
    // L switches the lock of the running session.
    QTest::keyClick(window.processTable(), Qt::Key_L);
    QCOMPARE(window.session()->scenario().value(QStringLiteral("lock")), 0);
    QVERIFY(!lock->isChecked());
    QTest::keyClick(window.processTable(), Qt::Key_L);
    QCOMPARE(window.session()->scenario().value(QStringLiteral("lock")), 1);

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
}

void MainWindowTest::killLockHolder_othersStuck_windowSaysSo()
{
    MainWindow window;
    window.show();
    // Long critical sections: whoever holds the lock holds it for 100 ms at a time.
    startCounter(window, 3, 100'000);
    Session* session = window.session();
    QTRY_COMPARE_WITH_TIMEOUT(window.workerModel()->rowCount(), 3, kTimeoutMs);
    auto* messages = window.findChild<QListWidget*>(QStringLiteral("messages"));
    QVERIFY(messages);
    auto saidDeadHolder = [&] {
        return !messages->findItems(QStringLiteral("which is dead"), Qt::MatchContains).isEmpty();
    };
    // Kill the current holder; should it have released the lock in between, the next one.
    for (int attempt = 0; attempt < 3 && !saidDeadHolder(); ++attempt) {
        int holder = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const qsizetype count = session->recording().sampleCount();
                const QVector<Sample> last = session->recording().samplesFrom(count - 1);
                holder = last.isEmpty() ? -1 : last.first().lockHolder;
                return holder >= 0 && session->recording().worker(holder).exit.isEmpty();
            }(),
            kTimeoutMs);
        window.processTable()->selectRow(window.workerModel()->rowOfWorker(holder));
        QCOMPARE(window.workerModel()->workerIdAt(
                     window.processTable()->selectionModel()->selectedRows().value(0).row()),
                 holder);
        window.action(QStringLiteral("killWorker"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!session->recording().worker(holder).exit.isEmpty(), kTimeoutMs);
        // Either it died holding the lock (the window says so) or it had
        // released it just before (someone else, or nobody, holds it now).
        auto lockHolderNow = [&] {
            const QVector<Sample> last =
                session->recording().samplesFrom(session->recording().sampleCount() - 1);
            return last.isEmpty() ? -1 : last.first().lockHolder;
        };
        QTRY_VERIFY_WITH_TIMEOUT(saidDeadHolder() || lockHolderNow() != holder, kTimeoutMs);
    }
    QTRY_VERIFY_WITH_TIMEOUT(saidDeadHolder(), kTimeoutMs);
    QVERIFY(!session->stuckWorkers().isEmpty());
    // The window goes on: the session clock still runs in the status bar.
    auto* time = window.findChild<QLabel*>(QStringLiteral("sessionTime"));
    const QString before = time->text();
    QTRY_VERIFY_WITH_TIMEOUT(time->text() != before, kTimeoutMs);

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Finished, kTimeoutMs);
}

void MainWindowTest::addProducerAndConsumer_whileRunning_addRows()
{
    MainWindow window;
    window.show();
    selectScenario(window, QStringLiteral("queue"));
    setParameter(window, QStringLiteral("producers"), 1);
    setParameter(window, QStringLiteral("consumers"), 1);
    setParameter(window, QStringLiteral("items"), 1'000'000'000);
    setParameter(window, QStringLiteral("produce_us"), 1000);
    QAction* addProducer = window.action(QStringLiteral("addProducer"));
    QAction* addConsumer = window.action(QStringLiteral("addConsumer"));
    QVERIFY(!addProducer->isEnabled());
    window.action(QStringLiteral("start"))->trigger();
    QVERIFY(window.session() && window.session()->isActive());
    QTRY_COMPARE_WITH_TIMEOUT(window.workerModel()->rowCount(), 2, kTimeoutMs);

    QVERIFY(addProducer->isEnabled() && addConsumer->isEnabled());
    addProducer->trigger();
    addConsumer->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.workerModel()->rowCount(), 4, kTimeoutMs);
    QCOMPARE(window.session()->workerRole(2), ipc::Role::Producer);
    QCOMPARE(window.session()->workerRole(3), ipc::Role::Consumer);

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
    QVERIFY(!addProducer->isEnabled());
}

void MainWindowTest::form_disablesNonLiveParametersWhileRunning()
{
    MainWindow window;
    window.show();
    startCounter(window, 2, 20);
    for (const ParameterSpec& spec : Scenario::parameterSpecs(ScenarioKind::Counter)) {
        QWidget* editor = window.scenarioForm()->editor(QLatin1String(spec.key));
        QVERIFY(editor);
        QCOMPARE(editor->isEnabled(), spec.live);
        QVERIFY(editor->toolTip().contains(QLatin1String(spec.python)));
    }
    // A live value goes to the running session at once.
    auto* think =
        qobject_cast<QSpinBox*>(window.scenarioForm()->editor(QStringLiteral("think_us")));
    QVERIFY(think);
    think->setValue(think->minimum());
    QCOMPARE(window.session()->scenario().value(QStringLiteral("think_us")), think->minimum());

    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
    for (const ParameterSpec& spec : Scenario::parameterSpecs(ScenarioKind::Counter))
        QVERIFY(window.scenarioForm()->editor(QLatin1String(spec.key))->isEnabled());
}

void MainWindowTest::badScenarioFile_showsError_nothingStarts_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expectedInMessage");
    QTest::newRow("not JSON") << QByteArray("{ this is not json") << QString();
    QTest::newRow("value out of range")
        << QByteArray(R"({"format": 1, "name": "bad", "kind": "queue", "title": "Bad",)"
                      R"( "parameters": {"consumers": 0}})")
        << QStringLiteral("consumers");
}

void MainWindowTest::badScenarioFile_showsError_nothingStarts()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expectedInMessage);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QString loaderError;
    QVERIFY(!Scenario::load(path, &loaderError));
    QVERIFY(loaderError.contains(expectedInMessage));

    MainWindow window;
    window.show();
    window.openScenarioFile(path);

    QCOMPARE(window.scenarioError(), loaderError);
    auto* label = window.findChild<QLabel*>(QStringLiteral("scenarioError"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(loaderError), qPrintable(label->text()));
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("scenarioErrorBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(loaderError));

    QAction* start = window.action(QStringLiteral("start"));
    QVERIFY(!start->isEnabled());
    start->trigger();
    window.startSession(); // even asked directly
    QVERIFY(!window.session());

    // Picking a good scenario clears the error.
    selectScenario(window, QStringLiteral("counter"));
    QVERIFY(!label->isVisible());
    QVERIFY(start->isEnabled());
}

void MainWindowTest::translation_zhCN_changesActionTexts()
{
    MainWindow window;
    window.show();
    QAction* start = window.action(QStringLiteral("start"));
    QCOMPARE(start->text(), QStringLiteral("&Start"));
    QVERIFY(!hasCjk(window.menuBar()->actions().first()->text()));

    window.action(QStringLiteral("languageZhCN"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(hasCjk(start->text()), kTimeoutMs);
    QVERIFY(hasCjk(window.action(QStringLiteral("stop"))->text()));
    QVERIFY(hasCjk(window.action(QStringLiteral("killWorker"))->text()));
    QTRY_VERIFY_WITH_TIMEOUT(hasCjk(window.menuBar()->actions().first()->text()), kTimeoutMs);
    QVERIFY(hasCjk(window.raceView()->title()));
    QVERIFY(hasCjk(window.scenario().title())); // from the scenario file's zh_CN text
    QVERIFY(hasCjk(window.findChild<QDockWidget*>(QStringLiteral("scenarioDock"))->windowTitle()));
    QVERIFY(window.action(QStringLiteral("languageZhCN"))->isChecked());
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));

    window.action(QStringLiteral("languageEn"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(start->text(), QStringLiteral("&Start"), kTimeoutMs);
    QVERIFY(!hasCjk(window.menuBar()->actions().first()->text()));
    QVERIFY(!hasCjk(window.scenario().title()));
}

void MainWindowTest::stop_leavesNoProcessNorSegment()
{
    QList<qint64> pids;
    {
        MainWindow window;
        window.show();
        startCounter(window, 3, 20);
        pids = window.session()->livePids();
        QCOMPARE(pids.size(), 3);
        QVERIFY(!test::ourSegments().isEmpty());
        window.close(); // closing the window ends the session too
        QVERIFY(!window.session());
    }
    QVERIFY(test::stillExisting(pids).isEmpty());
    QVERIFY(test::ourSegments().isEmpty());
}

void MainWindowTest::exportAction_writesEveryChosenFile()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction* exportAction = window.action(QStringLiteral("export"));
    QVERIFY(exportAction && !exportAction->isEnabled()); // nothing recorded yet
    startCounter(window, 3, 20);
    QVERIFY(exportAction->isEnabled()); // a running session exports what it has
    QTRY_VERIFY_WITH_TIMEOUT(expectedCount(window) > 500, kTimeoutMs);
    window.action(QStringLiteral("stop"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);

    // What the dialog hands the window, without its modal loop.
    QTemporaryDir dir;
    ExportRequest wanted;
    wanted.directory = dir.filePath(QStringLiteral("lesson"));
    wanted.pngScale = 1.5;
    ExportDialog dialog(&window);
    dialog.setRequest(wanted);
    const ExportRequest request = dialog.request();
    QCOMPARE(request.directory, wanted.directory);
    QCOMPARE(request.pngScale, 1.5);
    QVERIFY(request.pngCharts && request.svgCharts && request.pdfCharts && request.report &&
            request.data);

    const QList<LiveView*> shown = window.shownViews();
    QVERIFY(shown.contains(window.raceView()));
    QVERIFY(!shown.contains(window.queueDepthView())); // the counter has no queue
    const QStringList planned = window.exportFiles(request);
    QCOMPARE(planned.size(), 3 * shown.size() + 1 + int(exportFileNames().size()));
    QStringList written;
    QString error;
    QVERIFY2(window.exportTo(request, false, &written, &error), qPrintable(error));
    QCOMPARE(QSet<QString>(written.begin(), written.end()),
             QSet<QString>(planned.begin(), planned.end()));
    for (const QString& file : planned)
        QVERIFY2(QFileInfo(file).size() > 0, qPrintable(file));
    const QString racePng =
        QDir(request.directory).filePath(chartFileName(window.raceView(), ChartFormat::Png));
    QCOMPARE(QImage(racePng).size(), QSize(1800, 1050)); // 1200 x 700 at 1.5
    QFile report(QDir(request.directory).filePath(QStringLiteral("report.pdf")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    QVERIFY(report.read(5) == "%PDF-");

    // Again: refused before anything is written, unless the user said replace.
    const QDateTime before = QFileInfo(racePng).lastModified();
    written.clear();
    QVERIFY(!window.exportTo(request, false, &written, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(request.directory)), qPrintable(error));
    QVERIFY(written.isEmpty());
    QCOMPARE(QFileInfo(racePng).lastModified(), before);
    QVERIFY2(window.exportTo(request, true, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), planned.size());
}

void MainWindowTest::savedSession_reopened_showsTheSameData()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("race.ipcscope"));
    qint64 lost = 0;
    quint64 overlaps = 0;
    double duration = 0;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        startCounter(window, 3, 2);
        window.action(QStringLiteral("lock"))->trigger(); // off: updates are lost
        QTRY_VERIFY_WITH_TIMEOUT(lostUpdates(window) > 0 && expectedCount(window) > 2000,
                                 kTimeoutMs);
        window.action(QStringLiteral("stop"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Finished, kTimeoutMs);
        QString error;
        QVERIFY2(window.saveSessionFile(file, &error), qPrintable(error));
        lost = window.raceView()->lostUpdates();
        overlaps = window.raceView()->overlapMarks();
        duration = window.session()->elapsedSeconds();
        QVERIFY(lost > 0);
    }

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.openSessionFile(file, &error), qPrintable(error));
    QVERIFY(window.showsSavedSession());
    QVERIFY(!window.session()); // no process launched
    QCOMPARE(test::ourSegments(), QStringList());
    QCOMPARE(window.scenario().name(), QStringLiteral("counter"));
    QCOMPARE(window.scenario().value(QStringLiteral("lock")), 0);
    QCOMPARE(window.raceView()->lostUpdates(), lost);
    QCOMPARE(window.raceView()->overlapMarks(), overlaps);
    QCOMPARE(window.lockTimelineView()->rowCount(), 3);
    QCOMPARE(window.workerModel()->rowCount(), 3);
    auto* time = window.findChild<QLabel*>(QStringLiteral("sessionTime"));
    QVERIFY(time);
    QCOMPARE(time->text(), MainWindow::tr("t = %1 s").arg(duration, 0, 'f', 1));
    // As after Stop: the whole recording, to zoom and export; Start runs it anew.
    QVERIFY(!window.action(QStringLiteral("follow"))->isChecked());
    QVERIFY(window.action(QStringLiteral("start"))->isEnabled());
    QVERIFY(window.action(QStringLiteral("export"))->isEnabled());
    QTemporaryDir exportDir;
    ExportRequest request;
    request.directory = exportDir.path();
    request.pngCharts = request.pdfCharts = request.report = request.data = false;
    QStringList written;
    QVERIFY2(window.exportTo(request, false, &written, &error), qPrintable(error));
    QCOMPARE(written.size(), window.shownViews().size());

    // A damaged file is refused with the loader's words; what is shown stays.
    const QString damaged = dir.filePath(QStringLiteral("damaged.ipcscope"));
    QVERIFY(QFile::copy(file, damaged));
    {
        QFile f(damaged);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write("garbage in the middle of the recording");
    }
    error.clear();
    QVERIFY(!window.openSessionFile(damaged, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(window.showsSavedSession());
    QCOMPARE(window.raceView()->lostUpdates(), lost);
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
