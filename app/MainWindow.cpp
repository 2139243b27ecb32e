#include "MainWindow.h"

#include "ChartExport.h"
#include "DataExport.h"
#include "ExportDialog.h"
#include "LockTimelineView.h"
#include "MechanismView.h"
#include "ProcessDiagramView.h"
#include "QueueDepthView.h"
#include "RaceView.h"
#include "ScenarioForm.h"
#include "SessionFile.h"
#include "StateStyle.h"
#include "UiLanguage.h"
#include "WorkerTableModel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace ipcscope {

namespace {

// Bump when docks or toolbars change so an old saved layout is not restored.
constexpr int kWindowStateVersion = 1;
const char* const kDefaultScenario = "queue";
const char* const kLockKey = "lock";

QIcon icon(const char* name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QString stateText(Session::State state)
{
    switch (state) {
    case Session::State::Idle:
        return MainWindow::tr("idle");
    case Session::State::Running:
        return MainWindow::tr("running");
    case Session::State::Paused:
        return MainWindow::tr("paused");
    case Session::State::Stopping:
        return MainWindow::tr("stopping");
    case Session::State::Finished:
        return MainWindow::tr("finished");
    }
    return {};
}

// A menu text without its mnemonic, for tool buttons: "&Open…" and "打开(&O)…" become
// "Open" and "打开" (Qt strips a plain '&' but not the Chinese "(&O)" convention).
QString toolBarText(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("\\(&[^)]\\)"));
    return text.remove(mnemonic).remove(QLatin1Char('&')).remove(QStringLiteral("…")).trimmed();
}

QString scenarioErrorText(const QString& error)
{
    return MainWindow::tr("This scenario cannot be used:\n%1").arg(error);
}

// A message box that does not block the window (no nested exec()).
void showNonBlockingBox(QWidget* parent, QMessageBox::Icon kind, const QString& title,
                        const QString& text, const char* objectName)
{
    auto* box = new QMessageBox(kind, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QLatin1String(objectName));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->open();
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(icon("ipcscope"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    createActions();
    createMenus();
    createToolBars();
    createCentralArea();
    createDockWindows();
    createStatusBar();

    m_displayTimer.setTimerType(Qt::PreciseTimer);
    m_displayTimer.setInterval(1000 / kDisplayRateHz);
    connect(&m_displayTimer, &QTimer::timeout, this, &MainWindow::refreshFrame);

    readSettings();
    retranslateUi();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_displayTimer.stop();
    // Views and the model hold pointers into the session's recording: unbind first.
    bindViews(nullptr);
    m_session.reset(); // stops, SIGKILLs and reaps whatever still runs
}

// --------------------------------------------------------------------------
// construction

void MainWindow::createActions()
{
    auto make = [this](const char* objectName, const char* iconName = nullptr) {
        auto* action = new QAction(this);
        action->setObjectName(QLatin1String(objectName));
        if (iconName)
            action->setIcon(icon(iconName));
        addAction(action); // shortcuts work wherever the focus is in the window
        return action;
    };

    m_startAction = make("start", "start");
    // Space starts when idle and pauses when running: only one of the two
    // actions is enabled at a time, so the shortcut is never ambiguous.
    m_startAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_Space)});
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startSession);

    m_pauseAction = make("pause", "pause");
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_Space));
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setSessionPaused);

    m_stopAction = make("stop", "stop");
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopSession);

    m_lockAction = make("lock", "lock");
    m_lockAction->setCheckable(true);
    m_lockAction->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_lockAction, &QAction::toggled, this,
            [this](bool on) { setParameter(QLatin1String(kLockKey), on ? 1 : 0); });

    m_killAction = make("killWorker", "kill");
    m_killAction->setShortcut(QKeySequence(QKeySequence::Delete));
    connect(m_killAction, &QAction::triggered, this, &MainWindow::killSelectedWorker);

    m_pauseWorkerAction = make("pauseWorker", "pause-worker");
    m_pauseWorkerAction->setShortcut(QKeySequence(Qt::Key_P));
    connect(m_pauseWorkerAction, &QAction::triggered, this,
            &MainWindow::toggleSelectedWorkerPaused);

    m_addProducerAction = make("addProducer", "add-producer");
    m_addProducerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_addProducerAction, &QAction::triggered, this,
            [this] { addWorker(ipc::Role::Producer); });

    m_addConsumerAction = make("addConsumer", "add-consumer");
    m_addConsumerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_addConsumerAction, &QAction::triggered, this,
            [this] { addWorker(ipc::Role::Consumer); });

    m_followAction = make("follow", "follow");
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(QKeySequence(Qt::Key_F));
    connect(m_followAction, &QAction::toggled, this, [this](bool on) {
        for (LiveView* view : views())
            view->setFollowing(on);
        if (m_session)
            for (LiveView* view : views())
                view->refresh();
    });

    m_showAllAction = make("showAll", "show-all");
    m_showAllAction->setShortcut(QKeySequence(Qt::Key_A));
    connect(m_showAllAction, &QAction::triggered, this, [this] {
        m_followAction->setChecked(false);
        for (LiveView* view : views())
            view->showAll();
    });

    m_exportAction = make("export", "export");
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportWithDialog);

    m_saveSessionAction = make("saveSession");
    m_saveSessionAction->setShortcut(QKeySequence::Save);
    connect(m_saveSessionAction, &QAction::triggered, this, &MainWindow::chooseSessionFileToSave);

    m_openSessionAction = make("openSession");
    m_openSessionAction->setShortcut(QKeySequence::Open);
    connect(m_openSessionAction, &QAction::triggered, this, &MainWindow::chooseSessionFileToOpen);

    m_openAction = make("openScenario", "open");
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseScenarioFile);

    m_quitAction = make("quit", "quit");
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = make("about", "ipcscope");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = make("aboutQt");
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_englishAction = make("languageEn");
    m_chineseAction = make("languageZhCN");
    for (auto [action, code] :
         {std::pair{m_englishAction, "en"}, std::pair{m_chineseAction, "zh_CN"}}) {
        const QString language = QLatin1String(code);
        action->setCheckable(true);
        action->setData(language);
        // A language is named in itself, so that anyone can find their own.
        action->setText(UiLanguage::nativeName(language));
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, language] { setLanguage(language); });
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openSessionAction);
    m_fileMenu->addAction(m_saveSessionAction);
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_sessionMenu = menuBar()->addMenu(QString());
    m_sessionMenu->setObjectName(QStringLiteral("sessionMenu"));
    m_sessionMenu->addAction(m_startAction);
    m_sessionMenu->addAction(m_pauseAction);
    m_sessionMenu->addAction(m_stopAction);
    m_sessionMenu->addSeparator();
    m_sessionMenu->addAction(m_lockAction);
    m_sessionMenu->addSeparator();
    m_sessionMenu->addAction(m_killAction);
    m_sessionMenu->addAction(m_pauseWorkerAction);
    m_sessionMenu->addAction(m_addProducerAction);
    m_sessionMenu->addAction(m_addConsumerAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_followAction);
    m_viewMenu->addAction(m_showAllAction);
    m_viewMenu->addSeparator(); // dock and toolbar toggles follow, added with them

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageMenu->addAction(m_englishAction);
    m_languageMenu->addAction(m_chineseAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createToolBars()
{
    m_sessionToolBar = addToolBar(QString());
    m_sessionToolBar->setObjectName(QStringLiteral("sessionToolBar"));
    m_sessionToolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sessionToolBar->setIconSize(QSize(20, 20));
    m_sessionToolBar->addAction(m_startAction);
    m_sessionToolBar->addAction(m_pauseAction);
    m_sessionToolBar->addAction(m_stopAction);
    m_sessionToolBar->addSeparator();
    m_sessionToolBar->addAction(m_lockAction);
    m_sessionToolBar->addSeparator();
    m_sessionToolBar->addAction(m_killAction);
    m_sessionToolBar->addAction(m_pauseWorkerAction);
    m_sessionToolBar->addAction(m_addProducerAction);
    m_sessionToolBar->addAction(m_addConsumerAction);
    m_sessionToolBar->addSeparator();
    m_sessionToolBar->addAction(m_followAction);
    m_sessionToolBar->addAction(m_showAllAction);
    m_sessionToolBar->addSeparator();
    m_sessionToolBar->addAction(m_openAction);
    m_sessionToolBar->addAction(m_exportAction);
}

void MainWindow::createCentralArea()
{
    m_processDiagramView = new ProcessDiagramView(this);
    m_lockTimelineView = new LockTimelineView(this);
    m_queueDepthView = new QueueDepthView(this);
    m_raceView = new RaceView(this);
    m_mechanismView = new MechanismView(this);
    m_mechanismView->setObjectName(QStringLiteral("mechanismView"));
    for (LiveView* view : views()) {
        connect(view, &LiveView::userStoppedFollowing, m_followAction,
                [this] { m_followAction->setChecked(false); });
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint& position) { showViewMenu(view, position); });
    }
    m_processDiagramView->setObjectName(QStringLiteral("processDiagramView"));
    m_lockTimelineView->setObjectName(QStringLiteral("lockTimelineView"));
    m_queueDepthView->setObjectName(QStringLiteral("queueDepthView"));
    m_raceView->setObjectName(QStringLiteral("raceView"));

    // Each view in a frame with its title above, all four visible at once.
    auto frame = [this](LiveView* view, const char* objectName) {
        auto* box = new QFrame;
        box->setObjectName(QLatin1String(objectName));
        box->setFrameShape(QFrame::StyledPanel);
        auto* layout = new QVBoxLayout(box);
        layout->setContentsMargins(6, 4, 6, 6);
        layout->setSpacing(2);
        auto* title = new QLabel(box);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        layout->addWidget(title);
        view->setParent(box);
        view->setMinimumSize(280, 180);
        layout->addWidget(view, 1);
        m_viewFrames.append({title, view});
        return box;
    };
    auto* top = new QSplitter(Qt::Horizontal);
    top->setObjectName(QStringLiteral("topViews"));
    top->addWidget(frame(m_processDiagramView, "processDiagramFrame"));
    top->addWidget(frame(m_lockTimelineView, "lockTimelineFrame"));
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->setObjectName(QStringLiteral("bottomViews"));
    bottom->addWidget(frame(m_queueDepthView, "queueDepthFrame"));
    bottom->addWidget(frame(m_raceView, "raceFrame"));
    bottom->addWidget(frame(m_mechanismView, "mechanismFrame"));
    m_rows = new QSplitter(Qt::Vertical);
    m_rows->setObjectName(QStringLiteral("viewRows"));
    m_rows->addWidget(top);
    m_rows->addWidget(bottom);
    for (QSplitter* splitter : {top, bottom, m_rows}) {
        splitter->setChildrenCollapsible(false);
        splitter->setHandleWidth(6);
        for (int i = 0; i < splitter->count(); ++i)
            splitter->setStretchFactor(i, 1);
    }
    setCentralWidget(m_rows);
}

