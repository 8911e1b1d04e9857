#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QToolButton;

namespace md {

// Stop sequences as a short list. Typed "\n" and "\t" mean a line break and a tab (the usual stop
// sequences), and the list shows them the same way, so invisible characters stay visible.
class StopListEditor : public QWidget {
    Q_OBJECT
public:
    explicit StopListEditor(QWidget *parent = nullptr);

    void setSequences(const QStringList &sequences);
    QStringList sequences() const { return m_sequences; }

    // "\n" -> line break, "\t" -> tab, "\\" -> backslash; and back.
    static QString unescape(const QString &typed);
    static QString escape(const QString &sequence);

    QLineEdit *input() const { return m_input; }
    QListWidget *list() const { return m_list; }

signals:
    void sequencesEdited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addTyped();
    void removeSelected();
    void showSequences();

    QLineEdit *m_input = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QListWidget *m_list = nullptr;
    QStringList m_sequences;
};

} // namespace md
