#pragma once

#include "embeddings/EmbeddingInputFile.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace md {

// The texts to embed: typed or pasted one per line, or loaded from a .txt/.csv/.jsonl file (for a
// CSV, a column picker). Texts from a file are kept as the file holds them, line breaks included;
// the editor shows them one per line (breaks as spaces) until the user edits it, from when the
// editor's lines are the texts. A bad file leaves everything as it was and says what is wrong.
class EmbeddingsInputPanel : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingsInputPanel(QWidget *parent = nullptr);

    QStringList texts() const;
    void setTexts(const QStringList &texts); // as if typed
    bool loadFile(const QString &path);      // false: the error is shown and returned by lastError()
    QString lastError() const { return m_error; }
    QString sourceDescription() const; // "typed", "from notes.csv, column body"

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *columnPicker() const { return m_column; }
    QPushButton *loadButton() const { return m_load; }
    QLabel *errorLabel() const { return m_errorLabel; }

signals:
    void textsChanged();

private:
    void chooseFile();
    void showFileTexts();
    void showError(const QString &message);

    QPlainTextEdit *m_editor = nullptr;
    QPushButton *m_load = nullptr;
    QLabel *m_columnLabel = nullptr;
    QComboBox *m_column = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_errorLabel = nullptr;
    EmbeddingInputFile m_file;
    QString m_fileName;
    QStringList m_fileTexts; // the texts while the editor still shows the file unchanged
    bool m_fromFile = false;
    bool m_filling = false;
    QString m_error;
};

} // namespace md