void MainWindow::createDockWindows()
{
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);

    // --- scenario ---
    m_scenarioDock = new QDockWidget(this);
    m_scenarioDock->setObjectName(QStringLiteral("scenarioDock"));
    m_scenarioDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_scenarioDock->installEventFilter(this);
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    auto* pickRow = new QHBoxLayout;
    m_scenarioLabel = new QLabel(panel);
    m_scenarioCombo = new QComboBox(panel);
    m_scenarioCombo->setObjectName(QStringLiteral("scenarioCombo"));
    m_scenarioCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scenarioCombo->setMinimumContentsLength(16);
    m_scenarioLabel->setBuddy(m_scenarioCombo);
    pickRow->addWidget(m_scenarioLabel);
    pickRow->addWidget(m_scenarioCombo, 1);
    layout->addLayout(pickRow);
    m_openButton = new QPushButton(icon("open"), QString(), panel);
    m_openButton->setObjectName(QStringLiteral("openScenarioButton"));
    connect(m_openButton, &QPushButton::clicked, this, &MainWindow::chooseScenarioFile);
    layout->addWidget(m_openButton, 0, Qt::AlignLeft);
    connect(m_scenarioCombo, &QComboBox::activated, this, [this](int index) {
        QString error;
        selectScenario(m_scenarioCombo->itemData(index).toString(), &error);
    });

    m_scenarioErrorLabel = new QLabel(panel);
    m_scenarioErrorLabel->setObjectName(QStringLiteral("scenarioError"));
    m_scenarioErrorLabel->setWordWrap(true);
    m_scenarioErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scenarioErrorLabel->setStyleSheet(
        QStringLiteral("QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a;"
                       " border-radius: 3px; padding: 6px; }"));
    m_scenarioErrorLabel->hide();
    layout->addWidget(m_scenarioErrorLabel);

    m_parametersLabel = new QLabel(panel);
    QFont bold = m_parametersLabel->font();
    bold.setBold(true);
    m_parametersLabel->setFont(bold);
    layout->addWidget(m_parametersLabel);
    m_form = new ScenarioForm(panel);
    m_form->setObjectName(QStringLiteral("scenarioForm"));
    connect(m_form, &ScenarioForm::valueEdited, this, &MainWindow::setParameter);
    layout->addWidget(m_form);
    layout->addSpacing(8);
    m_helpLabel = new QLabel(panel);
    m_helpLabel->setObjectName(QStringLiteral("scenarioHelp"));
    m_helpLabel->setWordWrap(true);
    m_helpLabel->setTextFormat(Qt::RichText);
    m_helpLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_helpLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_helpLabel);
    layout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scenarioDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, m_scenarioDock);

    // --- processes ---
    m_processDock = new QDockWidget(this);
    m_processDock->setObjectName(QStringLiteral("processDock"));
    m_workerModel = new WorkerTableModel(this);
    m_processTable = new QTableView;
    m_processTable->setObjectName(QStringLiteral("processTable"));
    m_processTable->setModel(m_workerModel);
    m_processTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_processTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_processTable->setAlternatingRowColors(true);
    m_processTable->verticalHeader()->hide();
    m_processTable->verticalHeader()->setDefaultSectionSize(m_processTable->fontMetrics().height() +
                                                            6);
    m_processTable->horizontalHeader()->setStretchLastSection(true);
    m_processTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_processTable->horizontalHeader()->setDefaultSectionSize(100);
    m_processTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_processTable, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(m_processTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    m_processDock->setWidget(m_processTable);
    addDockWidget(Qt::BottomDockWidgetArea, m_processDock);

    // --- messages: everything the session said, with its time ---
    m_messagesDock = new QDockWidget(this);
    m_messagesDock->setObjectName(QStringLiteral("messagesDock"));
    m_messages = new QListWidget;
    m_messages->setObjectName(QStringLiteral("messages"));
    m_messages->setWordWrap(true);
    m_messages->setUniformItemSizes(false);
    m_messagesDock->setWidget(m_messages);
    addDockWidget(Qt::BottomDockWidgetArea, m_messagesDock);
    splitDockWidget(m_processDock, m_messagesDock, Qt::Horizontal);

    m_viewMenu->addAction(m_scenarioDock->toggleViewAction());
    m_viewMenu->addAction(m_processDock->toggleViewAction());
    m_viewMenu->addAction(m_messagesDock->toggleViewAction());
    m_viewMenu->addAction(m_sessionToolBar->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_messageLabel = new QLabel;
    m_messageLabel->setObjectName(QStringLiteral("latestMessage"));
    // Ignored: a long message must not push the figures off the bar.
    m_messageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_messageLabel, 1);
    auto figure = [this](const char* objectName) {
        auto* label = new QLabel;
        label->setObjectName(QLatin1String(objectName));
        label->setAlignment(Qt::AlignCenter);
        statusBar()->addPermanentWidget(label);
        return label;
    };
    m_stateLabel = figure("sessionState");
    m_timeLabel = figure("sessionTime");
    m_rateLabel = figure("samplingRate");
    m_eventsLabel = figure("eventsPerSecond");
    m_droppedLabel = figure("droppedEvents");
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(std::min(1600, available.width() * 95 / 100),
               std::min(1000, available.height() * 95 / 100));
    }
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray(),
                      kWindowStateVersion)) {
        resizeDocks({m_scenarioDock}, {380}, Qt::Horizontal);
        resizeDocks({m_processDock}, {240}, Qt::Vertical);
        resizeDocks({m_processDock, m_messagesDock}, {720, 480}, Qt::Horizontal);
    }
    m_rows->restoreState(settings.value(QStringLiteral("window/views")).toByteArray());

    QString error;
    const QString source = settings.value(QStringLiteral("scenario/source")).toString();
    if (source.isEmpty() || !selectScenario(source, &error)) {
        const QString fallback = Scenario::builtinNames().contains(QLatin1String(kDefaultScenario))
                                     ? QLatin1String(kDefaultScenario)
                                     : Scenario::builtinNames().value(0);
        QString fallbackError;
        if (!selectScenario(fallback, &fallbackError))
            showScenarioError(fallbackError);
        else if (!error.isEmpty())
            addMessage(0, tr("The last scenario could not be loaded again: %1").arg(error));
        return;
    }
    settings.beginGroup(QStringLiteral("scenario/values"));
    for (const QString& key : settings.childKeys()) {
        const ParameterSpec* spec = Scenario::findSpec(m_scenario.kind(), key);
        bool ok = false;
        const qint64 value = settings.value(key).toLongLong(&ok);
        QString ignored; // out of range now (the spec changed): keep the file's value
        if (spec && ok)
            m_scenario.setValue(key, value, &ignored);
    }
    settings.endGroup();
    showScenario();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kWindowStateVersion));
    settings.setValue(QStringLiteral("window/views"), m_rows->saveState());
    settings.setValue(QStringLiteral("language"), UiLanguage::current());
    if (!m_scenarioError.isEmpty())
        return; // keep the last good scenario
    settings.setValue(QStringLiteral("scenario/source"), m_scenarioSource);
    settings.remove(QStringLiteral("scenario/values"));
    settings.beginGroup(QStringLiteral("scenario/values"));
    for (auto it = m_scenario.values().cbegin(); it != m_scenario.values().cend(); ++it)
        settings.setValue(it.key(), it.value());
    settings.endGroup();
}

