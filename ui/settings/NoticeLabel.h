#pragma once

#include <QLabel>

namespace md {

// A word-wrapped label for errors and warnings whose colour follows the palette: a red that reads
// on a light window is too dark on a dark one, and the theme can change while the label is shown.
class NoticeLabel : public QLabel {
    Q_OBJECT
public:
    enum class Kind { Error, Info, Hint }; // Hint: quiet secondary text, readable in both themes
    explicit NoticeLabel(Kind kind, QWidget *parent = nullptr);

    // Sets the text and shows the label, or hides it for an empty text.
    void showText(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    Kind m_kind;
    bool m_restyling = false;
};

} // namespace md
