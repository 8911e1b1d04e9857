#pragma once

#include <QGroupBox>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

namespace md {

// "Connect a client": a picker of ready-made setups (ProxySnippets), the chosen one in a monospace
// read-only box, and a Copy button.
class ProxySnippetView : public QGroupBox {
    Q_OBJECT
public:
    explicit ProxySnippetView(QWidget *parent = nullptr);

    void setEndpoint(const QString &host, quint16 port);
    QString currentText() const;

private:
    void refresh();

    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    QComboBox *m_picker = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace md
