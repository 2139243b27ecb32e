#include "ScenarioForm.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include <limits>

namespace ipcscope {

QString parameterDescription(const ParameterSpec& spec)
{
    return QCoreApplication::translate("Parameter", spec.description);
}

QString parameterUnit(const ParameterSpec& spec)
{
    // The specs' units, so that lupdate offers them for translation.
    [[maybe_unused]] static const char* const units[] = {
        QT_TRANSLATE_NOOP("Unit", "processes"),
        QT_TRANSLATE_NOOP("Unit", "increments"),
        QT_TRANSLATE_NOOP("Unit", "items"),
        QT_TRANSLATE_NOOP("Unit", "µs"),
        QT_TRANSLATE_NOOP("Unit", "ms"),
        QT_TRANSLATE_NOOP("Unit", "elements"),
        QT_TRANSLATE_NOOP("Unit", "writes"),
        QT_TRANSLATE_NOOP("Unit", "entries"),
        QT_TRANSLATE_NOOP("Unit", "rounds"),
        QT_TRANSLATE_NOOP("Unit", "steps"),
        QT_TRANSLATE_NOOP("Unit", "messages"),
    };
    return QCoreApplication::translate("Unit", spec.unit);
}

ScenarioForm::ScenarioForm(QWidget* parent) : QWidget(parent), m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
}

void ScenarioForm::rebuild(ScenarioKind kind)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_rows.clear();
    m_editors.clear();
    m_kind = kind;

    for (const ParameterSpec& spec : Scenario::parameterSpecs(kind)) {
        const QString key = QString::fromLatin1(spec.key);
        QWidget* editor = nullptr;
        if (spec.type == ParameterSpec::Type::Switch) {
            auto* box = new QCheckBox(this);
            connect(box, &QCheckBox::toggled, this,
                    [this, key](bool on) { emit valueEdited(key, on ? 1 : 0); });
            editor = box;
        } else {
            auto* spin = new QSpinBox(this);
            // QSpinBox holds an int; every spec range fits, the clamp is a seatbelt.
            constexpr qint64 intMin = std::numeric_limits<int>::min();
            constexpr qint64 intMax = std::numeric_limits<int>::max();
            spin->setRange(int(std::clamp(spec.minimum, intMin, intMax)),
                           int(std::clamp(spec.maximum, intMin, intMax)));
            spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            spin->setGroupSeparatorShown(spec.maximum >= 10000);
            // Only finished values (Enter, arrows, focus out) reach a running session.
            spin->setKeyboardTracking(false);
            spin->setAccelerated(true);
            connect(spin, &QSpinBox::valueChanged, this,
                    [this, key](int value) { emit valueEdited(key, value); });
            editor = spin;
        }
        editor->setObjectName(QStringLiteral("param_") + key);
        auto* name = new QLabel(key, this);
        name->setBuddy(editor);
        QFont mono = name->font();
        mono.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
        name->setFont(mono);
        auto* description = new QLabel(this);
        description->setWordWrap(true);
        description->setForegroundRole(QPalette::PlaceholderText);
        QFont small = description->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        description->setFont(small);
        m_layout->addRow(name, editor);
        m_layout->addRow(description);
        m_rows.append({&spec, name, editor, description});
        m_editors.insert(key, editor);
    }
    retranslateUi();
    setRunning(m_running);
}

void ScenarioForm::setScenario(const Scenario& scenario)
{
    if (m_kind != scenario.kind())
        rebuild(scenario.kind());
    for (const Row& row : std::as_const(m_rows)) {
        const QString key = QString::fromLatin1(row.spec->key);
        showValue(key, scenario.value(key));
    }
}

void ScenarioForm::showValue(const QString& key, qint64 value)
{
    QWidget* editor = m_editors.value(key);
    const QSignalBlocker quiet(editor);
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        box->setChecked(value != 0);
    else if (auto* spin = qobject_cast<QSpinBox*>(editor))
        spin->setValue(int(value));
}

void ScenarioForm::setRunning(bool running)
{
    m_running = running;
    for (const Row& row : std::as_const(m_rows)) {
        row.editor->setEnabled(!running || row.spec->live);
        row.name->setEnabled(!running || row.spec->live);
    }
}

void ScenarioForm::retranslateUi()
{
    for (const Row& row : std::as_const(m_rows)) {
        const QString description = parameterDescription(*row.spec);
        const QString python = QString::fromUtf8(row.spec->python);
        QString tip = description;
        if (!python.isEmpty())
            tip += QLatin1Char('\n') + tr("Python: %1").arg(python);
        if (row.spec->type == ParameterSpec::Type::Integer)
            tip += QLatin1Char('\n') + tr("Range: %1 to %2")
                                           .arg(QLocale().toString(row.spec->minimum),
                                                QLocale().toString(row.spec->maximum));
        if (row.spec->live)
            tip += QLatin1Char('\n') + tr("Can be changed while the session runs.");
        row.editor->setToolTip(tip);
        row.name->setToolTip(tip);
        row.description->setText(description);
        if (auto* box = qobject_cast<QCheckBox*>(row.editor))
            box->setText(tr("on"));
        else if (auto* spin = qobject_cast<QSpinBox*>(row.editor)) {
            const QString unit = parameterUnit(*row.spec);
            spin->setSuffix(unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
        }
    }
}

void ScenarioForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace ipcscope
