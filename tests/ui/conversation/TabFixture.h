#pragma once

#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "conversation/TabServices.h"
#include "integration/ClientFixture.h"
#include "params/PresetStore.h"
#include "support/FakeMistral.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

// What a conversation tab needs in a widget test: a client on its own FakeMistral (ClientFixture),
// a model catalog, the list prices and a preset store.
struct TabFixture : ClientFixture {
    md::ModelCatalog catalog;
    md::PriceTable prices = md::PriceTable::defaults();
    std::unique_ptr<md::PresetStore> presets;

    // Once QStandardPaths' test mode and the application name are set: the presets live in settings.
    bool start()
    {
        presets = std::make_unique<md::PresetStore>();
        return ClientFixture::start();
    }

    // The fake's model cards as the catalog, as if /v1/models had answered.
    bool loadModelCards()
    {
        return catalog.loadJson({{QStringLiteral("object"), QStringLiteral("list")},
                                 {QStringLiteral("data"), md::test::FakeMistral::modelCards()}});
    }

    md::TabServices services() { return {client.get(), &catalog, &prices, presets.get()}; }
};
