#pragma once

#include "api/ChatRequest.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QPlainTextEdit;
class QTabWidget;

namespace md {

// "View code": the current request as curl, Python and TypeScript (RequestCode), each in a
// monospace read-only box with its own Copy button. A Streaming box switches between the
// complete and stream variants. None of them holds the key.
class ViewCodeDialog : public QDialog {
    Q_OBJECT
public:
    ViewCodeDialog(const ChatRequest &request, const QUrl &baseUrl, bool stream, QWidget *parent = nullptr);

    // The text of a tab: 0 curl, 1 Python, 2 TypeScript.
    QString snippet(int tab) const;
    QTabWidget *tabs() const { return m_tabs; }
    QCheckBox *streamBox() const { return m_stream; }

private:
    QWidget *buildTab(const QString &name, QPlainTextEdit **edit);
    void refresh();

    ChatRequest m_request;
    QUrl m_baseUrl;
    QTabWidget *m_tabs = nullptr;
    QCheckBox *m_stream = nullptr;
    QPlainTextEdit *m_curl = nullptr;
    QPlainTextEdit *m_python = nullptr;
    QPlainTextEdit *m_typescript = nullptr;
};

} // namespace md
