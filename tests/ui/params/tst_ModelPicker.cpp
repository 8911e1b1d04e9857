#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "params/ModelListModel.h"
#include "params/ModelPicker.h"
#include "params/ModelPickerPopup.h"
#include "support/FakeModelCatalog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace md;

namespace {

QJsonObject fakeList()
{
    return {{QStringLiteral("object"), QStringLiteral("list")},
            {QStringLiteral("data"), test::FakeModelCatalog::cards()}};
}

QStringList shownIds(const ModelPickerPopup *popup)
{
    QStringList ids;
    const ModelListModel *model = popup->listModel();
    for (int row = 0; row < model->rowCount(); ++row)
        ids << model->index(row).data(ModelListModel::IdRole).toString();
    return ids;
}

QModelIndex rowFor(const ModelPickerPopup *popup, const QString &id)
{
    const ModelListModel *model = popup->listModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(ModelListModel::IdRole).toString() == id)
            return model->index(row);
    }
    return {};
}

} // namespace

class tst_ModelPicker : public QObject {
    Q_OBJECT

private slots:
    void fillsFromTheCatalog()
    {
        ModelCatalog catalog;
        QVERIFY(catalog.loadJson(fakeList()));
        const PriceTable prices = PriceTable::defaults();
        ModelPicker picker;
        picker.setCatalog(&catalog);
        picker.setPriceTable(&prices);
        picker.setCurrentModel(QStringLiteral("mistral-small-latest"));
        picker.show();
        ModelPickerPopup *popup = picker.popup();
        picker.openPicker();
        QVERIFY(popup->isVisible());
        QCOMPARE(QApplication::focusWidget(), popup->filterEdit());

        const QStringList ids = shownIds(popup);
        QCOMPARE(ids.size(), catalog.models().size());                 // one row per model
        QVERIFY(ids.contains(QStringLiteral("mistral-large-latest"))); // the alias people use names the row
        QVERIFY(!ids.contains(QStringLiteral("mistral-large-2512")));
        const QModelIndex large = rowFor(popup, QStringLiteral("mistral-large-latest"));
        QCOMPARE(large.data(ModelListModel::AliasesRole).toStringList(),
                 QStringList {QStringLiteral("mistral-large-2512")});
        QCOMPARE(large.data(ModelListModel::ContextRole).toString(), QStringLiteral("256k"));
        QCOMPARE(large.data(ModelListModel::BadgesRole).toStringList(),
                 (QStringList {QStringLiteral("chat"), QStringLiteral("tools"), QStringLiteral("vision")}));
        QCOMPARE(large.data(ModelListModel::PriceRole).toString(), QStringLiteral("$0.5 / $1.5 per M"));
        QCOMPARE(rowFor(popup, QStringLiteral("codestral-latest")).data(ModelListModel::ContextRole).toString(),
                 QStringLiteral("128k"));
        QCOMPARE(rowFor(popup, QStringLiteral("mistral-embed")).data(ModelListModel::PriceRole).toString(),
                 QStringLiteral("$0.1 in per M"));

        // The current model is marked and selected.
        QCOMPARE(popup->listView()->currentIndex().data(ModelListModel::IdRole).toString(),
                 QStringLiteral("mistral-small-latest"));
        QVERIFY(popup->listView()->currentIndex().data(ModelListModel::CurrentRole).toBool());
        QVERIFY(picker.findChild<QLabel *>()->text().isEmpty() == false);

        // Without a price table entry: "no price".
        ModelCatalog odd;
        QJsonObject card = test::FakeModelCatalog::cards().first().toObject();
        card.insert(QStringLiteral("id"), QStringLiteral("voxtral-unknown"));
        card.insert(QStringLiteral("aliases"), QJsonArray());
        odd.loadJson({{QStringLiteral("data"), QJsonArray {card}}});
        ModelListModel model;
        model.setCatalog(&odd, &prices);
        QCOMPARE(model.index(0).data(ModelListModel::PriceRole).toString(), QStringLiteral("no price"));
    }

