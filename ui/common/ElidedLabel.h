#pragma once

#include <QLabel>

namespace md {

// A one-line plain-text label that may be narrower than its text: it then ends in "…" instead of
// forcing its window wider. For the status bar, whose permanent labels would otherwise set the
// window's minimum width to the sum of their texts (over 1,500 px with a long model name).
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace md
