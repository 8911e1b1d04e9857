#include "embeddings/EmbeddingsInputPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace md {

namespace {
QStringList editorLines(const QString &text)
{
    QStringList out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            out.append(line);
    }
    return out;
}
} // namespace

EmbeddingsInputPanel::EmbeddingsInputPanel(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_load(new QPushButton(tr("Load file…"), this))
    , m_columnLabel(new QLabel(tr("Column"), this))
    , m_column(new QComboBox(this))
    , m_source(new QLabel(this))
    , m_errorLabel(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_editor->setPlaceholderText(tr("One text per line, or load a .txt, .csv or .jsonl file"));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setAccessibleName(tr("Texts to embed, one per line"));
    layout->addWidget(m_editor, 1);

    auto *row = new QHBoxLayout;
    m_load->setAccessibleName(tr("Load texts from a file"));
    m_load->setToolTip(tr(".txt: one text per line · .csv: a header row, then pick the column · .jsonl: the "
                          "\"text\" field of each line, else its first string field"));
    m_column->setAccessibleName(tr("CSV column to embed"));
    m_column->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_load);
    row->addWidget(m_columnLabel);
    row->addWidget(m_column);
    row->addWidget(m_source, 1);
    layout->addLayout(row);
    m_columnLabel->hide();
    m_column->hide();
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_source->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #d9534f;"));
    m_errorLabel->setAccessibleName(tr("File error"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    connect(m_load, &QPushButton::clicked, this, &EmbeddingsInputPanel::chooseFile);
    connect(m_column, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_filling && index >= 0 && m_file.format() == EmbeddingInputFile::Format::Csv)
            showFileTexts();
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_filling)
            return;
        if (m_fromFile) {
            // Edited by hand: from now on the editor's lines are the texts.
            m_fromFile = false;
            m_fileTexts.clear();
            m_source->setText(tr("edited"));
        }
        emit textsChanged();
    });
}

QStringList EmbeddingsInputPanel::texts() const
{
    return m_fromFile ? m_fileTexts : editorLines(m_editor->toPlainText());
}

void EmbeddingsInputPanel::setTexts(const QStringList &texts)
{
    m_fromFile = false;
    m_fileTexts.clear();
    m_columnLabel->hide();
    m_column->hide();
    m_source->clear();
    m_errorLabel->hide();
    m_editor->setPlainText(texts.join(QLatin1Char('\n')));
}

QString EmbeddingsInputPanel::sourceDescription() const
{
    if (!m_fromFile)
        return tr("typed");
    if (m_file.format() == EmbeddingInputFile::Format::Csv)
        return tr("from %1, column %2").arg(m_fileName, m_column->currentText());
    return tr("from %1").arg(m_fileName);
}

void EmbeddingsInputPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load texts to embed"), {},
                                                      tr("Texts (*.txt *.csv *.jsonl *.ndjson);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool EmbeddingsInputPanel::loadFile(const QString &path)
{
    EmbeddingInputFile file;
    QString error;
    if (!file.load(path, &error)) {
        showError(tr("Could not load %1: %2 Your texts are unchanged.").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    m_error.clear();
    m_errorLabel->hide();
    m_file = std::move(file);
    m_fileName = QFileInfo(path).fileName();
    m_filling = true;
    m_column->clear();
    const bool csv = m_file.format() == EmbeddingInputFile::Format::Csv;
    if (csv) {
        m_column->addItems(m_file.columns());
        m_column->setCurrentIndex(m_file.defaultColumn());
    }
    m_filling = false;
    m_columnLabel->setVisible(csv);
    m_column->setVisible(csv);
    showFileTexts();
    return true;
}

void EmbeddingsInputPanel::showFileTexts()
{
    m_fileTexts = m_file.texts(m_file.format() == EmbeddingInputFile::Format::Csv ? m_column->currentIndex() : -1);
    QStringList shown;
    shown.reserve(m_fileTexts.size());
    for (const QString &text : std::as_const(m_fileTexts)) {
        QString line = text;
        line.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
        shown.append(line);
    }
    m_filling = true;
    m_editor->setPlainText(shown.join(QLatin1Char('\n')));
    m_filling = false;
    m_fromFile = true;
    const QString skipped
        = m_file.skippedEmpty() > 0 ? tr(" (empty skipped: %1)").arg(m_file.skippedEmpty()) : QString();
    m_source->setText(tr("%1: %Ln text(s)%2", nullptr, int(m_fileTexts.size())).arg(m_fileName, skipped));
    if (m_fileTexts.isEmpty())
        showError(tr("Column “%1” holds no text.").arg(m_column->currentText()));
    emit textsChanged();
}

void EmbeddingsInputPanel::showError(const QString &message)
{
    m_error = message;
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

} // namespace md
