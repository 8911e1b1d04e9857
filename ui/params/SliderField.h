#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QSlider;
class QToolButton;

namespace md {

class UnsetSpinBox;

// One numeric parameter as a titled row: a field that shows the value (or "default 0.3" while
// unset), a button that goes back to unset, and a slider beneath. Unset means "not sent", so the
// API's default applies; the slider then rests on that default when it is known.
class SliderField : public QWidget {
    Q_OBJECT
public:
    enum class Scale { Linear, Logarithmic };

    SliderField(const QString &title, double minimum, double maximum, int decimals, QWidget *parent = nullptr,
                Scale scale = Scale::Linear);

    void setValue(std::optional<double> value);
    std::optional<double> value() const { return m_value; }
    // What the API uses when the value is unset: shown as "default X" and where the slider rests.
    void setDefaultValue(std::optional<double> value);
    // Shown while unset when no default is known ("default", "no limit").
    void setUnsetText(const QString &text);
    void setMaximum(double maximum);
    void setHelp(const QString &tooltip);

    QString displayedText() const; // what the field shows, e.g. "0.55" or "default 0.3"
    QSlider *slider() const { return m_slider; }
    UnsetSpinBox *field() const { return m_field; }

signals:
    void valueEdited(); // by the user, not by setValue

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateSliderLook();
    void showState();
    void takeFromSlider(int position);
    void takeFromField(double value);
    int positionFor(double value) const;
    double valueAt(int position) const;

    QLabel *m_title = nullptr;
    UnsetSpinBox *m_field = nullptr;
    QToolButton *m_clear = nullptr;
    QSlider *m_slider = nullptr;
    double m_minimum;
    double m_maximum;
    int m_decimals;
    Scale m_scale;
    std::optional<double> m_value;
    std::optional<double> m_default;
    QString m_unsetText;
    bool m_syncing = false;
};

} // namespace md