// --------------------------------------------------------------------------
// texts

void MainWindow::retranslateUi()
{
    setWindowTitle(m_scenarioError.isEmpty() ? tr("ipcscope — %1").arg(m_scenario.title())
                                             : tr("ipcscope"));
    retranslateActions();

    m_fileMenu->setTitle(tr("&File"));
    m_sessionMenu->setTitle(tr("&Session"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_sessionToolBar->setWindowTitle(tr("Session toolbar"));

    m_scenarioDock->setWindowTitle(tr("Scenario"));
    m_processDock->setWindowTitle(tr("Processes"));
    m_messagesDock->setWindowTitle(tr("Messages"));
    m_scenarioLabel->setText(tr("&Scenario:"));
    m_scenarioCombo->setToolTip(tr("The built-in scenarios, and the last JSON file opened"));
    m_openButton->setText(tr("Open JSON file…"));
    m_openButton->setToolTip(tr("Load a scenario from a JSON file (Ctrl+O)"));
    m_parametersLabel->setText(tr("Parameters"));
    m_processTable->setToolTip(
        tr("Every worker process of the session. Right-click a row to kill or pause it."));
    m_messages->setToolTip(tr("Everything the session reported, with the session time"));
    fillScenarioCombo();
    showScenario();
    if (!m_scenarioError.isEmpty())
        m_scenarioErrorLabel->setText(scenarioErrorText(m_scenarioError));

    for (const auto& [title, view] : std::as_const(m_viewFrames))
        title->setText(view->title());
    if (m_workerModel->columnCount() > 0)
        emit m_workerModel->headerDataChanged(Qt::Horizontal, 0, m_workerModel->columnCount() - 1);
    m_messageLabel->setToolTip(tr("The latest message of the session"));
    m_stateLabel->setToolTip(tr("State of the session"));
    m_timeLabel->setToolTip(tr("Session time"));
    m_rateLabel->setToolTip(tr("How often the sampler reads the shared memory"));
    m_eventsLabel->setToolTip(tr("Events drained from the workers' rings per second"));
    updateStatus();
}

void MainWindow::retranslateActions()
{
    auto set = [](QAction* action, const QString& text, const QString& tip) {
        action->setText(text);
        action->setIconText(toolBarText(text));
        action->setStatusTip(tip);
        QString shortcuts;
        for (const QKeySequence& key : action->shortcuts())
            shortcuts += (shortcuts.isEmpty() ? QString() : QStringLiteral(", ")) +
                         key.toString(QKeySequence::NativeText);
        action->setToolTip(shortcuts.isEmpty()
                               ? toolBarText(text)
                               : QStringLiteral("%1 (%2)").arg(toolBarText(text), shortcuts));
    };
    set(m_startAction, tr("&Start"),
        tr("Launch the scenario's worker processes and start watching them (Space)"));
    set(m_pauseAction, m_pauseAction->isChecked() ? tr("&Resume") : tr("&Pause"),
        m_pauseAction->isChecked()
            ? tr("Let the workers continue and the views follow again (Space)")
            : tr("Freeze the workers and the picture, to zoom and pan (Space)"));
    set(m_stopAction, tr("S&top"),
        tr("Ask every worker to stop, kill those that do not, and keep the recording"));
    updateLockAction();
    set(m_killAction, tr("&Kill worker"),
        tr("Kill the selected worker with SIGKILL: it cannot release a lock it holds"));
    const int worker = selectedWorker();
    const bool workerPaused = m_session && worker >= 0 && m_session->isWorkerPaused(worker);
    set(m_pauseWorkerAction, workerPaused ? tr("Resume &worker") : tr("Pause &worker"),
        workerPaused ? tr("Let the selected worker continue")
                     : tr("Pause only the selected worker; the others go on"));
    set(m_addProducerAction, tr("Add &producer"),
        tr("Launch one more producer process into the running queue session"));
    set(m_addConsumerAction, tr("Add &consumer"),
        tr("Launch one more consumer process into the running queue session"));
    set(m_followAction, tr("&Following"), tr("Scroll the views with the newest data"));
    set(m_showAllAction, tr("Show &all"), tr("Fit the whole recording into the views"));
    set(m_exportAction, tr("&Export…"),
        tr("Write the charts (PNG, SVG, PDF), a report and the data files into a folder"));
    set(m_saveSessionAction, tr("&Save session…"),
        tr("Save the recording and its scenario to one .ipcscope file, to reopen later"));
    set(m_openSessionAction, tr("Open sa&ved session…"),
        tr("Show a saved .ipcscope session in the views, without launching any process"));
    set(m_openAction, tr("&Open scenario file…"), tr("Load a scenario from a JSON file"));
    set(m_quitAction, tr("&Quit"), tr("Stop the session and quit ipcscope"));
    set(m_aboutAction, tr("&About ipcscope"), tr("What ipcscope is and which version runs"));
    set(m_aboutQtAction, tr("About &Qt"), tr("The Qt version ipcscope uses"));
    m_englishAction->setStatusTip(tr("Show the interface in English"));
    m_chineseAction->setStatusTip(tr("Show the interface in Simplified Chinese"));
    m_englishAction->setChecked(UiLanguage::current() == QLatin1String("en"));
    m_chineseAction->setChecked(UiLanguage::current() == QLatin1String("zh_CN"));
}

void MainWindow::updateLockAction()
{
    const bool on = m_lockAction->isChecked();
    // setIcon always signals a change: only when the picture really changes.
    if (m_lockAction->property("showsLockOn") != QVariant(on)) {
        m_lockAction->setIcon(icon(on ? "lock" : "unlock"));
        m_lockAction->setProperty("showsLockOn", on);
    }
    m_lockAction->setText(on ? tr("&Lock: on") : tr("&Lock: off"));
    m_lockAction->setIconText(toolBarText(m_lockAction->text()));
    const QString tip =
        on ? tr("Workers take the lock around every read-modify-write. Turn it off (L) to see "
                "the race.")
           : tr("Workers skip the lock: updates and queue items are really lost. Turn it on (L) "
                "to stop the damage.");
    m_lockAction->setStatusTip(tip);
    m_lockAction->setToolTip(tip);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString& language)
{
    if (!UiLanguage::apply(language))
        addMessage(m_session ? m_session->elapsedSeconds() : 0,
                   tr("The %1 translation is missing from this build.")
                       .arg(UiLanguage::nativeName(language)));
    QSettings().setValue(QStringLiteral("language"), UiLanguage::current());
    // The texts follow with QEvent::LanguageChange (changeEvent), posted by the translators.
    m_englishAction->setChecked(UiLanguage::current() == QLatin1String("en"));
    m_chineseAction->setChecked(UiLanguage::current() == QLatin1String("zh_CN"));
}

// --------------------------------------------------------------------------
// scenarios

bool MainWindow::selectScenario(const QString& nameOrFile, QString* error)
{
    if (m_session && (m_session->isActive() || m_session->state() == Session::State::Stopping)) {
        *error = tr("Stop the running session before choosing another scenario.");
        return false;
    }
    auto loaded = Scenario::load(nameOrFile, error);
    if (!loaded) {
        showScenarioError(*error);
        return false;
    }
    m_scenario = *loaded;
    m_scenarioSource = Scenario::builtinNames().contains(nameOrFile)
                           ? nameOrFile
                           : QFileInfo(nameOrFile).absoluteFilePath();
    m_scenarioError.clear();
    m_scenarioErrorLabel->hide();
    // A new choice clears the previous results: the views show the new scenario.
    bindViews(nullptr);
    m_session.reset();
    m_loaded.reset();
    fillScenarioCombo();
    showScenario();
    setWindowTitle(tr("ipcscope — %1").arg(m_scenario.title()));
    updateActions();
    updateStatus();
    return true;
}

bool MainWindow::applySetting(const QString& keyEqualsValue, QString* error)
{
    if (!m_scenarioError.isEmpty()) {
        *error = m_scenarioError;
        return false;
    }
    if (!m_scenario.applySetting(keyEqualsValue, error))
        return false;
    showScenario();
    if (m_session && m_session->isActive()) {
        const QString key = keyEqualsValue.section(QLatin1Char('='), 0, 0).trimmed();
        return m_session->setLiveValue(key, m_scenario.value(key), error);
    }
    return true;
}

void MainWindow::openScenarioFile(const QString& path)
{
    QString error;
    if (!selectScenario(path, &error))
        showNonBlockingBox(this, QMessageBox::Warning, tr("Cannot open scenario"),
                           tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), error),
                           "scenarioErrorBox");
}

