#pragma once

#include "common/FirstPaint.h"

#include <QVBoxLayout>
#include <QWidget>

#include <functional>

namespace md {

// A page of the main window that is built the first time it is shown (or asked for), so that
// starting the app costs only what the first screen needs (bench/startup).
class LazyPage : public QWidget {
public:
    using Factory = std::function<QWidget *(QWidget *parent)>;

    LazyPage(Factory factory, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_factory(std::move(factory))
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
    }

    // Builds the page just after its first paint instead of before: for a part of the first screen
    // that may appear a moment after the window does.
    void buildAfterFirstPaint()
    {
        m_buildOnShow = false;
        afterFirstPaint(this, [this] { page(); });
    }

    QWidget *page()
    {
        if (!m_page && m_factory) {
            m_page = std::exchange(m_factory, nullptr)(this);
            layout()->addWidget(m_page);
        }
        return m_page;
    }
    bool isBuilt() const { return m_page != nullptr; }

protected:
    void showEvent(QShowEvent *event) override
    {
        if (m_buildOnShow)
            page();
        QWidget::showEvent(event);
    }

private:
    Factory m_factory;
    QWidget *m_page = nullptr;
    bool m_buildOnShow = true;
};

} // namespace md
