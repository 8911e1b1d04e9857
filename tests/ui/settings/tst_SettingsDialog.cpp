#include "settings/ApiKeyKeeper.h"
#include "settings/KeyField.h"
#include "settings/PriceTableEditor.h"
#include "settings/SettingsDialog.h"

#include "ScriptedSecretStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace md;

namespace {
const QString kKey = QStringLiteral("sk-test-0123456789abcdefWXYZ");

template<typename T> T *child(const QObject &parent, const char *name)
{
    return parent.findChild<T *>(QString::fromLatin1(name));
}

QPushButton *button(const SettingsDialog &d, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(d, "settingsButtons")->button(which);
}
} // namespace

class tst_SettingsDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void roundTripSavesSettingsAndKeyApart();
    void showsWhereTheKeyComesFrom();
    void invalidBaseUrlBlocksOk();
    void unavailableKeychainOffersSessionOnly();
    void keychainFailureKeepsDialogOpen();
    void themeIsLiveAndCancelRevertsIt();
    void priceEditor();
    void keyboardAccessible();
};

void tst_SettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_SettingsDialog"));
}

void tst_SettingsDialog::init()
{
    qunsetenv("MISTRAL_API_KEY");
    qunsetenv("MISTRAL_DESK_PALETTE");
    QSettings().clear();
    applyTheme(Theme::System);
}

void tst_SettingsDialog::roundTripSavesSettingsAndKeyApart()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    SettingsDialog dialog(AppSettings {}, &keys);
    QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *url = child<QLineEdit>(dialog, "baseUrl");
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("http://localhost:9999/compat/"));
    child<QSpinBox>(dialog, "timeout")->setValue(240);
    auto *theme = child<QComboBox>(dialog, "theme");
    theme->setCurrentIndex(theme->findData(int(Theme::Light)));
    auto *prices = child<PriceTableEditor>(dialog, "priceEditor");
    prices->addRow();
    QTableWidget *table = prices->view();
    const int row = table->rowCount() - 1;
    table->item(row, 0)->setText(QStringLiteral("my-model"));
    table->item(row, 1)->setData(Qt::EditRole, 1.25);
    table->item(row, 2)->setData(Qt::EditRole, 2.5);
    QTest::keyClicks(child<KeyField>(dialog, "keyField")->lineEdit(), kKey);

    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const AppSettings s = dialog.settings();
    QCOMPARE(s.baseUrl, QUrl(QStringLiteral("http://localhost:9999/compat")));
    QCOMPARE(s.timeoutSeconds, 240);
    QCOMPARE(s.theme, Theme::Light);
    QCOMPARE(s.prices.price(QStringLiteral("my-model"))->inputPerMillion, 1.25);
    QCOMPARE(s.prices.price(QStringLiteral("my-model"))->outputPerMillion, 2.5);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).value<AppSettings>(), s);
    QCOMPARE(AppSettings::load(), s);

    // The key went to the keychain, and nowhere near the settings file.
    QCOMPARE(keys.key(), kKey);
    QCOMPARE(keys.source(), QStringLiteral("keychain"));
    QString inStore;
    store.memory.read(QStringLiteral("api-key"), [&](const SecretResult &r) { inStore = r.value; });
    QTRY_COMPARE(inStore, kKey);
    QSettings settings;
    settings.sync();
    for (const QString &k : settings.allKeys())
        QVERIFY2(!settings.value(k).toString().contains(kKey), qPrintable(k));
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    QVERIFY(raw.contains("localhost:9999"));
    QVERIFY(!raw.contains(kKey.toUtf8()));
    QVERIFY(!raw.contains("0123456789abcdef"));
    applyTheme(Theme::System);
}

void tst_SettingsDialog::showsWhereTheKeyComesFrom()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    QSignalSpy saved(&keys, &ApiKeyKeeper::keySaved);
    keys.save(kKey, false);
    QTRY_COMPARE(saved.size(), 1);
    {
        SettingsDialog dialog(AppSettings {}, &keys);
        const QString text = child<QLabel>(dialog, "keySource")->text();
        QVERIFY(text.contains(QStringLiteral("keychain")));
        QVERIFY(text.contains(QStringLiteral("WXYZ")));
        QVERIFY(!text.contains(kKey));
        QVERIFY(!text.contains(QStringLiteral("0123456789")));
        QVERIFY(child<KeyField>(dialog, "keyField")->text().isEmpty()); // never prefilled
        QVERIFY(child<QPushButton>(dialog, "forgetKey")->isEnabled());

        QSignalSpy forgotten(&keys, &ApiKeyKeeper::keyForgotten);
        QTest::mouseClick(child<QPushButton>(dialog, "forgetKey"), Qt::LeftButton);
        QTRY_COMPARE(forgotten.size(), 1);
        QVERIFY(child<QLabel>(dialog, "keySource")->text().contains(QStringLiteral("No key")));
        QVERIFY(!child<QPushButton>(dialog, "forgetKey")->isEnabled());
    }

    qputenv("MISTRAL_API_KEY", "env-key-abcdefghijklmnop9876");
    ApiKeyKeeper fromEnv(&store);
    QSignalSpy loaded(&fromEnv, &ApiKeyKeeper::keyLoaded);
    fromEnv.load();
    QTRY_COMPARE(loaded.size(), 1);
    SettingsDialog dialog(AppSettings {}, &fromEnv);
    QVERIFY(child<QLabel>(dialog, "keySource")->text().contains(QStringLiteral("MISTRAL_API_KEY")));
    QVERIFY(child<QLabel>(dialog, "keySource")->text().contains(QStringLiteral("9876")));
    QVERIFY(!child<KeyField>(dialog, "keyField")->isEnabled());
}

