#include "params/ModelPicker.h"

#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "common/ElidedLabel.h"
#include "common/StatusColors.h"
#include "params/ModelListModel.h"
#include "params/ModelPickerPopup.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace md {

namespace {
const QLatin1String kSwitchLink("switch");
}

ModelPicker::ModelPicker(QWidget *parent)
    : QWidget(parent)
    , m_popup(new ModelPickerPopup(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_button = new QPushButton(this);
    m_button->setAccessibleName(tr("Model"));
    m_button->setToolTip(tr("Chooses the model this conversation talks to (Ctrl+K)."));
    layout->addWidget(m_button);
    m_summary = new ElidedLabel(this); // ends in "…" rather than widening a narrow compare column
    m_summary->setAccessibleName(tr("Model details"));
    layout->addWidget(m_summary);
    m_warning = new QLabel(this);
    m_warning->setAccessibleName(tr("Model deprecation"));
    m_warning->setTextFormat(Qt::RichText);
    m_warning->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    layout->addWidget(m_warning, 1);

    connect(m_button, &QPushButton::clicked, this, &ModelPicker::openPicker);
    connect(m_popup, &ModelPickerPopup::modelChosen, this, &ModelPicker::choose);
    connect(m_warning, &QLabel::linkActivated, this, [this](const QString &link) {
        const ModelInfo *info = m_catalog ? m_catalog->find(m_current) : nullptr;
        if (link == kSwitchLink && info && !info->deprecationReplacement.isEmpty())
            choose(info->deprecationReplacement);
    });
    // Ctrl+K belongs to the window's Chat menu, which opens the current tab's picker: a shortcut
    // here would be ambiguous as soon as two pickers are visible (compare columns).
    showCurrent();
}

void ModelPicker::setCatalog(const ModelCatalog *catalog)
{
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    if (catalog)
        connect(catalog, &ModelCatalog::updated, this, &ModelPicker::reload);
    reload();
}

void ModelPicker::setPriceTable(const PriceTable *prices)
{
    m_prices = prices;
    reload();
}

void ModelPicker::setCurrentModel(const QString &id)
{
    m_current = id.trimmed();
    showCurrent();
}

void ModelPicker::openPicker()
{
    m_popup->open(m_button, m_current);
}

QString ModelPicker::deprecationWarning() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

void ModelPicker::choose(const QString &id)
{
    const QString chosen = id.trimmed();
    if (chosen.isEmpty() || chosen == m_current)
        return;
    m_current = chosen;
    showCurrent();
    emit modelChanged(chosen);
}

void ModelPicker::reload()
{
    m_popup->setCatalog(m_catalog, m_prices);
    showCurrent();
}

void ModelPicker::showCurrent()
{
    m_button->setText(m_current.isEmpty() ? tr("Choose a model") : m_current + QStringLiteral("  ▾"));
    const ModelInfo *info = m_catalog ? m_catalog->find(m_current) : nullptr;
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText, colors::mutedText(palette()));
    m_summary->setPalette(muted);
    if (info) {
        QStringList parts;
        const QString context = ModelListModel::contextText(info->maxContextLength);
        if (!context.isEmpty())
            parts << tr("%1 context").arg(context);
        parts << ModelListModel::priceText(m_prices ? m_prices->price(m_current, m_catalog) : std::nullopt);
        m_summary->setText(parts.join(QStringLiteral(" · ")));
        m_summary->setToolTip(tr("Can do: %1").arg(info->capabilityLabels().join(QStringLiteral(", "))));
    } else {
        // With a list at hand, an id it does not hold is worth a word; offline it says nothing.
        const bool unknown = m_catalog && !m_catalog->isEmpty() && !m_current.isEmpty();
        m_summary->setText(unknown ? tr("not in the model list") : QString());
        m_summary->setToolTip(unknown ? tr("Sent as typed; the server decides whether it exists.") : QString());
    }
    m_summary->setVisible(!m_summary->text().isEmpty());

    if (info && info->isDeprecated()) {
        const QString color = colors::warningText(palette()).name();
        // Short beside the button; the full sentence is in the tooltip and in the list.
        const QString date = info->deprecation.toString(Qt::ISODate);
        QString text = QStringLiteral("<span style=\"color:%1\">⚠ %2</span>")
                           .arg(color, tr("Deprecated (%1)").arg(date).toHtmlEscaped());
        if (!info->deprecationReplacement.isEmpty())
            text += QStringLiteral(" <a href=\"%1\">%2</a>")
                        .arg(kSwitchLink, tr("Switch to %1").arg(info->deprecationReplacement).toHtmlEscaped());
        m_warning->setText(text);
        m_warning->setToolTip(ModelListModel::deprecationText(*info) + QLatin1Char('\n')
                              + tr("Requests to a retired model fail."));
        m_warning->setVisible(true);
    } else {
        m_warning->clear();
        m_warning->setVisible(false);
    }
}

} // namespace md
