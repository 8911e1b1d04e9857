#pragma once

namespace md {

class MistralClient;
class ModelCatalog;
class PresetStore;
class PriceTable;

// What every conversation tab (and the compare page) shares; owned by the main window.
struct TabServices {
    MistralClient *client = nullptr;
    ModelCatalog *catalog = nullptr;
    const PriceTable *prices = nullptr; // the user's table from Settings; may change between calls
    PresetStore *presets = nullptr;
};

} // namespace md
