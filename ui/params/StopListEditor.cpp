#include "params/StopListEditor.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

namespace {
// The API takes a handful of sequences; more is almost always a mistake.
constexpr int kMaxSequences = 16;
} // namespace

StopListEditor::StopListEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    m_input = new QLineEdit(this);
    m_input->setPlaceholderText(tr("Add a sequence, e.g. \\n\\n"));
    m_input->setAccessibleName(tr("New stop sequence"));
    m_input->setToolTip(tr("The answer ends as soon as the model writes one of these; type \\n for a line break."));
    row->addWidget(m_input, 1);
    m_add = new QToolButton(this);
    m_add->setText(tr("Add"));
    m_add->setAccessibleName(tr("Add stop sequence"));
    m_add->setToolTip(tr("Adds the typed sequence to the list."));
    m_add->setEnabled(false);
    row->addWidget(m_add);
    m_remove = new QToolButton(this);
    m_remove->setText(tr("Remove"));
    m_remove->setAccessibleName(tr("Remove selected stop sequences"));
    m_remove->setToolTip(tr("Removes the sequences selected in the list."));
    m_remove->setEnabled(false);
    row->addWidget(m_remove);
    layout->addLayout(row);

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Stop sequences"));
    m_list->setToolTip(tr("Select a sequence and press Delete, or use Remove, to drop it."));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_list);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    connect(m_input, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_add->setEnabled(!text.isEmpty() && m_sequences.size() < kMaxSequences); });
    connect(m_input, &QLineEdit::returnPressed, this, &StopListEditor::addTyped);
    connect(m_add, &QToolButton::clicked, this, &StopListEditor::addTyped);
    connect(m_remove, &QToolButton::clicked, this, &StopListEditor::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    m_list->installEventFilter(this);
    showSequences();
}

bool StopListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StopListEditor::setSequences(const QStringList &sequences)
{
    m_sequences = sequences;
    showSequences();
}

QString StopListEditor::unescape(const QString &typed)
{
    QString out;
    out.reserve(typed.size());
    for (qsizetype i = 0; i < typed.size(); ++i) {
        const QChar c = typed.at(i);
        if (c != QLatin1Char('\\') || i + 1 == typed.size()) {
            out.append(c);
            continue;
        }
        const QChar next = typed.at(++i);
        if (next == QLatin1Char('n'))
            out.append(QLatin1Char('\n'));
        else if (next == QLatin1Char('t'))
            out.append(QLatin1Char('\t'));
        else if (next == QLatin1Char('r'))
            out.append(QLatin1Char('\r'));
        else if (next == QLatin1Char('\\'))
            out.append(QLatin1Char('\\'));
        else
            out.append(c).append(next);
    }
    return out;
}

QString StopListEditor::escape(const QString &sequence)
{
    QString out;
    for (const QChar c : sequence) {
        if (c == QLatin1Char('\\'))
            out.append(QStringLiteral("\\\\"));
        else if (c == QLatin1Char('\n'))
            out.append(QStringLiteral("\\n"));
        else if (c == QLatin1Char('\t'))
            out.append(QStringLiteral("\\t"));
        else if (c == QLatin1Char('\r'))
            out.append(QStringLiteral("\\r"));
        else
            out.append(c);
    }
    return out;
}

void StopListEditor::addTyped()
{
    const QString sequence = unescape(m_input->text());
    if (sequence.isEmpty() || m_sequences.size() >= kMaxSequences)
        return;
    m_input->clear();
    if (m_sequences.contains(sequence))
        return;
    m_sequences.append(sequence);
    showSequences();
    emit sequencesEdited();
}

void StopListEditor::removeSelected()
{
    QStringList kept;
    for (int row = 0; row < m_list->count(); ++row) {
        if (!m_list->item(row)->isSelected())
            kept.append(m_sequences.value(row));
    }
    if (kept.size() == m_sequences.size())
        return;
    m_sequences = kept;
    showSequences();
    emit sequencesEdited();
}

void StopListEditor::showSequences()
{
    m_list->clear();
    for (const QString &sequence : std::as_const(m_sequences)) {
        auto *item = new QListWidgetItem(escape(sequence), m_list);
        item->setToolTip(tr("Stops at: %1").arg(escape(sequence)));
    }
    // Only as tall as its rows (up to four), and not there at all when empty.
    const int rows = int(std::min<qsizetype>(m_sequences.size(), 4));
    const int rowHeight = m_list->fontMetrics().height() + 4;
    m_list->setFixedHeight(rows * rowHeight + 2 * m_list->frameWidth() + 2);
    m_list->setVisible(!m_sequences.isEmpty());
    m_remove->setVisible(!m_sequences.isEmpty());
    m_remove->setEnabled(false);
    m_add->setEnabled(!m_input->text().isEmpty() && m_sequences.size() < kMaxSequences);
}

} // namespace md
