#include "catalog/ModelInfo.h"

#include "api/JsonFields.h"

namespace md {

namespace {
const QLatin1String kCapabilities("capabilities");
}

QStringList ModelInfo::capabilityLabels() const
{
    QStringList labels;
    const ModelCapabilities &c = capabilities;
    if (c.chat)
        labels << QStringLiteral("chat");
    if (c.functionCalling)
        labels << QStringLiteral("tools");
    if (c.vision)
        labels << QStringLiteral("vision");
    if (c.fim)
        labels << QStringLiteral("FIM");
    if (c.reasoning)
        labels << QStringLiteral("reasoning");
    if (c.ocr)
        labels << QStringLiteral("OCR");
    if (c.audio)
        labels << QStringLiteral("audio");
    if (c.moderation)
        labels << QStringLiteral("moderation");
    if (c.classification)
        labels << QStringLiteral("classification");
    if (c.embeddings)
        labels << QStringLiteral("embeddings");
    return labels;
}

ModelInfo ModelInfo::fromJson(const QJsonObject &card)
{
    ModelInfo m;
    m.id = card.value(QLatin1String("id")).toString();
    m.name = card.value(QLatin1String("name")).toString();
    m.description = card.value(QLatin1String("description")).toString();
    m.ownedBy = card.value(QLatin1String("owned_by")).toString();
    m.type = card.value(QLatin1String("type")).toString();
    m.created = card.value(QLatin1String("created")).toInteger();
    m.maxContextLength = card.value(QLatin1String("max_context_length")).toInteger();
    m.aliases = json::toStringList(card.value(QLatin1String("aliases")));
    const QString deprecation = card.value(QLatin1String("deprecation")).toString();
    if (!deprecation.isEmpty())
        m.deprecation = QDate::fromString(deprecation.left(10), Qt::ISODate);
    m.deprecationReplacement = card.value(QLatin1String("deprecation_replacement_model")).toString();
    const QJsonValue temperature = card.value(QLatin1String("default_model_temperature"));
    if (temperature.isDouble())
        m.defaultTemperature = temperature.toDouble();
    const QJsonObject c = card.value(kCapabilities).toObject();
    auto flag = [&c](const char *key) { return c.value(QLatin1String(key)).toBool(); };
    m.capabilities.chat = flag("completion_chat");
    m.capabilities.functionCalling = flag("function_calling");
    m.capabilities.reasoning = flag("reasoning");
    m.capabilities.fim = flag("completion_fim");
    m.capabilities.fineTuning = flag("fine_tuning");
    m.capabilities.vision = flag("vision");
    m.capabilities.ocr = flag("ocr");
    m.capabilities.classification = flag("classification");
    m.capabilities.moderation = flag("moderation");
    m.capabilities.audio = flag("audio");
    m.capabilities.embeddings = m.id.contains(QLatin1String("embed"));
    return m;
}

QJsonObject ModelInfo::toJson() const
{
    QJsonObject card {{QLatin1String("id"), id},
                      {QLatin1String("object"), QLatin1String("model")},
                      {QLatin1String("created"), created},
                      {QLatin1String("owned_by"), ownedBy},
                      {QLatin1String("type"), type},
                      {QLatin1String("name"), name},
                      {QLatin1String("description"), description},
                      {QLatin1String("max_context_length"), maxContextLength},
                      {QLatin1String("aliases"), json::toArray(aliases)},
                      {QLatin1String("deprecation"),
                       deprecation.isValid() ? QJsonValue(deprecation.toString(Qt::ISODate)) : QJsonValue()},
                      {QLatin1String("deprecation_replacement_model"),
                       deprecationReplacement.isEmpty() ? QJsonValue() : QJsonValue(deprecationReplacement)}};
    if (defaultTemperature)
        card.insert(QLatin1String("default_model_temperature"), *defaultTemperature);
    const ModelCapabilities &c = capabilities;
    card.insert(kCapabilities,
                QJsonObject {{QLatin1String("completion_chat"), c.chat},
                             {QLatin1String("function_calling"), c.functionCalling},
                             {QLatin1String("reasoning"), c.reasoning},
                             {QLatin1String("completion_fim"), c.fim},
                             {QLatin1String("fine_tuning"), c.fineTuning},
                             {QLatin1String("vision"), c.vision},
                             {QLatin1String("ocr"), c.ocr},
                             {QLatin1String("classification"), c.classification},
                             {QLatin1String("moderation"), c.moderation},
                             {QLatin1String("audio"), c.audio}});
    return card;
}

} // namespace md
