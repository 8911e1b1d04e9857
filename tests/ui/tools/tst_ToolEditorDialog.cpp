#include "tools/ToolEditorDialog.h"
#include "tools/ToolForm.h"
#include "tools/ToolSet.h"
#include "tools/ToolsSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

// The tool editor as a user drives it: examples, live checks with positions, responders, files.
class TestToolEditorDialog : public QObject {
    Q_OBJECT
private slots:
    void examplesAreAddedWithUniqueNames()
    {
        ToolEditorDialog dialog({});
        QVERIFY(dialog.form()->isHidden());
        dialog.addExamples();
        dialog.addExamples();
        QCOMPARE(dialog.list()->count(), 6);
        QCOMPARE(dialog.tools().at(3).definition.name, QStringLiteral("get_weather_2"));
        QVERIFY(dialog.okButton()->isEnabled());
    }

    void schemaErrorsSayWhereAndBlockOk()
    {
        ToolEditorDialog dialog(ToolSet::examples());
        dialog.list()->setCurrentRow(0);
        QPlainTextEdit *schema = dialog.form()->schemaEdit();
        schema->setPlainText(QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {\"city\": }\n}"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.form()->problem().startsWith(QStringLiteral("Parameters: Line 3, column")),
                 qPrintable(dialog.form()->problem()));
        QVERIFY(dialog.problemLabel()->text().startsWith(QStringLiteral("get_weather: Parameters: Line 3")));

        schema->setPlainText(
            QStringLiteral("{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"text\"}}}"));
        QVERIFY(dialog.form()->problem().contains(QStringLiteral("cannot be used")));
        QVERIFY(!dialog.okButton()->isEnabled());

        schema->setPlainText(
            QStringLiteral("{\"type\": \"object\", \"properties\": {\"town\": {\"type\": \"string\"}}}"));
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.form()->statusLabel()->text(), QStringLiteral("✓ Valid tool"));
        QVERIFY(dialog.tools()
                    .at(0)
                    .definition.parameters.value(QStringLiteral("properties"))
                    .toObject()
                    .contains(QStringLiteral("town")));
    }

    void namesAreCheckedAndDuplicatesRefused()
    {
        ToolEditorDialog dialog(ToolSet::examples());
        dialog.list()->setCurrentRow(1);
        dialog.form()->nameEdit()->setText(QStringLiteral("get weather"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.form()->problem().contains(QStringLiteral("letters, digits")));
        dialog.form()->nameEdit()->setText(QStringLiteral("get_weather"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("defined twice")));
        dialog.form()->nameEdit()->setText(QStringLiteral("calc"));
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.list()->item(1)->text(), QStringLiteral("calc"));
    }

    void responderChoices()
    {
        ToolEditorDialog dialog(ToolSet::examples());
        dialog.list()->setCurrentRow(0);
        ToolForm *form = dialog.form();
        form->fixedJsonEdit()->setPlainText(QStringLiteral("{\"temperature\": }"));
        QVERIFY(form->problem().startsWith(QStringLiteral("Fixed answer: Line 1, column")));
        form->fixedJsonEdit()->setPlainText(QStringLiteral("{\"temperature\": 3}"));
        QVERIFY(form->problem().isEmpty());

        form->responderBox()->setCurrentIndex(form->responderBox()->findData(int(ToolResponder::Kind::Command)));
        QCOMPARE(form->problem(), QStringLiteral("Enter the command to run."));
        form->commandEdit()->setText(QStringLiteral("python3 weather.py"));
        QVERIFY(form->problem().isEmpty());
        QVERIFY(form->statusLabel()->text().contains(QStringLiteral("will not run until you allow it")));
        form->allowCommandBox()->setChecked(true);
        form->timeoutBox()->setValue(3);
        const ToolResponder responder = dialog.tools().at(0).responder;
        QCOMPARE(responder.kind, ToolResponder::Kind::Command);
        QCOMPARE(responder.command, QStringLiteral("python3 weather.py"));
        QVERIFY(responder.commandAllowed);
        QCOMPARE(responder.timeoutMs, 3000);
    }

    void switchingAToolOffKeepsIt()
    {
        ToolEditorDialog dialog(ToolSet::examples());
        dialog.list()->item(2)->setCheckState(Qt::Unchecked);
        QVERIFY(!dialog.tools().at(2).enabled);
        dialog.list()->setCurrentRow(2);
        dialog.form()->nameEdit()->setText(QStringLiteral("web"));
        QVERIFY(!dialog.tools().at(2).enabled);
    }

    void importAndExportRoundTrip()
    {
        QTemporaryDir dir;
        QList<ToolSpec> tools = ToolSet::examples();
        tools[1].responder.kind = ToolResponder::Kind::Command;
        tools[1].responder.command = QStringLiteral("bc -l");
        tools[1].responder.commandAllowed = true;
        ToolEditorDialog source(tools);
        const QString path = dir.filePath(QStringLiteral("tools.json"));
        QString error;
        QVERIFY2(source.exportFile(path, &error), qPrintable(error));

        ToolEditorDialog target({});
        QVERIFY2(target.importFile(path, &error), qPrintable(error));
        QCOMPARE(target.tools().size(), 3);
        QCOMPARE(target.tools().at(1).responder.command, QStringLiteral("bc -l"));
        QVERIFY(!target.tools().at(1).responder.commandAllowed); // a file never grants it

        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("[{\"name\": \"x\", \"parameters\": {\"type\": \"object\",}}]");
        broken.close();
        QVERIFY(!target.importFile(broken.fileName(), &error));
        QVERIFY2(error.contains(QStringLiteral("Line 1, column")), qPrintable(error));
        QCOMPARE(target.tools().size(), 3);
        QVERIFY(!target.importFile(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(error.contains(QStringLiteral("Could not read")));
    }

    void sectionOffersChoicesForEnabledTools()
    {
        ToolsSection section;
        QVERIFY(!section.choiceBox()->isEnabled());
        QList<ToolSpec> tools = ToolSet::examples();
        tools[0].enabled = false;
        section.setTools(tools, ToolChoice::function(QStringLiteral("calculate")), false);
        QVERIFY(section.choiceBox()->isEnabled());
        QCOMPARE(section.summaryLabel()->text(), QStringLiteral("2 of 3 tools on: calculate, search_web"));
        QCOMPARE(section.choiceBox()->findText(QStringLiteral("call get_weather")), -1);
        QVERIFY(section.toolChoice().has_value());
        QCOMPARE(section.toolChoice()->functionName, QStringLiteral("calculate"));
        QCOMPARE(section.parallelToolCalls(), std::optional<bool>(false));
        section.choiceBox()->setCurrentIndex(section.choiceBox()->findText(QStringLiteral("any")));
        QCOMPARE(section.toolChoice()->mode, ToolChoice::Mode::Any);
        section.choiceBox()->setCurrentIndex(0);
        QVERIFY(!section.toolChoice().has_value());
    }
};

QTEST_MAIN(TestToolEditorDialog)
#include "tst_ToolEditorDialog.moc"
