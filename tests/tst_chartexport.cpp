// Charts and the report as files (widgets/ChartExport), from short real
// sessions with real workers: every view in every format, checked the way a
// reader would open it (PNG decoded, SVG parsed, PDF pages counted), and the
// failures a user meets (unwritable folder, existing file) reported, with
// nothing half-written left behind.
#include "ChartExport.h"
#include "LockTimelineView.h"
#include "MechanismView.h"
#include "ProcessDiagramView.h"
#include "QueueDepthView.h"
#include "RaceView.h"
#include "Recording.h"
#include "Scenario.h"
#include "Session.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <map>
#include <memory>

#include <unistd.h>

using namespace ipcscope;

namespace {

constexpr int kSessionTimeoutMs = 30'000;

std::unique_ptr<LiveView> makeView(const QString& name)
{
    std::unique_ptr<LiveView> view;
    if (name == QLatin1String("processDiagram"))
        view = std::make_unique<ProcessDiagramView>();
    else if (name == QLatin1String("lockTimeline"))
        view = std::make_unique<LockTimelineView>();
    else if (name == QLatin1String("queueDepth"))
        view = std::make_unique<QueueDepthView>();
    else if (name == QLatin1String("race"))
        view = std::make_unique<RaceView>();
    else
        view = std::make_unique<MechanismView>();
    view->setObjectName(name + QStringLiteral("View"));
    return view;
}

bool isPlotView(const QString& name)
{
    return name == QLatin1String("queueDepth") || name == QLatin1String("race");
}

struct SvgContent
{
    QString error; // empty: well-formed
    QStringList texts;
    int shapes = 0;       // path, polyline, polygon, rect, line, ellipse, circle
    int images = 0;       // embedded pictures: a screenshot would be one
    int longestShape = 0; // characters of the longest path/polyline geometry
};

SvgContent readSvg(const QString& path)
{
    SvgContent content;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        content.error = file.errorString();
        return content;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = xml.name();
        if (name == u"text") {
            content.texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
        } else if (name == u"image") {
            ++content.images;
        } else if (name == u"path" || name == u"polyline" || name == u"polygon" ||
                   name == u"rect" || name == u"line" || name == u"ellipse" || name == u"circle") {
            ++content.shapes;
            const QXmlStreamAttributes attributes = xml.attributes();
            const int geometry = int(std::max(attributes.value(QLatin1String("d")).size(),
                                              attributes.value(QLatin1String("points")).size()));
            content.longestShape = std::max(content.longestShape, geometry);
        }
    }
    if (xml.hasError())
        content.error = xml.errorString();
    return content;
}

