#include "ChartExport.h"

#include "DataExport.h"
#include "LiveView.h"
#include "LockTimelineView.h"
#include "MechanismView.h"
#include "ProcessDiagramView.h"
#include "QueueDepthView.h"
#include "RaceView.h"
#include "Recording.h"
#include "Scenario.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace ipcscope {

namespace {

// The exporters' words, in the "ChartExport" translation context.
struct ChartText
{
    Q_DECLARE_TR_FUNCTIONS(ChartExport)
};

constexpr int kChartMargin = 16;

// Opens `path` through a QSaveFile, lets `write` fill it and commits: the
// file appears whole or not at all.
bool writeAtomically(const QString& path, bool overwrite, QString* error,
                     const std::function<bool(QIODevice*)>& write)
{
    if (!overwrite && exportWouldOverwrite(path)) {
        *error = ChartText::tr("%1 already exists").arg(QDir::toNativeSeparators(path));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = ChartText::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (!write(&file)) {
        file.cancelWriting();
        *error = ChartText::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (!file.commit()) {
        *error = ChartText::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QFont scaled(QFont font, double factor, bool bold = false)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(1, int(std::lround(font.pixelSize() * factor))));
    font.setBold(bold);
    return font;
}

// The painter modes QCustomPlot::savePdf uses for vector devices.
void setVectorModes(QCPPainter* painter)
{
    painter->setMode(QCPPainter::pmVectorized);
    painter->setMode(QCPPainter::pmNoCaching);
}

// Text and lines of the exports: the view's own palette, so a chart looks
// like what the user saw.
struct Ink
{
    QColor background, text, muted, rule, headerFill;
    explicit Ink(const QPalette& palette)
        : background(palette.color(QPalette::Base)), text(palette.color(QPalette::Text))
    {
        muted = text;
        muted.setAlphaF(0.7);
        rule = text;
        rule.setAlphaF(0.25);
        headerFill = text;
        headerFill.setAlphaF(0.07);
    }
};

QString fileSlug(const LiveView* view)
{
    // "queueDepthView" -> "queue-depth"; a view without a name by its class.
    QString name = view->objectName();
    if (name.isEmpty())
        name =
            QString::fromLatin1(view->metaObject()->className()).section(QLatin1String("::"), -1);
    if (name.endsWith(QLatin1String("View")))
        name.chop(4);
    QString slug;
    for (const QChar c : std::as_const(name)) {
        if (c.isUpper() && !slug.isEmpty())
            slug += QLatin1Char('-');
        slug += c.toLower();
    }
    return slug.isEmpty() ? QStringLiteral("chart") : slug;
}

} // namespace

QFont withCjkFallback(QFont font)
{
    QStringList families = font.families();
    if (families.isEmpty())
        families.append(font.family());
    for (const char* fallback : {"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei"})
        if (!families.contains(QLatin1String(fallback)))
            families.append(QLatin1String(fallback));
    font.setFamilies(families);
    return font;
}

// --------------------------------------------------------------------------
// names

std::optional<ChartFormat> chartFormatForFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf})
        if (suffix == chartSuffix(format))
            return format;
    return std::nullopt;
}

