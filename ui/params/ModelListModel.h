#pragma once

#include "catalog/ModelInfo.h"
#include "catalog/PriceTable.h"

#include <QAbstractListModel>

#include <optional>

namespace md {

class ModelCatalog;

// The rows of the model picker: one per model, where a card and the cards that share its ids and
// aliases collapse into one row (the API lists "mistral-large-latest" and "mistral-large-2512"
// as separate cards of one model), filtered by text and capabilities. While the filter text is a
// model id the list does not hold, a last row offers to use it as typed.
class ModelListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // QString: what choosing the row sets
        AliasesRole,               // QStringList: the row's other names
        BadgesRole,                // QStringList: capability labels
        ContextRole,               // QString: "128k", empty when unknown
        PriceRole,                 // QString: "$0.15 / $0.6 per M tokens" or "no price"
        DeprecationRole,           // QString: the warning, empty when not deprecated
        FreeTypedRole,             // bool: the "use this id" row
        CurrentRole,               // bool: the row of the current model
    };

    // The capabilities the chips filter by.
    enum Capability { Chat = 1, Tools = 2, Vision = 4, Fim = 8, Reasoning = 16 };

    explicit ModelListModel(QObject *parent = nullptr);

    void setCatalog(const ModelCatalog *catalog, const PriceTable *prices);
    void setCurrentModel(const QString &id);
    void setFilter(const QString &text, int capabilities);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    int catalogSize() const { return int(m_entries.size()); }
    // The row whose names hold `id`, or -1.
    int rowOf(const QString &id) const;

    static QString contextText(qint64 tokens); // 131072 -> "128k"
    static QString priceText(const std::optional<PriceTable::Price> &price);
    static QString deprecationText(const ModelInfo &info);
    static bool hasCapabilities(const ModelInfo &info, int capabilities);

private:
    struct Entry {
        QString primary;
        QStringList names; // primary first
        ModelInfo info;
        std::optional<PriceTable::Price> price;
    };
    struct Row {
        int entry = -1; // -1: the free-typed row
        QString id;
    };

    void rebuildRows();

    QList<Entry> m_entries;
    QList<Row> m_rows;
    QString m_text;
    int m_capabilities = 0;
    QString m_current;
};

} // namespace md