void MainWindow::chooseScenarioFile()
{
    const QString start = QFileInfo(m_scenarioSource).isAbsolute()
                              ? QFileInfo(m_scenarioSource).absolutePath()
                              : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), start,
                                                      tr("Scenario files (*.json);;All files (*)"));
    if (!path.isEmpty())
        openScenarioFile(path);
}

void MainWindow::fillScenarioCombo()
{
    const QSignalBlocker quiet(m_scenarioCombo);
    m_scenarioCombo->clear();
    for (const QString& name : Scenario::builtinNames()) {
        QString error;
        const auto builtin = Scenario::load(name, &error);
        m_scenarioCombo->addItem(builtin ? builtin->title() : name, name);
        m_scenarioCombo->setItemData(m_scenarioCombo->count() - 1, name, Qt::ToolTipRole);
    }
    if (!m_scenarioSource.isEmpty() && !Scenario::builtinNames().contains(m_scenarioSource)) {
        m_scenarioCombo->addItem(
            icon("open"),
            tr("%1 (%2)").arg(m_scenario.title(), QFileInfo(m_scenarioSource).fileName()),
            m_scenarioSource);
        m_scenarioCombo->setItemData(m_scenarioCombo->count() - 1,
                                     QDir::toNativeSeparators(m_scenarioSource), Qt::ToolTipRole);
    }
    m_scenarioCombo->setCurrentIndex(m_scenarioCombo->findData(m_scenarioSource));
}

