#include "tools/ToolEditorDialog.h"

#include "common/StatusColors.h"
#include "tools/ToolForm.h"
#include "tools/ToolSet.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

ToolEditorDialog::ToolEditorDialog(const QList<ToolSpec> &tools, QWidget *parent)
    : QDialog(parent)
    , m_tools(tools)
{
    setWindowTitle(tr("Tools"));
    resize(900, 640);
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Functions the model may call in this tab. Ticked tools are sent with every "
                                "request; tool sets are saved with presets."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setAccessibleName(tr("Tools"));
    leftLayout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    auto *add = new QToolButton(left);
    add->setText(tr("Add"));
    add->setToolTip(tr("A new function"));
    auto *examples = new QToolButton(left);
    examples->setText(tr("Examples"));
    examples->setPopupMode(QToolButton::InstantPopup);
    auto *examplesMenu = new QMenu(examples);
    for (const ToolSpec &example : ToolSet::examples()) {
        examplesMenu->addAction(example.definition.name, this, [this, example] { addTool(example); });
    }
    examplesMenu->addSeparator();
    examplesMenu->addAction(tr("All three"), this, &ToolEditorDialog::addExamples);
    examples->setMenu(examplesMenu);
    m_remove = new QToolButton(left);
    m_remove->setText(tr("Remove"));
    auto *file = new QToolButton(left);
    file->setText(tr("File"));
    file->setPopupMode(QToolButton::InstantPopup);
    auto *fileMenu = new QMenu(file);
    fileMenu->addAction(tr("Import tools…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import tools"), QString(),
                                                          tr("JSON files (*.json);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !importFile(path, &error))
            QMessageBox::warning(this, tr("Import tools"), error);
    });
    fileMenu->addAction(tr("Export tools…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export tools"), QStringLiteral("tools.json"),
                                                          tr("JSON files (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportFile(path, &error))
            QMessageBox::warning(this, tr("Export tools"), error);
    });
    file->setMenu(fileMenu);
    for (QToolButton *button : {add, examples, m_remove, file})
        buttons->addWidget(button);
    buttons->addStretch(1);
    leftLayout->addLayout(buttons);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_form = new ToolForm(right);
    rightLayout->addWidget(m_form);
    m_empty = new QLabel(tr("No tools yet. Add a function, start from an example, or import a tool set."), right);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    rightLayout->addWidget(m_empty, 1);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 640});
    layout->addWidget(splitter, 1);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QToolButton::clicked, this, [this] {
        ToolSpec tool;
        tool.definition.name = ToolSet::uniqueName(m_tools, QStringLiteral("my_function"));
        tool.definition.parameters
            = {{QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), QJsonObject {}}};
        addTool(tool);
        m_form->nameEdit()->setFocus();
        m_form->nameEdit()->selectAll();
    });
    connect(m_remove, &QToolButton::clicked, this, &ToolEditorDialog::removeCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &ToolEditorDialog::select);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < m_tools.size())
            m_tools[row].enabled = item->checkState() == Qt::Checked;
    });
    connect(m_form, &ToolForm::edited, this, &ToolEditorDialog::onFormEdited);

    refreshList();
    select(m_tools.isEmpty() ? -1 : 0);
}

QPushButton *ToolEditorDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ToolEditorDialog::addTool(const ToolSpec &tool)
{
    ToolSpec added = tool;
    added.definition.name = ToolSet::uniqueName(m_tools, tool.definition.name);
    m_tools.append(added);
    refreshList();
    m_list->setCurrentRow(int(m_tools.size()) - 1);
}

void ToolEditorDialog::addExamples()
{
    for (const ToolSpec &example : ToolSet::examples())
        addTool(example);
}

void ToolEditorDialog::removeCurrent()
{
    if (m_current < 0 || m_current >= m_tools.size())
        return;
    const int row = m_current;
    m_tools.removeAt(row);
    m_current = -1;
    refreshList();
    m_list->setCurrentRow(qMin(row, int(m_tools.size()) - 1));
    if (m_tools.isEmpty())
        select(-1);
}

bool ToolEditorDialog::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (file.size() > 16 * 1024 * 1024) {
        *error = tr("%1 is larger than 16 MB: not a tool set.").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Could not read %1: %2").arg(path, file.errorString());
        return false;
    }
    QList<ToolSpec> read;
    if (!ToolSet::fromJson(file.readAll(), &read, error))
        return false;
    for (const ToolSpec &tool : std::as_const(read))
        addTool(tool);
    return true;
}

bool ToolEditorDialog::exportFile(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(ToolSet::toJson(m_tools)) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ToolEditorDialog::select(int row)
{
    m_current = row;
    m_form->setVisible(row >= 0);
    m_empty->setVisible(row < 0);
    m_remove->setEnabled(row >= 0);
    if (row >= 0 && row < m_tools.size())
        m_form->setTool(m_tools.at(row));
    else
        m_form->setTool(ToolSpec {});
    check();
}

void ToolEditorDialog::onFormEdited()
{
    if (m_current < 0 || m_current >= m_tools.size())
        return;
    const bool enabled = m_tools.at(m_current).enabled;
    m_tools[m_current] = m_form->tool();
    m_tools[m_current].enabled = enabled;
    if (QListWidgetItem *item = m_list->item(m_current)) {
        const QString name = m_tools.at(m_current).definition.name;
        item->setText(name.isEmpty() ? tr("(unnamed)") : name);
    }
    check();
}

void ToolEditorDialog::refreshList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const ToolSpec &tool : std::as_const(m_tools)) {
        auto *item = new QListWidgetItem(tool.definition.name, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(tool.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(tool.definition.description);
    }
    if (m_current >= 0)
        m_list->setCurrentRow(m_current);
}

void ToolEditorDialog::check()
{
    QString problem;
    QStringList names;
    for (int i = 0; i < m_tools.size() && problem.isEmpty(); ++i) {
        const ToolSpec &tool = m_tools.at(i);
        const QString label = tool.definition.name.isEmpty() ? tr("Tool %1").arg(i + 1) : tool.definition.name;
        const QString own = i == m_current ? m_form->problem() : tool.problem();
        if (!own.isEmpty())
            problem = tr("%1: %2").arg(label, own);
        else if (names.contains(tool.definition.name))
            problem = tr("%1 is defined twice.").arg(label);
        names.append(tool.definition.name);
    }
    okButton()->setEnabled(problem.isEmpty());
    colors::setTextColor(m_problem, colors::errorText(palette()));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace md