    void collapsesCardsThatShareNames()
    {
        // The real API lists every alias as a card of its own.
        ModelCatalog catalog;
        QJsonArray cards;
        QJsonObject a = test::FakeModelCatalog::find(QStringLiteral("mistral-large-2512")).value();
        QJsonObject b = a;
        b.insert(QStringLiteral("id"), QStringLiteral("mistral-large-latest"));
        b.insert(QStringLiteral("aliases"), QJsonArray {QStringLiteral("mistral-large-2512")});
        cards << a << b;
        catalog.loadJson({{QStringLiteral("data"), cards}});
        ModelListModel model;
        model.setCatalog(&catalog, nullptr);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(ModelListModel::IdRole).toString(), QStringLiteral("mistral-large-latest"));
        QCOMPARE(model.index(0).data(ModelListModel::PriceRole).toString(), QStringLiteral("no price"));
    }

    void filterByCapabilityAndText()
    {
        ModelCatalog catalog;
        catalog.loadJson(fakeList());
        ModelPicker picker;
        picker.setCatalog(&catalog);
        picker.show();
        picker.openPicker();
        ModelPickerPopup *popup = picker.popup();

        QToolButton *reasoning = popup->chip(QStringLiteral("reasoning"));
        QVERIFY(reasoning);
        QTest::mouseClick(reasoning, Qt::LeftButton);
        QCOMPARE(shownIds(popup),
                 (QStringList {QStringLiteral("magistral-medium-latest"), QStringLiteral("magistral-small-latest")}));
        QTest::mouseClick(reasoning, Qt::LeftButton);

        QTest::mouseClick(popup->chip(QStringLiteral("vision")), Qt::LeftButton);
        QTest::mouseClick(popup->chip(QStringLiteral("tools")), Qt::LeftButton);
        for (const QString &id : shownIds(popup)) {
            const ModelInfo *info = catalog.find(id);
            QVERIFY(info && info->capabilities.vision && info->capabilities.functionCalling);
        }
        QVERIFY(shownIds(popup).contains(QStringLiteral("mistral-large-latest")));
        QTest::mouseClick(popup->chip(QStringLiteral("vision")), Qt::LeftButton);
        QTest::mouseClick(popup->chip(QStringLiteral("tools")), Qt::LeftButton);

        QTest::mouseClick(popup->chip(QStringLiteral("FIM")), Qt::LeftButton);
        QCOMPARE(shownIds(popup), QStringList {QStringLiteral("codestral-latest")});
        QTest::mouseClick(popup->chip(QStringLiteral("FIM")), Qt::LeftButton);

        QTest::keyClicks(popup->filterEdit(), QStringLiteral("ministral"));
        QCOMPARE(shownIds(popup).size(), 4); // three models and "use as typed"
        QVERIFY(rowFor(popup, QStringLiteral("ministral")).data(ModelListModel::FreeTypedRole).toBool());
        popup->filterEdit()->setText(QStringLiteral("code"));
        QCOMPARE(shownIds(popup).first(), QStringLiteral("codestral-embed")); // starts with it
        popup->filterEdit()->setText(QStringLiteral("stral-l"));
        QCOMPARE(shownIds(popup).first(), QStringLiteral("codestral-latest")); // contains it
        popup->filterEdit()->setText(QStringLiteral("MINISTRAL 8b"));
        QCOMPARE(shownIds(popup).first(), QStringLiteral("ministral-8b-latest"));
    }

    void deprecatedModelsWarn()
    {
        ModelCatalog catalog;
        catalog.loadJson(fakeList());
        ModelPicker picker;
        picker.setCatalog(&catalog);
        picker.show();
        picker.openPicker();
        const QModelIndex nemo = rowFor(picker.popup(), QStringLiteral("open-mistral-nemo"));
        QVERIFY(nemo.isValid());
        const QString warning = nemo.data(ModelListModel::DeprecationRole).toString();
        QVERIFY2(warning.contains(QStringLiteral("2026-03-31"))
                     && warning.contains(QStringLiteral("ministral-8b-latest")),
                 qPrintable(warning));
        QCOMPARE(nemo.row(), picker.popup()->listModel()->rowCount() - 1); // listed last
        QVERIFY(rowFor(picker.popup(), QStringLiteral("mistral-small-latest"))
                    .data(ModelListModel::DeprecationRole)
                    .toString()
                    .isEmpty());
        picker.popup()->close();

        QVERIFY(picker.deprecationWarning().isEmpty());
        picker.setCurrentModel(QStringLiteral("open-mistral-nemo-2407")); // an alias of the deprecated card
        QVERIFY(picker.deprecationWarning().contains(QStringLiteral("ministral-8b-latest")));

        // Its link switches to the replacement.
        QSignalSpy changed(&picker, &ModelPicker::modelChanged);
        QLabel *warningLabel = nullptr;
        for (QLabel *label : picker.findChildren<QLabel *>()) {
            if (label->accessibleName() == QStringLiteral("Model deprecation"))
                warningLabel = label;
        }
        QVERIFY(warningLabel && warningLabel->isVisible());
        emit warningLabel->linkActivated(QStringLiteral("switch"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("ministral-8b-latest"));
        QVERIFY(picker.deprecationWarning().isEmpty());
        QVERIFY(!warningLabel->isVisible());
    }

    void chooseWithTheKeyboard()
    {
        ModelCatalog catalog;
        catalog.loadJson(fakeList());
        ModelPicker picker;
        picker.setCatalog(&catalog);
        picker.setCurrentModel(QStringLiteral("codestral-latest"));
        picker.show();
        QSignalSpy changed(&picker, &ModelPicker::modelChanged);

        picker.openPicker();
        ModelPickerPopup *popup = picker.popup();
        QLineEdit *filter = popup->filterEdit();
        QTest::keyClick(filter, Qt::Key_Down);
        const QString below = popup->listView()->currentIndex().data(ModelListModel::IdRole).toString();
        QCOMPARE(below, QStringLiteral("devstral-latest"));
        QTest::keyClick(filter, Qt::Key_Down);
        QTest::keyClick(filter, Qt::Key_Up);
        QTest::keyClick(filter, Qt::Key_Return);
        QVERIFY(!popup->isVisible());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("devstral-latest"));
        QCOMPARE(picker.currentModel(), QStringLiteral("devstral-latest"));

        // Esc closes without a change.
        picker.openPicker();
        QTest::keyClick(filter, Qt::Key_Down);
        QTest::keyClick(filter, Qt::Key_Escape);
        QVERIFY(!popup->isVisible());
        QCOMPARE(changed.size(), 1);

        // Typing then Enter takes the best match.
        picker.openPicker();
        QTest::keyClicks(filter, QStringLiteral("pixtral"));
        QTest::keyClick(filter, Qt::Key_Enter);
        QCOMPARE(picker.currentModel(), QStringLiteral("pixtral-large-latest"));

        // A pinned name typed exactly is kept as typed.
        picker.openPicker();
        QTest::keyClicks(filter, QStringLiteral("mistral-large-2512"));
        QTest::keyClick(filter, Qt::Key_Return);
        QCOMPARE(picker.currentModel(), QStringLiteral("mistral-large-2512"));
        QCOMPARE(changed.size(), 3);
    }

    void freeTypedId()
    {
        ModelCatalog catalog;
        catalog.loadJson(fakeList());
        ModelPicker picker;
        picker.setCatalog(&catalog);
        picker.show();
        QSignalSpy changed(&picker, &ModelPicker::modelChanged);
        picker.openPicker();
        QTest::keyClicks(picker.popup()->filterEdit(), QStringLiteral("ft:open-mistral-7b:abc123"));
        QCOMPARE(picker.popup()->listModel()->rowCount(), 1);
        QTest::keyClick(picker.popup()->filterEdit(), Qt::Key_Return);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(picker.currentModel(), QStringLiteral("ft:open-mistral-7b:abc123"));

        picker.setCurrentModel(QStringLiteral("not-listed"));
        QCOMPARE(picker.currentModel(), QStringLiteral("not-listed"));
        QCOMPARE(changed.size(), 1); // setCurrentModel is not a user choice
    }

    void emptyCatalogStillTakesAnId()
    {
        ModelCatalog empty;
        ModelPicker picker;
        picker.setCatalog(&empty);
        picker.setCurrentModel(QStringLiteral("mistral-small-latest"));
        picker.show();
        QSignalSpy changed(&picker, &ModelPicker::modelChanged);
        picker.openPicker();
        QCOMPARE(picker.popup()->listModel()->rowCount(), 0);
        QTest::keyClicks(picker.popup()->filterEdit(), QStringLiteral("codestral-latest"));
        QTest::keyClick(picker.popup()->filterEdit(), Qt::Key_Return);
        QCOMPARE(picker.currentModel(), QStringLiteral("codestral-latest"));
        QCOMPARE(changed.size(), 1);

        // The list arrives later (refresh): the open picker re-reads it.
        QVERIFY(empty.loadJson(fakeList()));
        picker.openPicker();
        QCOMPARE(picker.popup()->listModel()->rowCount(), empty.models().size());
        QVERIFY(rowFor(picker.popup(), QStringLiteral("codestral-latest")).data(ModelListModel::CurrentRole).toBool());
    }
};

QTEST_MAIN(tst_ModelPicker)
#include "tst_ModelPicker.moc"