QString chartSuffix(ChartFormat format)
{
    switch (format) {
    case ChartFormat::Png:
        return QStringLiteral("png");
    case ChartFormat::Svg:
        return QStringLiteral("svg");
    case ChartFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QString chartFileName(const LiveView* view, ChartFormat format)
{
    return fileSlug(view) + QLatin1Char('.') + chartSuffix(format);
}

bool viewHasSomethingToShow(const LiveView* view, const Scenario& scenario)
{
    const ScenarioKind kind = scenario.kind();
    const bool unsharedCounter =
        kind == ScenarioKind::Counter && scenario.value(QStringLiteral("shared")) == 0;
    if (qobject_cast<const QueueDepthView*>(view))
        return kind == ScenarioKind::Queue || kind == ScenarioKind::JoinableQueue ||
               kind == ScenarioKind::Condition;
    if (qobject_cast<const RaceView*>(view))
        return (kind == ScenarioKind::Counter && !unsharedCounter) || kind == ScenarioKind::Array ||
               kind == ScenarioKind::Queue;
    if (qobject_cast<const MechanismView*>(view))
        return MechanismView::hasPicture(kind) || unsharedCounter;
    return true; // the processes and the lock timeline: every scenario
}

QString chartCaption(const Scenario& scenario)
{
    QStringList parts{scenario.name()};
    for (const ParameterSpec& spec : Scenario::parameterSpecs(scenario.kind())) {
        QString value = formatParameterValue(spec, scenario.value(QLatin1String(spec.key)));
        if (spec.type != ParameterSpec::Type::Switch && spec.unit && *spec.unit)
            value += QLatin1Char(' ') + QCoreApplication::translate("Unit", spec.unit);
        parts.append(QStringLiteral("%1 = %2").arg(QLatin1String(spec.key), value));
    }
    return parts.join(QStringLiteral(" · "));
}

bool exportWouldOverwrite(const QString& path)
{
    return QFileInfo::exists(path);
}

// --------------------------------------------------------------------------
// one chart

void drawChart(QCPPainter* painter, const QRect& target, LiveView* view, const QString& caption)
{
    const Ink ink(view->palette());
    const QFont base = withCjkFallback(view->font());
    const QFont titleFont = scaled(base, 1.35, true);
    const QFont captionFont = scaled(base, 0.95);

    painter->save();
    painter->fillRect(target, ink.background);
    const QRect inner =
        target.adjusted(kChartMargin, kChartMargin - 4, -kChartMargin, -kChartMargin);
    int y = inner.top();

    painter->setFont(titleFont);
    painter->setPen(ink.text);
    const QRect titleRect(inner.left(), y, inner.width(), QFontMetrics(titleFont).height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, view->title());
    y = titleRect.bottom() + 3;

    if (!caption.isEmpty()) {
        painter->setFont(captionFont);
        painter->setPen(ink.muted);
        const QRect captionRect =
            painter->boundingRect(QRect(inner.left(), y, inner.width(), inner.height()),
                                  Qt::AlignLeft | Qt::TextWordWrap, caption);
        painter->drawText(captionRect, Qt::AlignLeft | Qt::TextWordWrap, caption);
        y = captionRect.bottom() + 8;
    }
    painter->restore();

    const QRect viewRect(inner.left(), y, inner.width(), std::max(40, inner.bottom() - y));
    view->renderChart(painter, viewRect);
}

bool exportChart(LiveView* view, const Scenario& scenario, const QString& path, ChartFormat format,
                 const ChartOptions& options, QString* error)
{
    view->refresh(); // a view the window hides is not fed every frame
    const QSize size = options.size;
    const QString caption = chartCaption(scenario);
    const int dpi = view->logicalDpiX(); // the fonts' point sizes mean what they do on screen
    const QRect page(QPoint(0, 0), size);

    return writeAtomically(path, options.overwrite, error, [&](QIODevice* device) {
        switch (format) {
        case ChartFormat::Png: {
            const double scale = std::clamp(options.pngScale, 0.25, 8.0);
            QImage image(QSize(int(std::lround(size.width() * scale)),
                               int(std::lround(size.height() * scale))),
                         QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(scale);
            const int dotsPerMeter = int(std::lround(dpi / 0.0254));
            image.setDotsPerMeterX(dotsPerMeter);
            image.setDotsPerMeterY(dotsPerMeter);
            image.fill(Ink(view->palette()).background);
            {
                QCPPainter painter(&image);
                painter.setMode(QCPPainter::pmNoCaching);
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setRenderHint(QPainter::TextAntialiasing);
                drawChart(&painter, page, view, caption);
            }
            return image.save(device, "PNG");
        }
        case ChartFormat::Svg: {
            QSvgGenerator generator;
            generator.setOutputDevice(device);
            generator.setResolution(dpi);
            generator.setSize(size);
            generator.setViewBox(page);
            generator.setTitle(view->title());
            generator.setDescription(caption);
            QCPPainter painter;
            if (!painter.begin(&generator))
                return false;
            setVectorModes(&painter);
            drawChart(&painter, page, view, caption);
            return painter.end();
        }
        case ChartFormat::Pdf: {
            QPdfWriter writer(device);
            writer.setResolution(dpi);
            writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / dpi, QPageSize::Point, QString(),
                                         QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            writer.setTitle(view->title());
            writer.setCreator(QStringLiteral("ipcscope"));
            QCPPainter painter;
            if (!painter.begin(&writer))
                return false;
            setVectorModes(&painter);
            drawChart(&painter, page, view, caption);
            return painter.end();
        }
        }
        return false;
    });
}

// --------------------------------------------------------------------------
// the report

namespace {

using Rows = QList<QPair<QString, QString>>;

QString number(double value, int decimals = 0)
{
    return QLocale().toString(value, 'f', decimals);
}

// "max_inside" -> "max inside": the mechanisms' own figures keep their
// summary.json names, so a reader finds them there too.
QString figureName(const QString& key)
{
    QString name = key;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    return name;
}

QString figureValue(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? ChartText::tr("yes") : ChartText::tr("no");
    if (value.isDouble()) {
        const double d = value.toDouble();
        return number(d, d == std::floor(d) ? 0 : 3);
    }
    if (value.isString())
        return value.toString();
    return {};
}

Rows parameterRows(const Scenario& scenario)
{
    Rows rows;
    for (const ParameterSpec& spec : Scenario::parameterSpecs(scenario.kind())) {
        QString value = formatParameterValue(spec, scenario.value(QLatin1String(spec.key)));
        if (spec.type != ParameterSpec::Type::Switch && spec.unit && *spec.unit)
            value += QLatin1Char(' ') + QCoreApplication::translate("Unit", spec.unit);
        rows.append({QLatin1String(spec.key), value});
    }
    return rows;
}

Rows summaryRows(const Scenario& scenario, const Recording& recording, double durationS)
{
    Rows rows;
    rows.append({ChartText::tr("duration"), ChartText::tr("%1 s").arg(number(durationS, 2))});
    const QVector<WorkerRecord> workers = recording.workerSummaries();
    rows.append({ChartText::tr("processes"), number(double(workers.size()))});
    quint64 ops = 0;
    for (const WorkerRecord& worker : workers)
        ops += worker.ops;
    rows.append({ChartText::tr("operations"), number(double(ops))});

    if (scenario.kind() == ScenarioKind::Counter) {
        const CounterFigures c = recording.counterFigures();
        rows.append({ChartText::tr("expected value"), number(double(c.expected))});
        rows.append({ChartText::tr("actual value"), number(double(c.actual))});
        rows.append({ChartText::tr("lost updates"), number(double(c.lostUpdates))});
        rows.append({ChartText::tr("overlapping windows"), number(double(c.overlappingWindows))});
    }
    if (scenario.kind() == ScenarioKind::Queue) {
        const DeliveryFigures q = recording.deliveryFigures();
        rows.append({ChartText::tr("items produced"), number(double(q.produced))});
        rows.append({ChartText::tr("items consumed"), number(double(q.consumed))});
        rows.append({ChartText::tr("lost"), number(double(q.lost))});
        rows.append({ChartText::tr("duplicated"), number(double(q.duplicated))});
        rows.append({ChartText::tr("phantom"), number(double(q.phantom))});
        rows.append({ChartText::tr("left in queue"), number(double(q.leftInQueue))});
        rows.append({ChartText::tr("deepest"),
                     ChartText::tr("%1 of %2")
                         .arg(number(double(q.maxDepth)),
                              number(double(scenario.value(QStringLiteral("capacity")))))});
        if (q.counted) // exact, whatever the rings dropped
            rows.append({ChartText::tr("every item got once (the workers' own count)"),
                         q.everyItemOnce() ? ChartText::tr("yes") : ChartText::tr("no")});
    }
    auto lockRows = [&](int index, const QString& name) {
        const ContentionFigures lock = recording.lockContention(index);
        if (lock.acquisitions == 0)
            return;
        rows.append(
            {ChartText::tr("%1: acquisitions").arg(name), number(double(lock.acquisitions))});
        rows.append({ChartText::tr("%1: mean wait").arg(name),
                     ChartText::tr("%1 ms").arg(number(lock.meanWaitMs(), 3))});
        rows.append({ChartText::tr("%1: longest wait").arg(name),
                     ChartText::tr("%1 ms").arg(number(double(lock.maxWaitNs) / 1e6, 3))});
    };
    if (Scenario::hasPutAndGetLocks(scenario.kind())) {
        lockRows(0, ChartText::tr("put lock"));
        lockRows(1, ChartText::tr("get lock"));
    } else {
        lockRows(0, ChartText::tr("lock"));
    }
    const QJsonObject mechanism = recording.mechanismFigures();
    for (auto it = mechanism.begin(); it != mechanism.end(); ++it) {
        const QString value = figureValue(it.value());
        if (!value.isEmpty()) // lists and per-waiter details: summary.json
            rows.append({figureName(it.key()), value});
    }
    rows.append({ChartText::tr("events recorded"), number(double(recording.eventsRecorded()))});
    rows.append({ChartText::tr("events dropped"), number(double(recording.eventsDropped()))});
    return rows;
}

// A two-column table with a heading; returns its height.
int drawTable(QPainter* painter, const QRect& area, const QString& heading, const Rows& rows,
              const QFont& font, const Ink& ink)
{
    const QFont headingFont = scaled(font, 1.1, true);
    const int headingHeight = QFontMetrics(headingFont).height() + 4;
    const QFontMetrics metrics(font);
    const int rowHeight = metrics.height() + 5;
    const int height = headingHeight + rowHeight * int(rows.size());
    painter->save();
    painter->setFont(headingFont);
    painter->setPen(ink.text);
    painter->drawText(QRect(area.left(), area.top(), area.width(), headingHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, heading);
    painter->setFont(font);
    int nameWidth = 0;
    for (const auto& row : rows)
        nameWidth = std::max(nameWidth, metrics.horizontalAdvance(row.first));
    nameWidth = std::min(nameWidth + 16, area.width() * 2 / 3);
    int y = area.top() + headingHeight;
    for (int i = 0; i < rows.size(); ++i) {
        const QRect rowRect(area.left(), y, area.width(), rowHeight);
        if (i % 2 == 0)
            painter->fillRect(rowRect, ink.headerFill);
        const QRect nameRect = rowRect.adjusted(4, 0, -(area.width() - nameWidth), 0);
        const QRect valueRect = rowRect.adjusted(nameWidth + 4, 0, -4, 0);
        painter->setPen(ink.muted);
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(rows[i].first, Qt::ElideRight, nameRect.width()));
        painter->setPen(ink.text);
        painter->drawText(valueRect, Qt::AlignRight | Qt::AlignVCenter,
                          metrics.elidedText(rows[i].second, Qt::ElideMiddle, valueRect.width()));
        y += rowHeight;
    }
    painter->setPen(QPen(ink.rule, 0.8));
    painter->drawLine(area.left(), area.top() + headingHeight, area.right(),
                      area.top() + headingHeight);
    painter->drawLine(area.left(), y, area.right(), y);
    painter->restore();
    return height;
}

// Views are laid out at this logical size and scaled into the page's
// width: at ~0.9 their text stays readable on paper.
constexpr QSize kReportViewSize{760, 330};

} // namespace

QList<QPair<QString, QString>> reportSummaryRows(const Scenario& scenario,
                                                 const Recording& recording, double durationS)
{
    return summaryRows(scenario, recording, durationS);
}

bool exportReport(const QList<LiveView*>& views, const Scenario& scenario,
                  const Recording& recording, double durationS, const QString& path, bool overwrite,
                  QString* error, int* pages)
{
    for (LiveView* view : views)
        view->refresh();
    const QWidget* style = views.isEmpty() ? nullptr : views.first();
    const QPalette palette = style ? style->palette() : QPalette();
    const Ink ink(palette);
    const QFont base = withCjkFallback(style ? style->font() : QFont());
    const int dpi = style ? style->logicalDpiX() : 96;
    const Rows parameters = parameterRows(scenario);
    const Rows summary = summaryRows(scenario, recording, durationS);
    int pageCount = 0;

    const bool written = writeAtomically(path, overwrite, error, [&](QIODevice* device) {
        QPdfWriter writer(device);
        writer.setResolution(dpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        // The margins are the painter's, not the writer's: QWidget::render
        // clips in device coordinates, which know nothing of page margins.
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(ChartText::tr("ipcscope report: %1").arg(scenario.title()));
        writer.setCreator(QStringLiteral("ipcscope"));
        QCPPainter painter;
        if (!painter.begin(&writer))
            return false;
        setVectorModes(&painter);
        pageCount = 1;
        const int marginX = int(std::lround(15 / 25.4 * dpi));
        const int marginY = int(std::lround(14 / 25.4 * dpi));
        const QRect area = QRect(0, 0, writer.width(), writer.height())
                               .adjusted(marginX, marginY, -marginX, -marginY);
        int y = area.top();
        auto newPageIfNeeded = [&](int height) {
            if (y + height <= area.bottom() || y == area.top())
                return;
            writer.newPage();
            ++pageCount;
            y = area.top();
        };

        // Heading: what ran, when and for how long.
        const QFont titleFont = scaled(base, 1.6, true);
        painter.setFont(titleFont);
        painter.setPen(ink.text);
        const int titleHeight = QFontMetrics(titleFont).height();
        painter.drawText(QRect(area.left(), y, area.width(), titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, scenario.title());
        y += titleHeight + 2;
        const QString subtitle =
            ChartText::tr("Scenario %1 · ran %2 s · exported %3 by ipcscope")
                .arg(scenario.name(), number(durationS, 2),
                     QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
        painter.setFont(base);
        painter.setPen(ink.muted);
        QRect subtitleRect =
            painter.boundingRect(QRect(area.left(), y, area.width(), area.height()),
                                 Qt::AlignLeft | Qt::TextWordWrap, subtitle);
        painter.drawText(subtitleRect, Qt::AlignLeft | Qt::TextWordWrap, subtitle);
        y = subtitleRect.bottom() + 4;
        const QString python = scenario.python().trimmed();
        if (!python.isEmpty()) {
            const QString line =
                ChartText::tr("Python equivalent: %1")
                    .arg(QString(python).replace(QLatin1Char('\n'), QStringLiteral("; ")));
            QRect pythonRect =
                painter.boundingRect(QRect(area.left(), y, area.width(), area.height()),
                                     Qt::AlignLeft | Qt::TextWordWrap, line);
            painter.drawText(pythonRect, Qt::AlignLeft | Qt::TextWordWrap, line);
            y = pythonRect.bottom() + 4;
        }
        y += 10;

        // Parameters and figures side by side.
        const QFont tableFont = scaled(base, 0.95);
        const int gap = 24;
        const int columnWidth = (area.width() - gap) / 2;
        const QRect left(area.left(), y, columnWidth, area.height());
        const QRect right(area.left() + columnWidth + gap, y, columnWidth, area.height());
        const int tablesHeight = std::max(
            drawTable(&painter, left, ChartText::tr("Parameters"), parameters, tableFont, ink),
            drawTable(&painter, right, ChartText::tr("Summary"), summary, tableFont, ink));
        y += tablesHeight + 18;

        // Every view, as wide as the page.
        const double scale = double(area.width()) / kReportViewSize.width();
        const QFont viewTitleFont = scaled(base, 1.1, true);
        const int viewTitleHeight = QFontMetrics(viewTitleFont).height() + 2;
        const int viewHeight = int(std::lround(kReportViewSize.height() * scale));
        for (LiveView* view : views) {
            newPageIfNeeded(viewTitleHeight + viewHeight);
            painter.setFont(viewTitleFont);
            painter.setPen(ink.text);
            painter.drawText(QRect(area.left(), y, area.width(), viewTitleHeight),
                             Qt::AlignLeft | Qt::AlignVCenter, view->title());
            y += viewTitleHeight;
            painter.save();
            painter.translate(area.left(), y);
            painter.scale(scale, scale);
            view->renderChart(&painter, QRect(QPoint(0, 0), kReportViewSize));
            painter.restore();
            painter.setPen(QPen(ink.rule, 0.8));
            painter.drawRect(QRectF(area.left(), y, area.width(), viewHeight));
            y += viewHeight + 14;
        }
        return painter.end();
    });
    if (written && pages)
        *pages = pageCount;
    return written;
}

bool exportAllCharts(const QString& dir, const Scenario& scenario, const Recording& recording,
                     double durationS, QStringList* written, QString* error)
{
    // The window's views, in its order, never shown.
    std::vector<std::unique_ptr<LiveView>> owned;
    owned.push_back(std::make_unique<ProcessDiagramView>());
    owned.push_back(std::make_unique<LockTimelineView>());
    owned.push_back(std::make_unique<QueueDepthView>());
    owned.push_back(std::make_unique<RaceView>());
    owned.push_back(std::make_unique<MechanismView>());
    QList<LiveView*> views;
    for (const auto& view : owned) {
        if (!viewHasSomethingToShow(view.get(), scenario))
            continue;
        view->setRecording(&recording, &scenario);
        view->refresh();
        view->setFollowing(false);
        view->showAll();
        views.append(view.get());
    }
    const QDir folder(dir);
    ChartOptions options;
    options.overwrite = true;
    for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}) {
        for (LiveView* view : std::as_const(views)) {
            const QString path = folder.filePath(chartFileName(view, format));
            if (!exportChart(view, scenario, path, format, options, error))
                return false;
            if (written)
                written->append(path);
        }
    }
    const QString report = folder.filePath(QStringLiteral("report.pdf"));
    if (!exportReport(views, scenario, recording, durationS, report, true, error))
        return false;
    if (written)
        written->append(report);
    return true;
}

} // namespace ipcscope
