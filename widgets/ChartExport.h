#pragma once
// Charts and the report, as files: any LiveView as PNG (at a scale, for crisp
// slides), SVG and PDF (both vector: the views' own paint code and the plots'
// items, never a screenshot), each with its title and a caption naming the
// scenario and its parameters; and a one- or two-page A4 PDF report with
// every view, the parameters and the summary figures, for a handout.
//
// Every file is written atomically (QSaveFile): on any failure nothing is
// left behind and *error names the file and the reason. An existing file is
// refused unless `overwrite` says otherwise (the window asks first).
#include <QFont>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

class QCPPainter;
class QRect;

namespace ipcscope {

class LiveView;
class Recording;
class Scenario;

enum class ChartFormat
{
    Png,
    Svg,
    Pdf
};

struct ChartOptions
{
    QSize size{1200, 700}; // logical pixels, title and caption included
    double pngScale = 2;   // device pixels per logical pixel in a PNG
    bool overwrite = false;
};

// The format a file name asks for by its suffix (case-insensitive).
std::optional<ChartFormat> chartFormatForFile(const QString& path);
QString chartSuffix(ChartFormat format); // "png", "svg", "pdf"
// A file name for the view in an export folder, e.g. "queue-depth.svg".
QString chartFileName(const LiveView* view, ChartFormat format);

// Chinese must render whatever the default font is: names the CJK fonts
// (fonts-noto-cjk) as fallbacks explicitly, not only through fontconfig. The
// window's font and every exported file's (a headless export has no window).
QFont withCjkFallback(QFont font);

// Whether the view has something to say for the scenario's mechanism: the
// window shows only those, an export includes only those.
bool viewHasSomethingToShow(const LiveView* view, const Scenario& scenario);

// "queue · capacity = 8 items · producers = 3 · …": the scenario's name and
// every parameter as --set would take it, so the chart can be reproduced.
QString chartCaption(const Scenario& scenario);

// Title, caption and the view, laid out in `target`.
void drawChart(QCPPainter* painter, const QRect& target, LiveView* view, const QString& caption);

// Catches the view up with its recording, then writes it to `path`.
bool exportChart(LiveView* view, const Scenario& scenario, const QString& path, ChartFormat format,
                 const ChartOptions& options, QString* error);

// The report's table of figures: (name, value) rows, translated.
QList<QPair<QString, QString>> reportSummaryRows(const Scenario& scenario,
                                                 const Recording& recording, double durationS);

// The A4 report. *pages (if given): how many pages it has.
bool exportReport(const QList<LiveView*>& views, const Scenario& scenario,
                  const Recording& recording, double durationS, const QString& path, bool overwrite,
                  QString* error, int* pages = nullptr);

// Headless (--export DIR): every view the scenario shows, fed the whole
// recording off screen, as PNG, SVG and PDF, and report.pdf, into `dir`,
// replacing files of those names (as the data files are). *written (if
// given) gets every file written, also on failure.
bool exportAllCharts(const QString& dir, const Scenario& scenario, const Recording& recording,
                     double durationS, QStringList* written, QString* error);

// Whether writing `path` would replace a file (the window asks first).
bool exportWouldOverwrite(const QString& path);

} // namespace ipcscope