void tst_SettingsDialog::invalidBaseUrlBlocksOk()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    SettingsDialog dialog(AppSettings {}, &keys);
    dialog.show();
    auto *url = child<QLineEdit>(dialog, "baseUrl");
    auto *error = child<QLabel>(dialog, "baseUrlError");
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!error->isVisible());
    for (const char *bad : {"ftp://example.com", "example.com", "https://", ""}) {
        url->setText(QString::fromLatin1(bad));
        QVERIFY2(!button(dialog, QDialogButtonBox::Ok)->isEnabled(), bad);
        QVERIFY(!button(dialog, QDialogButtonBox::Apply)->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY(!dialog.problems().isEmpty());
    }
    url->setText(QStringLiteral("https://my-gateway.example.com/mistral"));
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!error->isVisible());
}

void tst_SettingsDialog::unavailableKeychainOffersSessionOnly()
{
    ScriptedSecretStore store;
    store.failWith = SecretResult::Status::Unavailable;
    ApiKeyKeeper keys(&store);
    QSignalSpy missing(&keys, &ApiKeyKeeper::keyMissing);
    keys.load();
    QTRY_COMPARE(missing.size(), 1);

    SettingsDialog dialog(AppSettings {}, &keys);
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    auto *notice = child<QLabel>(dialog, "keychainNotice");
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("No keychain")));
    QVERIFY(child<QCheckBox>(dialog, "sessionOnly")->isChecked());
    QTest::keyClicks(child<KeyField>(dialog, "keyField")->lineEdit(), kKey);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(keys.source(), QStringLiteral("session"));
    QCOMPARE(keys.key(), kKey);
    QCOMPARE(store.writes, 0);
}

void tst_SettingsDialog::keychainFailureKeepsDialogOpen()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    SettingsDialog dialog(AppSettings {}, &keys);
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    store.failWith = SecretResult::Status::Denied; // locked after the dialog opened
    QTest::keyClicks(child<KeyField>(dialog, "keyField")->lineEdit(), kKey);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    auto *error = child<QLabel>(dialog, "keyError");
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("locked")));
    QCOMPARE(finished.size(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(child<QCheckBox>(dialog, "sessionOnly")->isChecked()); // offered as the way out
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(keys.source(), QStringLiteral("session"));
}

void tst_SettingsDialog::themeIsLiveAndCancelRevertsIt()
{
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    SettingsDialog dialog(AppSettings {}, &keys);
    QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
    dialog.show();
    auto *theme = child<QComboBox>(dialog, "theme");
    theme->setCurrentIndex(theme->findData(int(Theme::Dark)));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    dialog.reject();
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    QCOMPARE(applied.size(), 0);
    QCOMPARE(AppSettings::load(), AppSettings {});
}

void tst_SettingsDialog::priceEditor()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    AppSettings initial;
    initial.prices = PriceTable();
    initial.prices.setPrice(QStringLiteral("a-model"), {1.0, 2.0});
    initial.prices.setEffectiveDate(QDate(2025, 5, 6));
    SettingsDialog dialog(initial, &keys);
    auto *editor = child<PriceTableEditor>(dialog, "priceEditor");
    QCOMPARE(editor->table(), initial.prices);
    QCOMPARE(child<QDateEdit>(dialog, "priceDate")->date(), QDate(2025, 5, 6));

    // A duplicate name blocks OK and says why.
    editor->addRow();
    editor->view()->item(1, 0)->setText(QStringLiteral("a-model"));
    QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(child<QLabel>(dialog, "priceProblem")->text().contains(QStringLiteral("a-model")));
    editor->view()->selectRow(1);
    QTest::mouseClick(child<QPushButton>(dialog, "priceRemove"), Qt::LeftButton);
    QCOMPARE(editor->view()->rowCount(), 1);
    QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());

    QTest::mouseClick(child<QPushButton>(dialog, "priceReset"), Qt::LeftButton);
    QCOMPARE(editor->table(), PriceTable::defaults());
    QCOMPARE(dialog.settings().prices, PriceTable::defaults());
    QCOMPARE(child<QDateEdit>(dialog, "priceDate")->date(), PriceTable::defaults().effectiveDate());
}

void tst_SettingsDialog::keyboardAccessible()
{
    ScriptedSecretStore store;
    ApiKeyKeeper keys(&store);
    SettingsDialog dialog(AppSettings {}, &keys);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Every label with a mnemonic leads somewhere.
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1Char('&')) && label->textFormat() != Qt::RichText)
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    // The key can be revealed from the keyboard, and is masked by default.
    auto *field = child<KeyField>(dialog, "keyField");
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(field->showButton()->focusPolicy() & Qt::TabFocus);
    field->showButton()->setFocus();
    QTest::keyClick(field->showButton(), Qt::Key_Space);
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Normal);
    // Every input has an accessible name.
    for (const char *name : {"baseUrl", "timeout", "theme", "priceTable"})
        QVERIFY2(!child<QWidget>(dialog, name)->accessibleName().isEmpty(), name);
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_SettingsDialog.moc"
