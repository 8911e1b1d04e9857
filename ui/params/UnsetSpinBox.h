#pragma once

#include <QDoubleSpinBox>

#include <functional>

namespace md {

// A number field that can also show "not set" as words ("default 0.3", "no limit") in muted
// italics. Stepping or typing from that state starts from the value it rests on and sets it.
class UnsetSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit UnsetSpinBox(QWidget *parent = nullptr);

    void showUnset(const QString &text, double restValue);
    void showValue(double value);
    bool isUnset() const { return m_unset; }

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;
    void stepBy(int steps) override;

signals:
    void valueEdited(double value); // typed or stepped by the user

protected:
    void changeEvent(QEvent *event) override;

private:
    void markSet();
    void updateLook();

    bool m_unset = true;
    bool m_programmatic = false;
    QString m_unsetText;
};

} // namespace md
