#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QSpinBox;
class QToolButton;

namespace md {

// random_seed as one row: a switch, the seed ("off" when not sent) and a button for a fresh one.
// Typing a seed switches it on; stepping below 0 switches it off.
class SeedField : public QWidget {
    Q_OBJECT
public:
    explicit SeedField(QWidget *parent = nullptr);

    void setSeed(std::optional<qint64> seed);
    std::optional<qint64> seed() const;

signals:
    void seedEdited(); // by the user

private:
    void showSeed(std::optional<qint64> seed);

    QCheckBox *m_on = nullptr;
    QSpinBox *m_seed = nullptr;
    QToolButton *m_new = nullptr;
    bool m_loading = false;
};

} // namespace md
