#include "params/JsonSchemaEditor.h"
#include "params/ParameterPanel.h"
#include "params/PresetBar.h"
#include "params/PresetStore.h"
#include "params/SliderField.h"
#include "params/StopListEditor.h"
#include "params/UnsetSpinBox.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace md;

namespace {

ModelInfo model(const QString &id, std::optional<double> temperature, bool reasoning, qint64 context = 131072)
{
    ModelInfo info;
    info.id = id;
    info.defaultTemperature = temperature;
    info.capabilities.chat = true;
    info.capabilities.reasoning = reasoning;
    info.maxContextLength = context;
    return info;
}

SliderField *field(const ParameterPanel &panel, const QString &title)
{
    for (SliderField *f : panel.findChildren<SliderField *>()) {
        if (f->field()->accessibleName() == title)
            return f;
    }
    return nullptr;
}

template<typename T> T *named(const QWidget &parent, const QString &accessibleName)
{
    for (T *w : parent.findChildren<T *>()) {
        if (w->accessibleName() == accessibleName)
            return w;
    }
    return nullptr;
}

} // namespace

class tst_ParameterPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ParameterPanel"));
    }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    void temperatureShowsTheModelDefaultUntilMoved()
    {
        ParameterPanel panel;
        const ModelInfo small = model(QStringLiteral("mistral-small-latest"), 0.3, false);
        panel.setModelInfo(&small);
        panel.show();
        SliderField *temperature = field(panel, QStringLiteral("Temperature"));
        QVERIFY(temperature);
        QCOMPARE(temperature->displayedText(), QStringLiteral("default 0.3"));
        QVERIFY(temperature->field()->isUnset());
        QCOMPARE(temperature->slider()->value(), 30); // rests on the default
        QVERIFY(!panel.parameters().temperature);

        QSignalSpy changed(&panel, &ParameterPanel::parametersChanged);
        temperature->slider()->setFocus();
        QTest::keyClick(temperature->slider(), Qt::Key_Right);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(panel.parameters().temperature, std::optional<double>(0.31));
        QCOMPARE(temperature->displayedText(), QStringLiteral("0.31"));
        QVERIFY(!temperature->field()->isUnset());

        // A model with another default changes the text only while unset.
        const ModelInfo large = model(QStringLiteral("mistral-large-latest"), 0.7, false);
        panel.setModelInfo(&large);
        QCOMPARE(panel.parameters().temperature, std::optional<double>(0.31));

        // The clear button goes back to unset, and shows the new model's default.
        QToolButton *clear = named<QToolButton>(panel, QStringLiteral("Use the default for Temperature"));
        QVERIFY(clear && clear->isVisible());
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(!panel.parameters().temperature);
        QCOMPARE(temperature->displayedText(), QStringLiteral("default 0.7"));
        QCOMPARE(temperature->slider()->value(), 70);
        QVERIFY(!clear->isVisible());

        panel.setModelInfo(nullptr); // unknown model: no number to promise
        QCOMPARE(temperature->displayedText(), QStringLiteral("default"));
    }

    void typingAndSteppingTheField()
    {
        ParameterPanel panel;
        panel.show();
        SliderField *topP = field(panel, QStringLiteral("Top P"));
        QCOMPARE(topP->displayedText(), QStringLiteral("default 1"));
        topP->field()->setFocus();
        topP->field()->selectAll();
        QTest::keyClicks(topP->field(), QStringLiteral("0.8"));
        QTest::keyClick(topP->field(), Qt::Key_Return);
        QCOMPARE(panel.parameters().topP, std::optional<double>(0.8));
        QCOMPARE(topP->slider()->value(), 80);

        SliderField *presence = field(panel, QStringLiteral("Presence penalty"));
        QCOMPARE(presence->displayedText(), QStringLiteral("default 0"));
        presence->field()->setFocus();
        QTest::keyClick(presence->field(), Qt::Key_Up); // steps from the default it rests on
        QCOMPARE(panel.parameters().presencePenalty, std::optional<double>(0.05));
    }

    void maxTokensRangeFollowsTheModel()
    {
        ParameterPanel panel;
        const ModelInfo info = model(QStringLiteral("codestral-latest"), 0.3, false, 8192);
        panel.setModelInfo(&info);
        SliderField *maxTokens = field(panel, QStringLiteral("Max tokens"));
        QCOMPARE(maxTokens->displayedText(), QStringLiteral("no limit"));
        QCOMPARE(maxTokens->slider()->value(), maxTokens->slider()->maximum()); // "no limit" rests at the top
        maxTokens->slider()->setValue(maxTokens->slider()->maximum() / 2);      // logarithmic: about sqrt(8192)
        const qint64 middle = *panel.parameters().maxTokens;
        QVERIFY2(middle > 60 && middle < 130, QByteArray::number(middle).constData());
        QCOMPARE(maxTokens->displayedText(), QString::number(middle));
        maxTokens->slider()->setValue(maxTokens->slider()->maximum());
        QCOMPARE(panel.parameters().maxTokens, std::optional<qint64>(8192)); // never past the context
    }

    void seedToggle()
    {
        ParameterPanel panel;
        QCheckBox *seedOn = named<QCheckBox>(panel, QStringLiteral("Fixed random seed"));
        QSpinBox *seed = named<QSpinBox>(panel, QStringLiteral("Random seed"));
        QVERIFY(seedOn && seed);
        QVERIFY(!seedOn->isChecked());
        QCOMPARE(seed->text(), QStringLiteral("off"));
        QVERIFY(!panel.parameters().randomSeed);

        seedOn->click();
        QVERIFY(panel.parameters().randomSeed.has_value());
        QCOMPARE(qint64(seed->value()), *panel.parameters().randomSeed);

        seed->setValue(42); // typing a seed is a fixed seed
        QCOMPARE(panel.parameters().randomSeed, std::optional<qint64>(42));
        seedOn->click();
        QVERIFY(!panel.parameters().randomSeed);
        seed->setValue(7);
        QVERIFY(seedOn->isChecked());
        QCOMPARE(panel.parameters().randomSeed, std::optional<qint64>(7));
    }

    void stopList()
    {
        ParameterPanel panel;
        panel.show();
        StopListEditor *stop = panel.findChild<StopListEditor *>();
        QVERIFY(stop);
        QVERIFY(!stop->list()->isVisible());
        QTest::keyClicks(stop->input(), QStringLiteral("\\n\\n"));
        QTest::keyClick(stop->input(), Qt::Key_Return);
        QTest::keyClicks(stop->input(), QStringLiteral("END"));
        QTest::keyClick(stop->input(), Qt::Key_Return);
        QTest::keyClicks(stop->input(), QStringLiteral("END")); // no duplicates
        QTest::keyClick(stop->input(), Qt::Key_Return);
        QCOMPARE(panel.parameters().stop, (QStringList {QStringLiteral("\n\n"), QStringLiteral("END")}));
        QVERIFY(stop->list()->isVisible());
        QCOMPARE(stop->list()->item(0)->text(), QStringLiteral("\\n\\n")); // shown escaped

        stop->list()->setFocus();
        stop->list()->setCurrentRow(0);
        QTest::keyClick(stop->list(), Qt::Key_Delete);
        QCOMPARE(panel.parameters().stop, QStringList {QStringLiteral("END")});

        ChatParameters p;
        p.stop = {QStringLiteral("a\tb")};
        panel.setParameters(p);
        QCOMPARE(stop->list()->item(0)->text(), QStringLiteral("a\\tb"));
        QCOMPARE(StopListEditor::unescape(QStringLiteral("x\\\\n")), QStringLiteral("x\\n"));
    }

    void invalidSchemaIsRejected()
    {
        ParameterPanel panel;
        panel.show();
        QComboBox *format = named<QComboBox>(panel, QStringLiteral("Response format"));
        JsonSchemaEditor *editor = panel.findChild<JsonSchemaEditor *>();
        QVERIFY(format && editor);
        QVERIFY(!editor->isVisible());

        format->setCurrentIndex(2); // JSON schema: starts from a valid example
        QVERIFY(editor->isVisible());
        QVERIFY(editor->isValid());
        QCOMPARE(panel.parameters().responseFormat.type, ResponseFormat::Type::JsonSchema);
        QCOMPARE(panel.parameters().responseFormat.schemaName, QStringLiteral("answer"));

        editor->schemaEdit()->setPlainText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {,}\n}"));
        QVERIFY(!editor->isValid());
        QVERIFY2(editor->problem().startsWith(QStringLiteral("Line 3, column ")), qPrintable(editor->problem()));
        QVERIFY(editor->statusLabel()->text().contains(QStringLiteral("Line 3")));
        QCOMPARE(panel.parameters().responseFormat.type, ResponseFormat::Type::Text); // not sent

        editor->schemaEdit()->setPlainText(QStringLiteral("[1, 2]"));
        QVERIFY(!editor->isValid());
        editor->schemaEdit()->setPlainText(QStringLiteral("{\"type\": \"string\"}"));
        QVERIFY(editor->problem().contains(QStringLiteral("object")));
        QCOMPARE(panel.parameters().responseFormat.type, ResponseFormat::Type::Text);

        editor->schemaEdit()->setPlainText(QStringLiteral("{\"type\": \"object\"}"));
        editor->nameEdit()->clear();
        QVERIFY(editor->problem().contains(QStringLiteral("name")));
        QTest::keyClicks(editor->nameEdit(), QStringLiteral("bad name!"));
        QVERIFY(!editor->isValid());
        editor->nameEdit()->setText(QStringLiteral("city_info"));
        QVERIFY(editor->isValid());
        const ResponseFormat sent = panel.parameters().responseFormat;
        QCOMPARE(sent.type, ResponseFormat::Type::JsonSchema);
        QCOMPARE(sent.schemaName, QStringLiteral("city_info"));
        QCOMPARE(sent.schema, (QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}}));

        format->setCurrentIndex(1);
        QCOMPARE(panel.parameters().responseFormat.type, ResponseFormat::Type::JsonObject);
        QVERIFY(!editor->isVisible());
    }

    void reasoningEffortOnlyForReasoningModels()
    {
        ParameterPanel panel;
        panel.show();
        QComboBox *effort = named<QComboBox>(panel, QStringLiteral("Reasoning effort"));
        QVERIFY(effort);
        const ModelInfo plain = model(QStringLiteral("mistral-small-latest"), 0.3, false);
        panel.setModelInfo(&plain);
        QVERIFY(!effort->isVisible());

        const ModelInfo magistral = model(QStringLiteral("magistral-medium-latest"), 0.7, true);
        panel.setModelInfo(&magistral);
        QVERIFY(effort->isVisible());
        QVERIFY(panel.parameters().reasoningEffort.isEmpty()); // "default": not sent
        effort->setCurrentIndex(effort->findData(QStringLiteral("high")));
        QCOMPARE(panel.parameters().reasoningEffort, QStringLiteral("high"));

        panel.setModelInfo(&plain); // hidden and not sent, but remembered for the way back
        QVERIFY(!effort->isVisible());
        QVERIFY(panel.parameters().reasoningEffort.isEmpty());
        panel.setModelInfo(&magistral);
        QCOMPARE(panel.parameters().reasoningEffort, QStringLiteral("high"));
        panel.setModelInfo(nullptr);
        QVERIFY(!effort->isVisible());
    }

    void setParametersRoundTripsWithoutSignals()
    {
        ParameterPanel panel;
        const ModelInfo magistral = model(QStringLiteral("magistral-medium-latest"), 0.7, true);
        panel.setModelInfo(&magistral);
        ChatParameters p;
        p.model = QStringLiteral("magistral-medium-latest");
        p.systemPrompt = QStringLiteral("Think step by step.");
        p.temperature = 0.45;
        p.topP = 0.95;
        p.maxTokens = 2000;
        p.randomSeed = 99;
        p.safePrompt = true;
        p.stop = {QStringLiteral("###")};
        p.presencePenalty = 0.5;
        p.frequencyPenalty = -1.0;
        p.responseFormat.type = ResponseFormat::Type::JsonSchema;
        p.responseFormat.schemaName = QStringLiteral("plan");
        p.responseFormat.schema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
        p.responseFormat.strict = true;
        p.reasoningEffort = QStringLiteral("low");
        QSignalSpy changed(&panel, &ParameterPanel::parametersChanged);
        panel.setParameters(p);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(panel.parameters(), p);
    }

    void wheelScrollsThePanelNotTheSliderUnderIt()
    {
        ParameterPanel panel;
        panel.resize(300, 300); // short enough to scroll
        panel.show();
        SliderField *temperature = field(panel, QStringLiteral("Temperature"));
        const int before = temperature->slider()->value();
        QWheelEvent wheel(QPointF(5, 5), temperature->slider()->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(temperature->slider(), &wheel);
        QCOMPARE(temperature->slider()->value(), before);
        QVERIFY(!panel.parameters().temperature);
        QScrollArea *scroll = panel.findChild<QScrollArea *>();
        QVERIFY(scroll->verticalScrollBar()->value() > 0);
    }

    void resetRestoresDefaults()
    {
        ParameterPanel panel;
        panel.show();
        ChatParameters p;
        p.model = QStringLiteral("ministral-8b-latest");
        p.systemPrompt = QStringLiteral("Keep me.");
        p.temperature = 1.2;
        p.maxTokens = 100;
        p.randomSeed = 5;
        p.safePrompt = true;
        p.stop = {QStringLiteral("x")};
        p.responseFormat.type = ResponseFormat::Type::JsonObject;
        panel.setParameters(p);
        QSignalSpy changed(&panel, &ParameterPanel::parametersChanged);
        QToolButton *reset = named<QToolButton>(panel, QStringLiteral("Reset parameters to defaults"));
        QVERIFY(reset);
        QTest::mouseClick(reset, Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        ChatParameters expected;
        expected.model = p.model;
        expected.systemPrompt = p.systemPrompt;
        QCOMPARE(panel.parameters(), expected);
        QCOMPARE(field(panel, QStringLiteral("Max tokens"))->displayedText(), QStringLiteral("no limit"));
    }

    void presetsSaveApplyDelete()
    {
        PresetStore store;
        ParameterPanel first;
        ParameterPanel second; // another tab with the same store
        first.setPresetStore(&store);
        second.setPresetStore(&store);

        ChatParameters p;
        p.model = QStringLiteral("codestral-latest");
        p.systemPrompt = QStringLiteral("Only code.");
        p.temperature = 0.1;
        p.stop = {QStringLiteral("```")};
        first.setParameters(p);
        first.savePreset(QStringLiteral("Coder"));
        QCOMPARE(store.names(), QStringList {QStringLiteral("Coder")});

        QComboBox *combo = second.findChild<PresetBar *>()->combo();
        QCOMPARE(combo->count(), 1); // the other tab sees it at once
        ChatParameters mine;
        mine.model = QStringLiteral("mistral-large-latest");
        second.setParameters(mine);
        QSignalSpy changed(&second, &ParameterPanel::parametersChanged);
        combo->setCurrentIndex(0);
        emit combo->activated(0); // what choosing it with mouse or keyboard does
        QCOMPARE(changed.size(), 1);
        ChatParameters expected = p;
        expected.model = QStringLiteral("mistral-large-latest"); // applying keeps the tab's model
        QCOMPARE(second.parameters(), expected);
        QCOMPARE(second.findChild<PresetBar *>()->shownPreset(), QStringLiteral("Coder"));

        // An edit after applying means the preset no longer describes the panel.
        field(second, QStringLiteral("Temperature"))->slider()->setValue(90);
        QVERIFY(second.findChild<PresetBar *>()->shownPreset().isEmpty());

        store.remove(QStringLiteral("Coder"));
        QCOMPARE(combo->count(), 0);
        QVERIFY(!combo->isEnabled());
    }
};

QTEST_MAIN(tst_ParameterPanel)
#include "tst_ParameterPanel.moc"
