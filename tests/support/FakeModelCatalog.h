#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace md::test {

// The models FakeMistral knows, as the cards GET /v1/models lists (with the real field names).
// Completions and embeddings accept their ids and aliases; any other model is invalid_model.
class FakeModelCatalog {
public:
    FakeModelCatalog() = delete;

    static const QJsonArray &cards();
    // The card whose id or one of whose aliases is `idOrAlias`.
    static std::optional<QJsonObject> find(const QString &idOrAlias);
};

} // namespace md::test