void MainWindow::showScenario()
{
    if (!m_scenarioError.isEmpty())
        return;
    QString html = QStringLiteral("<h3 style='margin-bottom:4px'>%1</h3>")
                       .arg(m_scenario.title().toHtmlEscaped());
    const QString help = m_scenario.help().trimmed();
    if (!help.isEmpty()) {
        QString paragraphs;
        for (const QString& paragraph : help.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
            paragraphs += QStringLiteral("<p>%1</p>")
                              .arg(paragraph.trimmed().toHtmlEscaped().replace(
                                  QLatin1Char('\n'), QStringLiteral("<br>")));
        html += paragraphs;
    }
    // Shown as code unless the help already quotes it (the built-ins do).
    const QString python = m_scenario.python().trimmed();
    if (!python.isEmpty() && !help.contains(python.section(QLatin1Char('\n'), 0, 0)))
        html += QStringLiteral("<p><b>%1</b><br><code>%2</code></p>")
                    .arg(tr("Python equivalent:").toHtmlEscaped(),
                         python.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    m_helpLabel->setText(html);
    m_form->setScenario(m_scenario);
    {
        const QSignalBlocker quiet(m_lockAction);
        m_lockAction->setChecked(m_scenario.value(QLatin1String(kLockKey)) != 0);
    }
    updateLockAction();
    layoutViewsFor(shownScenario());
}

void MainWindow::layoutViewsFor(const Scenario& scenario)
{
    // Only the views that have something to say for this mechanism: an empty
    // plot is room taken from one that has.
    for (LiveView* view : views())
        view->parentWidget()->setVisible(viewHasSomethingToShow(view, scenario));
}

QList<LiveView*> MainWindow::shownViews() const
{
    QList<LiveView*> shown;
    for (LiveView* view : views())
        if (!view->parentWidget()->isHidden())
            shown.append(view);
    return shown;
}

void MainWindow::showScenarioError(const QString& error)
{
    m_scenarioError = error;
    m_scenarioErrorLabel->setText(scenarioErrorText(error));
    m_scenarioErrorLabel->show();
    m_form->setEnabled(false);
    m_helpLabel->setEnabled(false);
    addMessage(m_session ? m_session->elapsedSeconds() : 0, error);
    updateActions();
}

void MainWindow::setParameter(const QString& key, qint64 value)
{
    const ParameterSpec* spec = Scenario::findSpec(m_scenario.kind(), key);
    QString error;
    if (!spec || !m_scenario.setValue(key, value, &error)) {
        addMessage(0, error);
        m_form->showValue(key, m_scenario.value(key));
        return;
    }
    if (key == QLatin1String(kLockKey)) {
        const QSignalBlocker quiet(m_lockAction);
        m_lockAction->setChecked(value != 0);
        updateLockAction();
    }
    m_form->showValue(key, value);
    if (m_session && m_session->isActive()) {
        if (!m_session->setLiveValue(key, value, &error))
            addMessage(m_session->elapsedSeconds(), error);
        else
            addMessage(m_session->elapsedSeconds(),
                       tr("%1 set to %2").arg(key, formatParameterValue(*spec, value)));
    } else if (!m_session && !m_loaded) { // a saved session stays shown until Start
        bindViews(nullptr);               // the idle picture follows the form
    }
}

// --------------------------------------------------------------------------
// the session

QList<LiveView*> MainWindow::views() const
{
    return {m_processDiagramView, m_lockTimelineView, m_queueDepthView, m_raceView,
            m_mechanismView};
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

void MainWindow::setSamplingRateHz(int hz)
{
    m_samplingRateHz = std::clamp(hz, 1, 10'000);
    if (m_session)
        m_session->setSamplingRateHz(m_samplingRateHz);
    updateStatus();
}

void MainWindow::bindViews(Session* session)
{
    bindViews(session ? &session->recording() : nullptr,
              session ? &session->scenario() : &m_scenario);
}

void MainWindow::bindViews(const Recording* recording, const Scenario* scenario)
{
    for (LiveView* view : views())
        view->setRecording(recording, scenario);
    m_workerModel->setRecording(recording);
    layoutViewsFor(*scenario);
    for (const auto& [title, view] : std::as_const(m_viewFrames))
        title->setText(view->title()); // some titles name the scenario's mechanism
}

void MainWindow::startSession()
{
    if (!m_scenarioError.isEmpty() ||
        (m_session && (m_session->isActive() || m_session->state() == Session::State::Stopping)))
        return;
    auto next = std::make_unique<Session>(m_scenario);
    next->setSamplingRateHz(m_samplingRateHz);
    Session* session = next.get();
    connect(session, &Session::message, this,
            [this, session](const QString& text) { addMessage(session->elapsedSeconds(), text); });

    m_messageLabel->setText(tr("Starting the workers…"));
    QGuiApplication::setOverrideCursor(Qt::BusyCursor);
    QString error;
    // Returns once every worker said it is ready (a few ms; bounded by the engine).
    const bool started = session->start(&error);
    QGuiApplication::restoreOverrideCursor();
    if (!started) {
        addMessage(0, tr("Could not start: %1").arg(error));
        showNonBlockingBox(this, QMessageBox::Critical, tr("Cannot start the session"), error,
                           "startErrorBox");
        updateActions();
        return;
    }
    connect(session, &Session::stateChanged, this, &MainWindow::onSessionStateChanged);
    connect(session, &Session::workerExited, this, &MainWindow::updateActions);

    // Views move to the new recording before the old session (and its recording) goes.
    bindViews(session);
    std::unique_ptr<Session> previous = std::exchange(m_session, std::move(next));
    previous.reset();
    m_loaded.reset();

    addMessage(0, tr("Session started: %1, %n worker(s)", nullptr, int(session->workerIds().size()))
                      .arg(session->scenario().title()));
    for (LiveView* view : views())
        view->setFollowing(m_followAction->isChecked());
    m_eventsAtLastStatus = 0;
    m_timeAtLastStatus = 0;
    m_eventsPerSecond = 0;
    m_sinceStatus.start();
    m_finalFrameDrawn = false;
    m_displayTimer.start();
    updateActions();
    updateStatus();
}

void MainWindow::setSessionPaused(bool paused)
{
    if (!m_session || !m_session->isActive()) {
        updateActions();
        return;
    }
    if (paused)
        m_session->pause();
    else
        m_session->resume();
}

void MainWindow::stopSession()
{
    if (m_session && m_session->isActive())
        m_session->stop();
    updateActions();
}

void MainWindow::onSessionStateChanged(Session::State state)
{
    switch (state) {
    case Session::State::Paused:
        // Frozen workers, frozen picture: the user may now zoom and pan.
        for (LiveView* view : views())
            view->setFollowing(false);
        break;
    case Session::State::Running:
        for (LiveView* view : views())
            view->setFollowing(m_followAction->isChecked());
        break;
    case Session::State::Finished:
        refreshFrame(); // what the workers wrote last
        m_finalFrameDrawn = true;
        m_displayTimer.stop();
        for (LiveView* view : views()) {
            view->setFollowing(false);
            view->showAll(); // the whole session, to scroll and zoom
        }
        {
            const QSignalBlocker quiet(m_followAction);
            m_followAction->setChecked(false);
        }
        addMessage(m_session->elapsedSeconds(),
                   tr("Session finished after %1 s").arg(m_session->elapsedSeconds(), 0, 'f', 2));
        break;
    case Session::State::Idle:
    case Session::State::Stopping:
        break;
    }
    updateActions();
    updateStatus();
}

void MainWindow::refreshFrame()
{
    if (!m_session || m_finalFrameDrawn)
        return;
    for (LiveView* view : views())
        if (view->isVisible())
            view->refresh();
    m_workerModel->refresh(m_session->elapsedSeconds());
    if (m_sinceStatus.elapsed() >= 1000 / kStatusRateHz)
        updateStatus();
}

void MainWindow::updateStatus()
{
    const Session::State state = m_session ? m_session->state() : Session::State::Idle;
    m_stateLabel->setText(m_loaded && !m_session ? tr("saved session") : stateText(state));
    const double elapsed = shownDurationS();
    m_timeLabel->setText(tr("t = %1 s").arg(elapsed, 0, 'f', 1));
    m_rateLabel->setText(tr("sampling %1 Hz").arg(m_samplingRateHz));

    const quint64 events = m_session ? m_session->recording().eventsRecorded() : 0;
    if (m_session && m_session->isActive() && m_sinceStatus.isValid()) {
        const double seconds = m_sinceStatus.restart() / 1000.0;
        if (seconds > 0 && events >= m_eventsAtLastStatus)
            m_eventsPerSecond = double(events - m_eventsAtLastStatus) / seconds;
    } else if (!m_session || !m_session->isActive()) {
        m_eventsPerSecond = 0;
    }
    m_eventsAtLastStatus = events;
    m_eventsLabel->setText(tr("%1 events/s").arg(QLocale().toString(qRound64(m_eventsPerSecond))));

    const quint64 dropped = m_session ? m_session->recording().eventsDropped() : 0;
    const quint64 notKept = m_session ? m_session->recording().eventsNotKept() : 0;
    m_droppedLabel->setText(tr("dropped: %1").arg(QLocale().toString(dropped)));
    m_droppedLabel->setStyleSheet(dropped > 0 ? QStringLiteral("QLabel { color: #c62828; "
                                                               "font-weight: bold; }")
                                              : QString());
    QString droppedTip = tr("Events lost because a worker's ring was full (never hidden)");
    if (notKept > 0)
        droppedTip +=
            QLatin1Char('\n') + tr("%1 more events were drained but not kept (memory cap)")
                                    .arg(QLocale().toString(notKept));
    m_droppedLabel->setToolTip(droppedTip);
    if (m_session && m_session->isActive())
        updateActions(); // per-worker actions follow the workers' lives
}

void MainWindow::updateActions()
{
    const Session::State state = m_session ? m_session->state() : Session::State::Idle;
    const bool active = m_session && m_session->isActive();
    const bool stopping = state == Session::State::Stopping;
    const bool usable = m_scenarioError.isEmpty();

    m_startAction->setEnabled(usable && !active && !stopping);
    m_pauseAction->setEnabled(active);
    if (m_pauseAction->isChecked() != (state == Session::State::Paused)) {
        const QSignalBlocker quiet(m_pauseAction);
        m_pauseAction->setChecked(state == Session::State::Paused);
    }
    m_stopAction->setEnabled(active);
    m_lockAction->setEnabled(usable && !stopping &&
                             Scenario::findSpec(m_scenario.kind(), QLatin1String(kLockKey)));

    const int worker = selectedWorker();
    const bool workerAlive =
        active && worker >= 0 && m_session->recording().worker(worker).exit.isEmpty();
    m_killAction->setEnabled(workerAlive);
    m_pauseWorkerAction->setEnabled(workerAlive);
    const bool queue = m_session && m_session->scenario().kind() == ScenarioKind::Queue;
    m_addProducerAction->setEnabled(active && queue);
    m_addConsumerAction->setEnabled(active && queue);

    m_openAction->setEnabled(!active && !stopping);
    m_openSessionAction->setEnabled(!active && !stopping);
    // A running session can be saved and exported too: what it has so far.
    m_exportAction->setEnabled(shownRecording() != nullptr);
    m_saveSessionAction->setEnabled(shownRecording() != nullptr);
    m_openButton->setEnabled(!active && !stopping);
    m_scenarioCombo->setEnabled(!active && !stopping);
    m_form->setRunning(active || stopping);
    m_form->setEnabled(usable);
    m_helpLabel->setEnabled(usable);
    retranslateActions(); // Pause/Resume and per-worker texts follow the state
}

void MainWindow::addMessage(double time, const QString& text)
{
    if (text.isEmpty())
        return;
    auto* item =
        new QListWidgetItem(QStringLiteral("%1 s   %2").arg(time, 8, 'f', 3).arg(text), m_messages);
    item->setToolTip(text);
    const bool atBottom =
        m_messages->verticalScrollBar()->value() == m_messages->verticalScrollBar()->maximum();
    if (atBottom)
        m_messages->scrollToBottom();
    m_messageLabel->setText(text);
    m_messageLabel->setToolTip(text);
}

// --------------------------------------------------------------------------
// workers

int MainWindow::selectedWorker() const
{
    if (!m_processTable || !m_processTable->selectionModel())
        return -1;
    const QModelIndexList rows = m_processTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return m_workerModel->workerIdAt(rows.first().row());
}

void MainWindow::killSelectedWorker()
{
    const int worker = selectedWorker();
    if (!m_session || worker < 0)
        return;
    if (!m_session->killWorker(worker))
        addMessage(m_session->elapsedSeconds(), tr("Worker %1 is not running.").arg(worker));
    updateActions();
}

void MainWindow::toggleSelectedWorkerPaused()
{
    const int worker = selectedWorker();
    if (!m_session || worker < 0)
        return;
    const bool pause = !m_session->isWorkerPaused(worker);
    if (m_session->setWorkerPaused(worker, pause))
        addMessage(m_session->elapsedSeconds(), pause ? tr("Worker %1 paused.").arg(worker)
                                                      : tr("Worker %1 resumed.").arg(worker));
    updateActions();
}

void MainWindow::addWorker(ipc::Role role)
{
    if (!m_session)
        return;
    QString error;
    if (m_session->addWorker(role, &error) < 0)
        addMessage(m_session->elapsedSeconds(), error);
    updateActions();
}

void MainWindow::showTableMenu(const QPoint& position)
{
    const QModelIndex index = m_processTable->indexAt(position);
    if (!index.isValid())
        return;
    m_processTable->selectRow(index.row());
    updateActions();
    QMenu menu(this);
    menu.addAction(m_killAction);
    menu.addAction(m_pauseWorkerAction);
    menu.exec(m_processTable->viewport()->mapToGlobal(position));
}

// --------------------------------------------------------------------------
// export and saved sessions

const Recording* MainWindow::shownRecording() const
{
    if (m_session)
        return &m_session->recording();
    return m_loaded ? m_loaded->recording.get() : nullptr;
}

const Scenario& MainWindow::shownScenario() const
{
    if (m_session)
        return m_session->scenario();
    return m_loaded ? *m_loaded->scenario : m_scenario;
}

double MainWindow::shownDurationS() const
{
    if (m_session)
        return m_session->elapsedSeconds();
    return m_loaded ? m_loaded->durationS : 0;
}

QStringList MainWindow::exportFiles(const ExportRequest& request) const
{
    const QDir dir(request.directory);
    QStringList files;
    const QList<LiveView*> views = shownViews();
    for (const auto& [wanted, format] : {std::pair{request.pngCharts, ChartFormat::Png},
                                         std::pair{request.svgCharts, ChartFormat::Svg},
                                         std::pair{request.pdfCharts, ChartFormat::Pdf}})
        if (wanted)
            for (const LiveView* view : views)
                files.append(dir.filePath(chartFileName(view, format)));
    if (request.report)
        files.append(dir.filePath(QStringLiteral("report.pdf")));
    if (request.data)
        for (const QString& name : exportFileNames())
            files.append(dir.filePath(name));
    return files;
}

bool MainWindow::exportTo(const ExportRequest& request, bool overwrite, QStringList* written,
                          QString* error)
{
    const Recording* recording = shownRecording();
    if (!recording) {
        *error = tr("Nothing to export yet: start a session or open a saved one.");
        return false;
    }
    if (request.directory.isEmpty() || !QDir().mkpath(request.directory)) {
        *error = tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(request.directory));
        return false;
    }
    // Refused before anything is written, so a refusal leaves the folder as it was.
    if (!overwrite) {
        for (const QString& file : exportFiles(request)) {
            if (exportWouldOverwrite(file)) {
                *error = tr("%1 already exists").arg(QDir::toNativeSeparators(file));
                return false;
            }
        }
    }
    const Scenario& scenario = shownScenario();
    const double durationS = shownDurationS();
    const QDir dir(request.directory);

    // One step per file (the data files are one step: the engine writes them).
    struct Step
    {
        QString file;
        std::function<bool(QString*)> run;
    };
    QList<Step> steps;
    ChartOptions options;
    options.pngScale = request.pngScale;
    options.overwrite = true; // checked above, all at once
    const QList<LiveView*> views = shownViews();
    for (const auto& [wanted, format] : {std::pair{request.pngCharts, ChartFormat::Png},
                                         std::pair{request.svgCharts, ChartFormat::Svg},
                                         std::pair{request.pdfCharts, ChartFormat::Pdf}}) {
        if (!wanted)
            continue;
        for (LiveView* view : views) {
            const QString file = dir.filePath(chartFileName(view, format));
            steps.append({file, [=, &scenario](QString* e) {
                              return exportChart(view, scenario, file, format, options, e);
                          }});
        }
    }
    if (request.report) {
        const QString file = dir.filePath(QStringLiteral("report.pdf"));
        steps.append({file, [=, &scenario](QString* e) {
                          return exportReport(views, scenario, *recording, durationS, file, true,
                                              e);
                      }});
    }
    QStringList dataWritten;
    if (request.data)
        steps.append({QString(), [&](QString* e) {
                          return exportSessionData(request.directory, scenario, *recording,
                                                   durationS, &dataWritten, e);
                      }});

    QProgressDialog progress(tr("Exporting…"), tr("Cancel"), 0, int(steps.size()), this);
    progress.setObjectName(QStringLiteral("exportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    bool ok = true;
    for (int i = 0; i < steps.size() && ok; ++i) {
        progress.setValue(i);
        if (progress.wasCanceled()) {
            *error = tr("Export cancelled; the files written so far are complete.");
            ok = false;
            break;
        }
        const Step& step = steps[i];
        progress.setLabelText(step.file.isEmpty()
                                  ? tr("Writing the data files…")
                                  : tr("Writing %1…").arg(QFileInfo(step.file).fileName()));
        ok = step.run(error);
        if (ok && !step.file.isEmpty() && written)
            written->append(step.file);
    }
    if (written)
        written->append(dataWritten);
    progress.setValue(int(steps.size()));
    return ok;
}

void MainWindow::exportWithDialog()
{
    QSettings settings;
    ExportRequest request;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    request.directory = settings
                            .value(QStringLiteral("export/directory"),
                                   QDir(documents).filePath(QStringLiteral("ipcscope")))
                            .toString();
    request.pngCharts = settings.value(QStringLiteral("export/png"), true).toBool();
    request.svgCharts = settings.value(QStringLiteral("export/svg"), true).toBool();
    request.pdfCharts = settings.value(QStringLiteral("export/pdf"), true).toBool();
    request.report = settings.value(QStringLiteral("export/report"), true).toBool();
    request.data = settings.value(QStringLiteral("export/data"), true).toBool();
    request.pngScale = settings.value(QStringLiteral("export/pngScale"), 2.0).toDouble();

    ExportDialog dialog(this);
    dialog.setRequest(request);
    if (dialog.exec() != QDialog::Accepted)
        return;
    request = dialog.request();
    settings.setValue(QStringLiteral("export/directory"), request.directory);
    settings.setValue(QStringLiteral("export/png"), request.pngCharts);
    settings.setValue(QStringLiteral("export/svg"), request.svgCharts);
    settings.setValue(QStringLiteral("export/pdf"), request.pdfCharts);
    settings.setValue(QStringLiteral("export/report"), request.report);
    settings.setValue(QStringLiteral("export/data"), request.data);
    settings.setValue(QStringLiteral("export/pngScale"), request.pngScale);

    QStringList existing;
    for (const QString& file : exportFiles(request))
        if (exportWouldOverwrite(file))
            existing.append(QFileInfo(file).fileName());
    if (!existing.isEmpty()) {
        const int shown = 8;
        QString names = QStringList(existing.mid(0, shown)).join(QLatin1Char('\n'));
        if (existing.size() > shown)
            names += QLatin1Char('\n') + tr("and %n more", nullptr, int(existing.size() - shown));
        const auto answer = QMessageBox::question(
            this, tr("Replace files?"),
            tr("%n file(s) in %1 already exist:", nullptr, int(existing.size()))
                    .arg(QDir::toNativeSeparators(request.directory)) +
                QStringLiteral("\n\n") + names + QStringLiteral("\n\n") + tr("Replace them?"));
        if (answer != QMessageBox::Yes)
            return;
    }
    QStringList written;
    QString error;
    const double time = shownDurationS();
    if (!exportTo(request, !existing.isEmpty(), &written, &error)) {
        addMessage(time, error);
        showNonBlockingBox(this, QMessageBox::Critical, tr("Export failed"), error,
                           "exportErrorBox");
        return;
    }
    addMessage(time, tr("Exported %n file(s) to %1", nullptr, int(written.size()))
                         .arg(QDir::toNativeSeparators(request.directory)));
}

void MainWindow::showViewMenu(LiveView* view, const QPoint& position)
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("viewMenu"));
    QAction* save = menu.addAction(tr("Save chart as…"));
    menu.addAction(m_exportAction);
    if (menu.exec(view->mapToGlobal(position)) == save)
        saveChartAs(view);
}

void MainWindow::saveChartAs(LiveView* view)
{
    QSettings settings;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString folder =
        settings.value(QStringLiteral("export/chartDirectory"), documents).toString();
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG vector image (*.svg)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save chart as"), QDir(folder).filePath(chartFileName(view, ChartFormat::Png)),
        QStringList{png, svg, pdf}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    std::optional<ChartFormat> format = chartFormatForFile(path);
    bool confirmed = true; // the file dialog asked about the name it returned
    if (!format) {
        format = filter == svg   ? ChartFormat::Svg
                 : filter == pdf ? ChartFormat::Pdf
                                 : ChartFormat::Png;
        path += QLatin1Char('.') + chartSuffix(*format);
        confirmed = !exportWouldOverwrite(path);
    }
    if (!confirmed &&
        QMessageBox::question(
            this, tr("Replace file?"),
            tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(path))) !=
            QMessageBox::Yes)
        return;
    settings.setValue(QStringLiteral("export/chartDirectory"), QFileInfo(path).absolutePath());
    ChartOptions options;
    options.pngScale = settings.value(QStringLiteral("export/pngScale"), 2.0).toDouble();
    options.overwrite = true;
    QString error;
    if (!exportChart(view, shownScenario(), path, *format, options, &error)) {
        addMessage(shownDurationS(), error);
        showNonBlockingBox(this, QMessageBox::Critical, tr("Cannot save the chart"), error,
                           "exportErrorBox");
        return;
    }
    addMessage(shownDurationS(), tr("Chart saved: %1").arg(QDir::toNativeSeparators(path)));
}

bool MainWindow::saveSessionFile(const QString& path, QString* error)
{
    const Recording* recording = shownRecording();
    if (!recording) {
        *error = tr("Nothing to save yet: start a session first.");
        return false;
    }
    if (!saveSession(path, shownScenario(), *recording, shownDurationS(), error))
        return false;
    addMessage(shownDurationS(), tr("Session saved to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::openSessionFile(const QString& path, QString* error)
{
    if (m_session && (m_session->isActive() || m_session->state() == Session::State::Stopping)) {
        *error = tr("Stop the running session before opening a saved one.");
        return false;
    }
    std::optional<LoadedSession> loaded = loadSession(path, error);
    if (!loaded)
        return false;
    auto next = std::make_unique<LoadedSession>(std::move(*loaded));
    m_displayTimer.stop();
    // The views move to the saved recording before the previous one goes.
    bindViews(next->recording.get(), next->scenario.get());
    m_session.reset();
    m_loaded = std::move(next);
    // The form shows the saved parameters: Start runs them anew.
    m_scenario = *m_loaded->scenario;
    m_scenarioSource =
        Scenario::builtinNames().contains(m_scenario.name()) ? m_scenario.name() : QString();
    m_scenarioError.clear();
    m_scenarioErrorLabel->hide();
    fillScenarioCombo();
    showScenario();
    {
        const QSignalBlocker quiet(m_followAction);
        m_followAction->setChecked(false);
    }
    for (LiveView* view : views()) {
        view->refresh();
        view->setFollowing(false);
        view->showAll();
    }
    m_workerModel->refresh(m_loaded->durationS);
    setWindowTitle(tr("ipcscope — %1").arg(QFileInfo(path).fileName()));
    addMessage(m_loaded->durationS,
               tr("Opened the saved session %1 (%2, %3 s, saved %4): no process runs")
                   .arg(QDir::toNativeSeparators(path), m_scenario.title(),
                        QLocale().toString(m_loaded->durationS, 'f', 2),
                        QLocale().toString(m_loaded->savedAt.toLocalTime(), QLocale::ShortFormat)));
    updateActions();
    updateStatus();
    return true;
}

void MainWindow::chooseSessionFileToSave()
{
    QSettings settings;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString folder =
        settings.value(QStringLiteral("session/directory"), documents).toString();
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save session"),
        QDir(folder).filePath(shownScenario().name() + QStringLiteral(".ipcscope")),
        tr("ipcscope sessions (*.ipcscope)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".ipcscope");
    settings.setValue(QStringLiteral("session/directory"), QFileInfo(path).absolutePath());
    QString error;
    if (!saveSessionFile(path, &error)) {
        addMessage(shownDurationS(), error);
        showNonBlockingBox(this, QMessageBox::Critical, tr("Cannot save the session"), error,
                           "sessionErrorBox");
    }
}

void MainWindow::chooseSessionFileToOpen()
{
    QSettings settings;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString folder =
        settings.value(QStringLiteral("session/directory"), documents).toString();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open saved session"), folder,
                                     tr("ipcscope sessions (*.ipcscope);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("session/directory"), QFileInfo(path).absolutePath());
    QString error;
    if (!openSessionFile(path, &error)) {
        addMessage(0, error);
        showNonBlockingBox(this, QMessageBox::Warning, tr("Cannot open session"),
                           tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), error),
                           "sessionErrorBox");
    }
}

// --------------------------------------------------------------------------
// the rest

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About ipcscope"));
    box->setIconPixmap(icon("ipcscope").pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(
        tr("<h3>ipcscope %1</h3>"
           "<p>An oscilloscope for inter-process communication. Real processes share real "
           "queues and locks in shared memory; ipcscope watches them without disturbing them "
           "and draws what it sees.</p>"
           "<p>The mechanisms are those the Python <code>multiprocessing</code> tutorials "
           "teach: Queue, Lock, Value, sentinels, the lost update.</p>"
           "<p>Qt %2, Boost.Interprocess.</p>")
            .arg(QStringLiteral(IPCSCOPE_VERSION), QLatin1String(qVersion())));
    box->open();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Space starts/pauses the session, except inside the scenario dock, where
    // it belongs to the focused check box, button or spin box.
    if (watched == m_scenarioDock && event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier) {
            event->accept();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    m_displayTimer.stop();
    bindViews(nullptr);
    m_session.reset(); // workers asked to stop, then SIGKILLed, then reaped
    event->accept();
}

} // namespace ipcscope
