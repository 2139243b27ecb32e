#pragma once
// File > Export…: where to, and what: every shown view as PNG, SVG and PDF
// charts, the one- or two-page report, the data files. The choice is a
// plain struct, so that the window (and its tests) export without a modal.
#include <QDialog>
#include <QString>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ipcscope {

struct ExportRequest
{
    QString directory;
    bool pngCharts = true;
    bool svgCharts = true;
    bool pdfCharts = true;
    bool report = true;
    bool data = true; // summary.json, samples.csv, events.csv, trace.json, the session file
    double pngScale = 2;

    bool anything() const { return pngCharts || svgCharts || pdfCharts || report || data; }
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportDialog(QWidget* parent = nullptr);

    void setRequest(const ExportRequest& request);
    ExportRequest request() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void chooseDirectory();
    void updateOk();

    QLabel* m_directoryLabel = nullptr;
    QLineEdit* m_directory = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_whatLabel = nullptr;
    QCheckBox* m_png = nullptr;
    QCheckBox* m_svg = nullptr;
    QCheckBox* m_pdf = nullptr;
    QCheckBox* m_report = nullptr;
    QCheckBox* m_data = nullptr;
    QLabel* m_scaleLabel = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace ipcscope
