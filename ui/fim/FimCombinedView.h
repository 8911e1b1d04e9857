#pragma once

#include "chat/CodeHighlighter.h"

#include <QPlainTextEdit>
#include <QTimer>

namespace md {

// The completion in place: prefix, the streamed middle, then the suffix, read-only and highlighted
// as code, with the middle on a tinted background so it stands out while it grows. Deltas are
// buffered and inserted at most ~30 times a second, so a fast stream costs one layout per frame.
class FimCombinedView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit FimCombinedView(QWidget *parent = nullptr);

    void setLanguage(CodeHighlighter::Language language);
    // Starts afresh: prefix and suffix with an empty middle between them.
    void reset(const QString &prefix, const QString &suffix);
    void appendMiddle(const QString &text); // shown on the next flush
    void flush();                           // inserts what is buffered now
    QString middle() const;                 // including what is still buffered
    QString prefix() const { return m_prefix; }
    QString suffix() const { return m_suffix; }
    int middleStart() const { return int(m_prefix.size()); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHighlight();
    void applyTheme();

    CodeHighlighter *m_highlighter = nullptr;
    QString m_prefix;
    QString m_suffix;
    QString m_shownMiddle;
    QString m_pending;
    QTimer m_flushTimer;
};

} // namespace md