int pdfPageCount(const QByteArray& pdf)
{
    // Page objects, not the /Pages tree.
    static const QRegularExpression page(QStringLiteral(R"(/Type\s*/Page(?![s\w]))"));
    int count = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++count;
    return count;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestChartExport : public QObject
{
    Q_OBJECT

    // Finished real sessions, by scenario name; their recordings feed the views.
    std::map<QString, std::unique_ptr<Session>> m_sessions;
    QTemporaryDir m_dir;

    const Session& session(const QString& name) const { return *m_sessions.at(name); }

    // A view fed the whole of a session, never shown.
    std::unique_ptr<LiveView> viewOf(const QString& sessionName, const QString& viewName) const
    {
        std::unique_ptr<LiveView> view = makeView(viewName);
        view->setRecording(&session(sessionName).recording(), &session(sessionName).scenario());
        view->refresh();
        view->setFollowing(false);
        view->showAll();
        return view;
    }

    static QStringList viewsFor(const QString& sessionName)
    {
        if (sessionName == QLatin1String("queue"))
            return {QStringLiteral("processDiagram"), QStringLiteral("lockTimeline"),
                    QStringLiteral("queueDepth"), QStringLiteral("race")};
        if (sessionName == QLatin1String("counter"))
            return {QStringLiteral("processDiagram"), QStringLiteral("lockTimeline"),
                    QStringLiteral("race")};
        return {QStringLiteral("processDiagram"), QStringLiteral("lockTimeline"),
                QStringLiteral("mechanism")};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // To look at the files as a user would (the report in a viewer, ...).
        if (qEnvironmentVariableIsSet("IPCSCOPE_KEEP_EXPORTS")) {
            m_dir.setAutoRemove(false);
            qInfo("exports kept in %s", qPrintable(m_dir.path()));
        }
        const std::map<QString, Scenario> scenarios = {
            {QStringLiteral("queue"),
             test::scenarioWith(ScenarioKind::Queue, {{"producers", 2},
                                                      {"consumers", 2},
                                                      {"capacity", 4},
                                                      {"items", 1'000'000'000},
                                                      {"consume_us", 300}})},
            {QStringLiteral("counter"),
             test::scenarioWith(
                 ScenarioKind::Counter,
                 {{"workers", 3}, {"iterations", 1'000'000'000}, {"lock", 0}, {"think_us", 2}})},
            {QStringLiteral("semaphore"), Scenario(ScenarioKind::Semaphore)},
        };
        // All three at once: a second and a half of each is plenty of data.
        for (const auto& [name, scenario] : scenarios) {
            auto session = std::make_unique<Session>(scenario);
            QString error;
            QVERIFY2(session->start(&error), qPrintable(error));
            m_sessions[name] = std::move(session);
        }
        for (auto& [name, session] : m_sessions) {
            Session* s = session.get();
            QTRY_VERIFY_WITH_TIMEOUT(s->recording().lastTime() > 1.5 ||
                                         s->state() == Session::State::Finished,
                                     kSessionTimeoutMs);
            s->stop();
        }
        for (auto& [name, session] : m_sessions)
            QVERIFY2(test::runToEnd(*session, kSessionTimeoutMs), qPrintable(name));
    }

    void cleanupTestCase()
    {
        m_sessions.clear();
        QCOMPARE(test::ourSegments(), QStringList());
    }

    void everyViewEveryFormat_data()
    {
        QTest::addColumn<QString>("sessionName");
        QTest::addColumn<QString>("viewName");
        QTest::addColumn<int>("format");
        for (const QString& sessionName :
             {QStringLiteral("queue"), QStringLiteral("counter"), QStringLiteral("semaphore")})
            for (const QString& viewName : viewsFor(sessionName))
                for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf})
                    QTest::addRow("%s/%s/%s", qPrintable(sessionName), qPrintable(viewName),
                                  qPrintable(chartSuffix(format)))
                        << sessionName << viewName << int(format);
    }

    void everyViewEveryFormat()
    {
        QFETCH(QString, sessionName);
        QFETCH(QString, viewName);
        QFETCH(int, format);
        const auto chartFormat = ChartFormat(format);
        std::unique_ptr<LiveView> view = viewOf(sessionName, viewName);
        const QString path = m_dir.filePath(
            QStringLiteral("%1-%2").arg(sessionName).arg(chartFileName(view.get(), chartFormat)));
        ChartOptions options;
        options.size = QSize(1000, 600);
        options.pngScale = 2;
        QString error;
        QVERIFY2(exportChart(view.get(), session(sessionName).scenario(), path, chartFormat,
                             options, &error),
                 qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(chartFormatForFile(path), std::optional<ChartFormat>(chartFormat));

        switch (chartFormat) {
        case ChartFormat::Png: {
            QImage image;
            QVERIFY(image.load(path, "PNG"));
            QCOMPARE(image.size(), QSize(2000, 1200));
            // A real picture, not a blank page: many colours (text, lines, fills).
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7)
                for (int x = 0; x < image.width(); x += 7)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
            break;
        }
        case ChartFormat::Svg: {
            const SvgContent svg = readSvg(path);
            QVERIFY2(svg.error.isEmpty(), qPrintable(svg.error));
            const QString texts = svg.texts.join(QLatin1Char('|'));
            QVERIFY2(texts.contains(view->title()), qPrintable(texts));
            // The caption: the scenario and its parameters.
            QVERIFY2(texts.contains(session(sessionName).scenario().name()), qPrintable(texts));
            QVERIFY2(texts.contains(QStringLiteral(" = ")), qPrintable(texts));
            // Vector through and through: shapes, never a pasted picture.
            QCOMPARE(svg.images, 0);
            QVERIFY2(svg.shapes >= 5, qPrintable(QString::number(svg.shapes)));
            if (isPlotView(viewName)) {
                QVERIFY2(texts.contains(QueueDepthView::tr("time (s)")) ||
                             texts.contains(RaceView::tr("lost")) ||
                             texts.contains(RaceView::tr("items")),
                         qPrintable(texts));
                if (viewName == QLatin1String("queueDepth") || sessionName == "counter")
                    // A data line of hundreds of points, as coordinates.
                    QVERIFY2(svg.longestShape > 1000,
                             qPrintable(QString::number(svg.longestShape)));
            }
            break;
        }
        case ChartFormat::Pdf: {
            const QByteArray pdf = readAll(path);
            QVERIFY(pdf.startsWith("%PDF-"));
            QVERIFY(pdf.trimmed().endsWith("%%EOF"));
            QCOMPARE(pdfPageCount(pdf), 1);
            break;
        }
        }
    }

    void pngScale_data()
    {
        QTest::addColumn<double>("scale");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("1x") << 1.0 << QSize(800, 500);
        QTest::newRow("1.5x") << 1.5 << QSize(1200, 750);
        QTest::newRow("3x") << 3.0 << QSize(2400, 1500);
    }

    void pngScale()
    {
        QFETCH(double, scale);
        QFETCH(QSize, expected);
        std::unique_ptr<LiveView> view =
            viewOf(QStringLiteral("queue"), QStringLiteral("queueDepth"));
        ChartOptions options;
        options.size = QSize(800, 500);
        options.pngScale = scale;
        options.overwrite = true;
        const QString path = m_dir.filePath(QStringLiteral("scaled.png"));
        QString error;
        QVERIFY2(exportChart(view.get(), session(QStringLiteral("queue")).scenario(), path,
                             ChartFormat::Png, options, &error),
                 qPrintable(error));
        QCOMPARE(QImage(path).size(), expected);
    }

    void report_data()
    {
        QTest::addColumn<QString>("sessionName");
        QTest::newRow("queue") << QStringLiteral("queue");
        QTest::newRow("counter") << QStringLiteral("counter");
        QTest::newRow("semaphore") << QStringLiteral("semaphore");
    }

    void report()
    {
        QFETCH(QString, sessionName);
        std::vector<std::unique_ptr<LiveView>> owned;
        QList<LiveView*> views;
        for (const QString& viewName : viewsFor(sessionName)) {
            owned.push_back(viewOf(sessionName, viewName));
            views.append(owned.back().get());
        }
        const Session& s = session(sessionName);
        const QString path = m_dir.filePath(sessionName + QStringLiteral("-report.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(exportReport(views, s.scenario(), s.recording(), s.elapsedSeconds(), path, false,
                              &error, &pages),
                 qPrintable(error));
        // One page or two: a handout.
        QVERIFY2(pages >= 1 && pages <= 2, qPrintable(QString::number(pages)));
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdfPageCount(pdf), pages);
        // A4 portrait: 595 x 842 points.
        QVERIFY2(pdf.contains("/MediaBox [0 0 595") || pdf.contains("/MediaBox [0 0 594"),
                 pdf.mid(pdf.indexOf("/MediaBox"), 40).constData());
    }

    // The report's figures name the locks the scenario has: the queue's put
    // and get locks, each with its own acquisitions; none for the counter
    // session here (it runs with its lock off).
    void report_figuresPerLock()
    {
        auto rowsOf = [&](const QString& name) {
            const Session& s = session(name);
            QHash<QString, QString> rows;
            for (const auto& [figure, value] :
                 reportSummaryRows(s.scenario(), s.recording(), s.elapsedSeconds()))
                rows.insert(figure, value);
            return rows;
        };
        const QHash<QString, QString> queue = rowsOf(QStringLiteral("queue"));
        const Recording& queueRecording = session(QStringLiteral("queue")).recording();
        QVERIFY(queueRecording.lockContention(0).acquisitions > 0);
        QVERIFY(queueRecording.lockContention(1).acquisitions > 0);
        QVERIFY2(queue.contains(QStringLiteral("put lock: acquisitions")),
                 qPrintable(QStringList(queue.keys()).join(QStringLiteral(" | "))));
        QVERIFY(queue.contains(QStringLiteral("get lock: acquisitions")));
        QVERIFY(!queue.contains(QStringLiteral("lock: acquisitions")));
        QCOMPARE(queue.value(QStringLiteral("every item got once (the workers' own count)")),
                 QStringLiteral("yes"));
        const QHash<QString, QString> counter = rowsOf(QStringLiteral("counter"));
        QVERIFY(!counter.contains(QStringLiteral("lock: acquisitions")));
        QVERIFY(!counter.contains(QStringLiteral("put lock: acquisitions")));
    }

    void headless_everyShownViewAndTheReport()
    {
        // What --export DIR writes besides the data: no window, views made for it.
        const Session& s = session(QStringLiteral("queue"));
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY2(exportAllCharts(dir.path(), s.scenario(), s.recording(), s.elapsedSeconds(),
                                 &written, &error),
                 qPrintable(error));
        QStringList expected;
        for (const QString& slug :
             {QStringLiteral("process-diagram"), QStringLiteral("lock-timeline"),
              QStringLiteral("queue-depth"), QStringLiteral("race")})
            for (const char* suffix : {"png", "svg", "pdf"})
                expected.append(dir.filePath(slug + QLatin1Char('.') + QLatin1String(suffix)));
        expected.append(dir.filePath(QStringLiteral("report.pdf")));
        expected.sort();
        written.sort();
        QCOMPARE(written, expected);
        for (const QString& file : expected)
            QVERIFY2(QFileInfo(file).size() > 1000, qPrintable(file));
        // Run again: the files are replaced, as the data files are.
        QVERIFY2(exportAllCharts(dir.path(), s.scenario(), s.recording(), s.elapsedSeconds(),
                                 nullptr, &error),
                 qPrintable(error));
    }

    void existingFile_refusedUnlessAllowed()
    {
        std::unique_ptr<LiveView> view = viewOf(QStringLiteral("queue"), QStringLiteral("race"));
        const Scenario& scenario = session(QStringLiteral("queue")).scenario();
        const QString path = m_dir.filePath(QStringLiteral("existing.svg"));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the user's own file");
        }
        QVERIFY(exportWouldOverwrite(path));
        ChartOptions options;
        QString error;
        QVERIFY(!exportChart(view.get(), scenario, path, ChartFormat::Svg, options, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QCOMPARE(readAll(path), QByteArray("the user's own file"));

        options.overwrite = true;
        error.clear();
        QVERIFY2(exportChart(view.get(), scenario, path, ChartFormat::Svg, options, &error),
                 qPrintable(error));
        QVERIFY(readSvg(path).error.isEmpty());
        QVERIFY(readAll(path).contains("<svg"));

        // The report asks the same.
        const QString report = m_dir.filePath(QStringLiteral("existing-report.pdf"));
        QVERIFY(QFile(path).copy(report));
        QVERIFY(!exportReport({view.get()}, scenario, session(QStringLiteral("queue")).recording(),
                              1, report, false, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(report)), qPrintable(error));
        QVERIFY(readAll(report).contains("<svg"));
    }

    void unwritable_reportedAndNothingLeft_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("missing folder") << QStringLiteral("missing");
        QTest::newRow("a file, not a folder") << QStringLiteral("file");
        QTest::newRow("read-only folder") << QStringLiteral("readonly");
    }

    void unwritable_reportedAndNothingLeft()
    {
        QFETCH(QString, where);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString folder = dir.filePath(QStringLiteral("charts"));
        if (where == QLatin1String("file")) {
            QFile file(folder);
            QVERIFY(file.open(QIODevice::WriteOnly));
        } else if (where == QLatin1String("readonly")) {
            if (::geteuid() == 0)
                QSKIP("root writes into read-only folders");
            QVERIFY(QDir().mkdir(folder));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        }
        std::unique_ptr<LiveView> view =
            viewOf(QStringLiteral("queue"), QStringLiteral("queueDepth"));
        const Session& s = session(QStringLiteral("queue"));
        for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}) {
            const QString path = folder + QStringLiteral("/queue-depth.") + chartSuffix(format);
            QString error;
            QVERIFY(!exportChart(view.get(), s.scenario(), path, format, ChartOptions(), &error));
            QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
            QVERIFY(!QFileInfo::exists(path));
        }
        const QString report = folder + QStringLiteral("/report.pdf");
        QString error;
        QVERIFY(!exportReport({view.get()}, s.scenario(), s.recording(), 1, report, false, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(report)), qPrintable(error));
        if (where == QLatin1String("readonly")) {
            QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                     QStringList());
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }

    void liveWidget_keepsItsSizeAndRange()
    {
        std::unique_ptr<LiveView> view =
            viewOf(QStringLiteral("queue"), QStringLiteral("queueDepth"));
        auto* depth = static_cast<QueueDepthView*>(view.get());
        view->resize(520, 330);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        depth->plot()->xAxis->setRange(0.25, 0.75); // the user zoomed in
        depth->plot()->replot();
        const QRect axisRect = depth->plot()->axisRect()->rect();
        const QImage before = view->grab().toImage();

        ChartOptions options;
        options.size = QSize(1400, 900);
        const QString path = m_dir.filePath(QStringLiteral("live.svg"));
        QString error;
        QVERIFY2(exportChart(view.get(), session(QStringLiteral("queue")).scenario(), path,
                             ChartFormat::Svg, options, &error),
                 qPrintable(error));
        QCOMPARE(view->size(), QSize(520, 330));
        QCOMPARE(depth->plot()->xAxis->range(), QCPRange(0.25, 0.75));
        QTRY_COMPARE(depth->plot()->axisRect()->rect(), axisRect);
        QTRY_COMPARE(view->grab().toImage(), before);
    }
};

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
