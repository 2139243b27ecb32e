#pragma once
// The main window: wires a Session (real worker processes) to the live
// views, the process table and the scenario form. It only ever reads the
// Recording and writes the control block through Session: it never waits on
// an interprocess primitive, so a wedged or killed worker cannot freeze it.
#include "Scenario.h"
#include "Session.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QPushButton;
class QSplitter;
class QTableView;
class QToolBar;

namespace ipcscope {

class LiveView;
class LockTimelineView;
class Recording;
struct ExportRequest;
struct LoadedSession;
class MechanismView;
class ProcessDiagramView;
class QueueDepthView;
class RaceView;
class ScenarioForm;
class WorkerTableModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    static constexpr int kDisplayRateHz = 60;
    static constexpr int kStatusRateHz = 4;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // A built-in NAME or a JSON file; on failure *error says why (the
    // loader's words), the dock shows it and nothing can start until a
    // valid scenario is chosen.
    bool selectScenario(const QString& nameOrFile, QString* error);
    // "key=value" as on the command line, applied to the selected scenario.
    bool applySetting(const QString& keyEqualsValue, QString* error);
    void setSamplingRateHz(int hz);

    // What the tests and the screenshot mode look at.
    const Scenario& scenario() const { return m_scenario; }
    QString scenarioError() const { return m_scenarioError; }
    Session* session() const { return m_session.get(); }
    QAction* action(const QString& objectName) const;
    QTableView* processTable() const { return m_processTable; }
    WorkerTableModel* workerModel() const { return m_workerModel; }
    QueueDepthView* queueDepthView() const { return m_queueDepthView; }
    LockTimelineView* lockTimelineView() const { return m_lockTimelineView; }
    RaceView* raceView() const { return m_raceView; }
    MechanismView* mechanismView() const { return m_mechanismView; }
    ProcessDiagramView* processDiagramView() const { return m_processDiagramView; }
    QList<LiveView*> views() const;
    ScenarioForm* scenarioForm() const { return m_form; }
    // The views shown for the scenario: what an export includes.
    QList<LiveView*> shownViews() const;

    // File > Export… without the dialog: writes what `request` asks into its
    // folder (created if missing), a progress dialog up while it takes long.
    // An existing file is replaced only if `overwrite`. *written (if given)
    // gets every file written, also on failure; *error names the file that failed.
    bool exportTo(const ExportRequest& request, bool overwrite, QStringList* written,
                  QString* error);
    // The files exportTo would write, in that order.
    QStringList exportFiles(const ExportRequest& request) const;
    // The shown recording (running, finished or opened) to a .ipcscope file.
    bool saveSessionFile(const QString& path, QString* error);
    // Shows a saved session in every view, no process launched; Start runs
    // its scenario anew. On failure *error is the loader's message.
    bool openSessionFile(const QString& path, QString* error);
    bool showsSavedSession() const { return m_loaded != nullptr; }

public slots:
    void startSession();
    void setSessionPaused(bool paused);
    void stopSession();
    void openScenarioFile(const QString& path);
    void setLanguage(const QString& language);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Built in this order by the constructor.
    void createActions();
    void createMenus();
    void createToolBars();
    void createCentralArea();
    void createDockWindows();
    void createStatusBar();
    void readSettings();
    void writeSettings() const;

    void retranslateUi();
    void retranslateActions();
    void updateActions();
    void updateStatus();
    void refreshFrame();

    void showScenario(); // help text, form, views laid out for the kind
    void layoutViewsFor(const Scenario& scenario);
    void updateLockAction();
    void fillScenarioCombo();
    void showScenarioError(const QString& error);
    void setParameter(const QString& key, qint64 value);
    void bindViews(Session* session);
    void bindViews(const Recording* recording, const Scenario* scenario);
    // What the views show: the session's, or the one opened from a file.
    const Recording* shownRecording() const;
    const Scenario& shownScenario() const;
    double shownDurationS() const;
    void exportWithDialog();
    void showViewMenu(LiveView* view, const QPoint& position);
    void saveChartAs(LiveView* view);
    void chooseSessionFileToSave();
    void chooseSessionFileToOpen();
    void onSessionStateChanged(Session::State state);
    void addMessage(double time, const QString& text);
    void chooseScenarioFile();
    void showAbout();

    int selectedWorker() const; // -1: none
    void killSelectedWorker();
    void toggleSelectedWorkerPaused();
    void addWorker(ipc::Role role);
    void showTableMenu(const QPoint& position);

    // --- data ---
    Scenario m_scenario;
    QString m_scenarioSource; // built-in name or absolute file path
    QString m_scenarioError;  // non-empty: the last load failed, nothing starts
    std::unique_ptr<Session> m_session;
    std::unique_ptr<LoadedSession> m_loaded; // opened from a file; no m_session then
    int m_samplingRateHz = 1000;
    QTimer m_displayTimer;
    QElapsedTimer m_sinceStatus;
    quint64 m_eventsAtLastStatus = 0;
    double m_timeAtLastStatus = 0;
    double m_eventsPerSecond = 0;
    bool m_finalFrameDrawn = true;

    // --- actions ---
    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_killAction = nullptr;
    QAction* m_pauseWorkerAction = nullptr;
    QAction* m_addProducerAction = nullptr;
    QAction* m_addConsumerAction = nullptr;
    QAction* m_followAction = nullptr;
    QAction* m_showAllAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_saveSessionAction = nullptr;
    QAction* m_openSessionAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_englishAction = nullptr;
    QAction* m_chineseAction = nullptr;

    // --- menus and bars ---
    QMenu* m_fileMenu = nullptr;
    QMenu* m_sessionMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QToolBar* m_sessionToolBar = nullptr;

    // --- central area ---
    QSplitter* m_rows = nullptr;
    QueueDepthView* m_queueDepthView = nullptr;
    LockTimelineView* m_lockTimelineView = nullptr;
    RaceView* m_raceView = nullptr;
    MechanismView* m_mechanismView = nullptr;
    ProcessDiagramView* m_processDiagramView = nullptr;
    QList<QPair<QLabel*, LiveView*>> m_viewFrames; // title label (in the view's frame), view

    // --- docks ---
    QDockWidget* m_scenarioDock = nullptr;
    QLabel* m_scenarioLabel = nullptr;
    QComboBox* m_scenarioCombo = nullptr;
    QPushButton* m_openButton = nullptr;
    QLabel* m_scenarioErrorLabel = nullptr;
    QLabel* m_helpLabel = nullptr;
    QLabel* m_parametersLabel = nullptr;
    ScenarioForm* m_form = nullptr;
    QDockWidget* m_processDock = nullptr;
    QTableView* m_processTable = nullptr;
    WorkerTableModel* m_workerModel = nullptr;
    QDockWidget* m_messagesDock = nullptr;
    QListWidget* m_messages = nullptr;

    // --- status bar ---
    QLabel* m_messageLabel = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_rateLabel = nullptr;
    QLabel* m_eventsLabel = nullptr;
    QLabel* m_droppedLabel = nullptr;
};

} // namespace ipcscope
