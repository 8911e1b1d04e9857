#include "FakeModelCatalog.h"

#include <QStringList>

namespace md::test {
namespace {

struct Caps {
    bool chat = true, tools = true, reasoning = false, fim = false, fineTuning = false, vision = false;
    bool ocr = false, classification = false, moderation = false, audio = false;
};

QJsonObject card(const char *id, qint64 created, const char *description, int context, QStringList aliases,
                 const Caps &caps, QJsonValue temperature, QJsonValue deprecation = QJsonValue::Null,
                 QJsonValue replacement = QJsonValue::Null)
{
    const QString name = QString::fromLatin1(id);
    return QJsonObject {
        {QStringLiteral("id"), name},
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), created},
        {QStringLiteral("owned_by"), QStringLiteral("mistralai")},
        {QStringLiteral("capabilities"),
         QJsonObject {{QStringLiteral("completion_chat"), caps.chat},
                      {QStringLiteral("function_calling"), caps.tools},
                      {QStringLiteral("reasoning"), caps.reasoning},
                      {QStringLiteral("completion_fim"), caps.fim},
                      {QStringLiteral("fine_tuning"), caps.fineTuning},
                      {QStringLiteral("vision"), caps.vision},
                      {QStringLiteral("ocr"), caps.ocr},
                      {QStringLiteral("classification"), caps.classification},
                      {QStringLiteral("moderation"), caps.moderation},
                      {QStringLiteral("audio"), caps.audio}}},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), QString::fromUtf8(description)},
        {QStringLiteral("max_context_length"), context},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(aliases)},
        {QStringLiteral("deprecation"), deprecation},
        {QStringLiteral("deprecation_replacement_model"), replacement},
        {QStringLiteral("default_model_temperature"), temperature},
        {QStringLiteral("type"), QStringLiteral("base")},
    };
}

QJsonArray buildModelCards()
{
    const auto L = [](const char *s) { return QString::fromLatin1(s); };
    Caps big;
    big.vision = true;
    Caps smallCaps = big;
    smallCaps.fineTuning = true;
    Caps plain;
    Caps code;
    code.fim = true;
    code.fineTuning = true;
    Caps reasoning;
    reasoning.reasoning = true;
    Caps vision;
    vision.vision = true;
    Caps embed;
    embed.chat = false;
    embed.tools = false;
    Caps moderation = embed;
    moderation.moderation = true;
    moderation.classification = true;
    return QJsonArray {
        card("mistral-large-2512", 1764979200, "Official mistral-large-2512 Mistral AI model", 262144,
             {L("mistral-large-latest")}, big, 0.7),
        card("mistral-medium-3-5", 1767225600, "Official mistral-medium-3-5 Mistral AI model", 262144,
             {L("mistral-medium-latest")}, big, 0.3),
        card("mistral-small-2603", 1772323200, "Official mistral-small-2603 Mistral AI model", 262144,
             {L("mistral-small-latest")}, smallCaps, 0.3),
        card("ministral-3b-latest", 1764979200, "Official ministral-3b Mistral AI model", 262144,
             {L("ministral-3b-2512")}, plain, 0.3),
        card("ministral-8b-latest", 1764979200, "Official ministral-8b Mistral AI model", 262144,
             {L("ministral-8b-2512")}, plain, 0.3),
        card("ministral-14b-latest", 1764979200, "Official ministral-14b Mistral AI model", 262144,
             {L("ministral-14b-2512")}, plain, 0.3),
        card("codestral-2508", 1754006400, "Official codestral-2508 Mistral AI model", 131072, {L("codestral-latest")},
             code, 0.3),
        card("devstral-latest", 1764979200, "Official devstral Mistral AI model", 262144, {L("devstral-2512")}, plain,
             0.2),
        card("magistral-medium-latest", 1758240000, "Official magistral-medium Mistral AI model", 131072,
             {L("magistral-medium-2509")}, reasoning, 0.7),
        card("magistral-small-latest", 1758240000, "Official magistral-small Mistral AI model", 131072,
             {L("magistral-small-2509")}, reasoning, 0.7),
        card("pixtral-large-latest", 1731542400, "Official pixtral-large Mistral AI model", 131072,
             {L("pixtral-large-2411")}, vision, 0.7),
        card("open-mistral-nemo", 1721174400, "Official open-mistral-nemo Mistral AI model", 131072,
             {L("open-mistral-nemo-2407")}, plain, 0.3, L("2026-03-31T12:00:00Z"), L("ministral-8b-latest")),
        card("mistral-embed", 1702252800, "Official mistral-embed Mistral AI model", 8192, {}, embed, QJsonValue::Null),
        card("codestral-embed", 1748476800, "Official codestral-embed Mistral AI model", 8192,
             {L("codestral-embed-2505")}, embed, QJsonValue::Null),
        card("mistral-moderation-latest", 1731024000, "Official mistral-moderation Mistral AI model", 8192,
             {L("mistral-moderation-2411")}, moderation, QJsonValue::Null),
    };
}

} // namespace

const QJsonArray &FakeModelCatalog::cards()
{
    static const QJsonArray all = buildModelCards();
    return all;
}

std::optional<QJsonObject> FakeModelCatalog::find(const QString &idOrAlias)
{
    for (const QJsonValue &v : cards()) {
        const QJsonObject c = v.toObject();
        if (c.value(QLatin1String("id")).toString() == idOrAlias)
            return c;
        for (const QJsonValue &a : c.value(QLatin1String("aliases")).toArray())
            if (a.toString() == idOrAlias)
                return c;
    }
    return std::nullopt;
}

} // namespace md::test
