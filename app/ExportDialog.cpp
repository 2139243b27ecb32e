#include "ExportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ipcscope {

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("exportDialog"));
    auto* layout = new QGridLayout(this);

    m_directoryLabel = new QLabel(this);
    m_directory = new QLineEdit(this);
    m_directory->setObjectName(QStringLiteral("exportDirectory"));
    m_directory->setMinimumWidth(360);
    m_directoryLabel->setBuddy(m_directory);
    m_browse = new QPushButton(this);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::chooseDirectory);
    connect(m_directory, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    layout->addWidget(m_directoryLabel, 0, 0);
    layout->addWidget(m_directory, 0, 1);
    layout->addWidget(m_browse, 0, 2);

    m_whatLabel = new QLabel(this);
    auto* what = new QVBoxLayout;
    auto check = [this, what](const char* objectName) {
        auto* box = new QCheckBox(this);
        box->setObjectName(QLatin1String(objectName));
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateOk);
        what->addWidget(box);
        return box;
    };
    m_png = check("exportPng");
    auto* scaleRow = new QHBoxLayout;
    scaleRow->setContentsMargins(24, 0, 0, 0);
    m_scaleLabel = new QLabel(this);
    m_scale = new QDoubleSpinBox(this);
    m_scale->setObjectName(QStringLiteral("exportPngScale"));
    m_scale->setRange(1, 4);
    m_scale->setSingleStep(0.5);
    m_scale->setDecimals(1);
    m_scale->setSuffix(QStringLiteral(" ×"));
    m_scaleLabel->setBuddy(m_scale);
    scaleRow->addWidget(m_scaleLabel);
    scaleRow->addWidget(m_scale);
    scaleRow->addStretch(1);
    what->addLayout(scaleRow);
    connect(m_png, &QCheckBox::toggled, m_scale, &QWidget::setEnabled);
    m_svg = check("exportSvg");
    m_pdf = check("exportPdf");
    m_report = check("exportReport");
    m_data = check("exportData");
    layout->addWidget(m_whatLabel, 1, 0, Qt::AlignTop);
    layout->addLayout(what, 1, 1, 1, 2);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons, 2, 0, 1, 3);

    setRequest(ExportRequest{});
    retranslate();
}

void ExportDialog::setRequest(const ExportRequest& request)
{
    m_directory->setText(QDir::toNativeSeparators(request.directory));
    m_png->setChecked(request.pngCharts);
    m_svg->setChecked(request.svgCharts);
    m_pdf->setChecked(request.pdfCharts);
    m_report->setChecked(request.report);
    m_data->setChecked(request.data);
    m_scale->setValue(request.pngScale);
    m_scale->setEnabled(request.pngCharts);
    updateOk();
}

ExportRequest ExportDialog::request() const
{
    ExportRequest request;
    request.directory = QDir::fromNativeSeparators(m_directory->text().trimmed());
    request.pngCharts = m_png->isChecked();
    request.svgCharts = m_svg->isChecked();
    request.pdfCharts = m_pdf->isChecked();
    request.report = m_report->isChecked();
    request.data = m_data->isChecked();
    request.pngScale = m_scale->value();
    return request;
}

void ExportDialog::chooseDirectory()
{
    const QString directory =
        QFileDialog::getExistingDirectory(this, tr("Export to folder"), m_directory->text());
    if (!directory.isEmpty())
        m_directory->setText(QDir::toNativeSeparators(directory));
}

void ExportDialog::updateOk()
{
    if (QPushButton* ok = m_buttons ? m_buttons->button(QDialogButtonBox::Ok) : nullptr)
        ok->setEnabled(!m_directory->text().trimmed().isEmpty() && request().anything());
}

void ExportDialog::retranslate()
{
    setWindowTitle(tr("Export"));
    m_directoryLabel->setText(tr("&Folder:"));
    m_browse->setText(tr("&Browse…"));
    m_whatLabel->setText(tr("Write:"));
    m_png->setText(tr("Charts as &PNG images"));
    m_scaleLabel->setText(tr("&Scale:"));
    m_scale->setToolTip(tr("Pixels per screen pixel: 2 gives crisp slides"));
    m_svg->setText(tr("Charts as S&VG (vector)"));
    m_pdf->setText(tr("Charts as P&DF (vector)"));
    m_report->setText(tr("&Report: one PDF with every view, the parameters and the figures"));
    m_data->setText(tr("&Data: summary.json, samples.csv, events.csv, trace.json, the session"));
}

void ExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace ipcscope
