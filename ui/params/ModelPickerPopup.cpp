#include "params/ModelPickerPopup.h"

#include "catalog/ModelCatalog.h"
#include "params/ModelCardDelegate.h"
#include "params/ModelListModel.h"
#include "common/StatusColors.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QToolButton>
#include <QVBoxLayout>

namespace md {

ModelPickerPopup::ModelPickerPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_model(new ModelListModel(this))
{
    setObjectName(QStringLiteral("modelPickerPopup"));
    setAccessibleName(tr("Choose a model"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 6);
    layout->setSpacing(6);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Search models, or type any model id"));
    m_filter->setAccessibleName(tr("Filter models"));
    m_filter->setToolTip(tr("Narrows the list by name; Up and Down move, Enter chooses, Esc closes."));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    layout->addWidget(m_filter);

    auto *chips = new QHBoxLayout;
    chips->setSpacing(4);
    auto *only = new QLabel(tr("Only:"), this);
    only->setToolTip(tr("Shows only models that can do everything switched on here."));
    chips->addWidget(only);
    const QList<std::pair<QString, int>> capabilities {{QStringLiteral("chat"), ModelListModel::Chat},
                                                       {QStringLiteral("tools"), ModelListModel::Tools},
                                                       {QStringLiteral("vision"), ModelListModel::Vision},
                                                       {QStringLiteral("FIM"), ModelListModel::Fim},
                                                       {QStringLiteral("reasoning"), ModelListModel::Reasoning}};
    for (const auto &[label, flag] : capabilities) {
        auto *chip = new QToolButton(this);
        chip->setText(label);
        chip->setCheckable(true);
        chip->setProperty("capability", flag);
        chip->setAccessibleName(tr("Only models with %1").arg(label));
        chip->setToolTip(tr("Lists only models with the “%1” capability.").arg(label));
        chip->setFocusPolicy(Qt::NoFocus); // keeps typing in the filter
        connect(chip, &QToolButton::toggled, this, &ModelPickerPopup::applyFilter);
        chips->addWidget(chip);
        m_chips.append(chip);
    }
    chips->addStretch();
    layout->addLayout(chips);

    m_list = new QListView(this);
    m_list->setAccessibleName(tr("Models"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ModelCardDelegate(m_list));
    m_list->setMouseTracking(true);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFocusPolicy(Qt::NoFocus); // the filter keeps the keyboard and steers the list
    m_list->installEventFilter(this);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        m_list->setCurrentIndex(index);
        chooseCurrent();
    });

    m_footer = new QLabel(this);
    m_footer->setWordWrap(true);
    layout->addWidget(m_footer);

    connect(m_filter, &QLineEdit::textChanged, this, &ModelPickerPopup::applyFilter);
    resize(460, 440);
}

void ModelPickerPopup::setCatalog(const ModelCatalog *catalog, const PriceTable *prices)
{
    m_catalog = catalog;
    const QString selected = m_list->currentIndex().data(ModelListModel::IdRole).toString();
    m_model->setCatalog(catalog, prices);
    const int row = m_model->rowOf(selected.isEmpty() ? m_current : selected);
    m_list->setCurrentIndex(m_model->index(std::max(0, row)));
    updateFooter();
}

void ModelPickerPopup::open(QWidget *anchor, const QString &currentModel)
{
    m_current = currentModel;
    m_model->setCurrentModel(currentModel);
    m_filter->clear();
    applyFilter();
    const int row = m_model->rowOf(currentModel);
    m_list->setCurrentIndex(m_model->index(std::max(0, row)));
    if (row >= 0)
        m_list->scrollTo(m_model->index(row), QAbstractItemView::PositionAtCenter);

    const int width = std::max(460, anchor ? anchor->width() : 0);
    QPoint at = anchor ? anchor->mapToGlobal(QPoint(0, anchor->height() + 2)) : QPoint(0, 0);
    QSize size(width, 440);
    if (const QScreen *screen = anchor ? anchor->screen() : QApplication::primaryScreen()) {
        const QRect room = screen->availableGeometry();
        size.setHeight(std::min(size.height(), room.height() - 20));
        if (at.y() + size.height() > room.bottom() && anchor) // no room below: open above
            at.setY(anchor->mapToGlobal(QPoint(0, 0)).y() - size.height() - 2);
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - size.width())));
        at.setY(std::clamp(at.y(), room.top(), std::max(room.top(), room.bottom() - size.height())));
    }
    setGeometry(QRect(at, size));
    show();
    raise();
    activateWindow();
    m_filter->setFocus(Qt::PopupFocusReason);
}

QToolButton *ModelPickerPopup::chip(const QString &label) const
{
    for (QToolButton *c : m_chips) {
        if (c->text() == label)
            return c;
    }
    return nullptr;
}

bool ModelPickerPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        if (watched == m_filter) {
            QKeyEvent forwarded(key->type(), key->key(), key->modifiers());
            QApplication::sendEvent(m_list, &forwarded);
            return true;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        chooseCurrent();
        return true;
    case Qt::Key_Escape:
        close();
        return true;
    default:
        break;
    }
    return QFrame::eventFilter(watched, event);
}

void ModelPickerPopup::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QFrame::keyPressEvent(event);
}

void ModelPickerPopup::applyFilter()
{
    int capabilities = 0;
    for (const QToolButton *c : std::as_const(m_chips)) {
        if (c->isChecked())
            capabilities |= c->property("capability").toInt();
    }
    m_model->setFilter(m_filter->text(), capabilities);
    // With words typed, the best guess is the first match; otherwise stay on the current model.
    const int row = m_filter->text().trimmed().isEmpty() ? m_model->rowOf(m_current) : -1;
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(std::max(0, row)));
    updateFooter();
}

void ModelPickerPopup::chooseCurrent()
{
    QString id = m_list->currentIndex().data(ModelListModel::IdRole).toString();
    if (id.isEmpty())
        id = m_filter->text().trimmed();
    if (id.isEmpty())
        return;
    close();
    emit modelChosen(id);
}

void ModelPickerPopup::updateFooter()
{
    QPalette palette = m_footer->palette();
    palette.setColor(QPalette::WindowText, colors::mutedText(this->palette()));
    m_footer->setPalette(palette);
    if (m_model->catalogSize() == 0) {
        m_footer->setText(tr("No model list yet (offline or no key): type a model id and press Enter."));
        return;
    }
    const int listed = m_model->rowCount()
        - (m_model->rowCount() > 0
           && m_model->index(m_model->rowCount() - 1).data(ModelListModel::FreeTypedRole).toBool());
    QString text = tr("%1 of %2 models shown").arg(listed).arg(m_model->catalogSize());
    if (m_catalog && m_catalog->fetchedAt().isValid())
        text += tr(" · list of %1")
                    .arg(m_catalog->fetchedAt().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    m_footer->setText(text);
}

} // namespace md
