#pragma once
// The parameter form of the scenario dock, generated from
// Scenario::parameterSpecs(kind): one spin box per integer (its range is the
// validator's, so an invalid value cannot be typed) and one check box per
// switch. While a session runs only the live parameters stay editable.
#include "Scenario.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace ipcscope {

class ScenarioForm : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioForm(QWidget* parent = nullptr);

    // Rebuilds the rows for that scenario's kind and shows its values.
    void setScenario(const Scenario& scenario);
    // Shows one value without emitting valueEdited (e.g. the lock action toggled).
    void showValue(const QString& key, qint64 value);
    void setRunning(bool running);
    QWidget* editor(const QString& key) const { return m_editors.value(key); }

signals:
    // The user changed a value; it is already within the spec's range.
    void valueEdited(const QString& key, qint64 value);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row
    {
        const ParameterSpec* spec;
        QLabel* name;
        QWidget* editor;
        QLabel* description;
    };

    void rebuild(ScenarioKind kind);
    void retranslateUi();

    QFormLayout* m_layout;
    std::optional<ScenarioKind> m_kind;
    QList<Row> m_rows;
    QHash<QString, QWidget*> m_editors;
    bool m_running = false;
};

// The translated description of a parameter, as shown in the form and its tooltip.
QString parameterDescription(const ParameterSpec& spec);
// Its translated unit ("µs", "items" / "个物品"), empty if it has none.
QString parameterUnit(const ParameterSpec& spec);

} // namespace ipcscope
