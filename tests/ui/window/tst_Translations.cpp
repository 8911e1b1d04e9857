#include "MainWindow.h"
#include "api/MistralClient.h"
#include "secrets/MemorySecretStore.h"
#include "settings/AppSettings.h"
#include "settings/NoticeLabel.h"
#include "settings/SettingsDialog.h"
#include "settings/TranslationInstaller.h"

#include <QComboBox>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace md;

// The language of the window: MD_LANGUAGE, then the Language setting, then the system's languages;
// French comes from the .qm embedded under :/i18n.
class TestTranslations : public QObject {
    Q_OBJECT
private:
    static QString fileMenuTitle()
    {
        MistralClient client;
        MemorySecretStore secrets;
        MainWindow window(&client, &secrets, nullptr);
        const QList<QAction *> menus = window.menuBar()->actions();
        return menus.isEmpty() ? QString() : menus.first()->text();
    }

    static void setStoredLanguage(const QString &language)
    {
        AppSettings settings = AppSettings::load();
        settings.language = language;
        settings.save();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_Translations"));
        qunsetenv("MISTRAL_API_KEY");
    }

    void init()
    {
        QSettings().clear();
        qunsetenv("MD_LANGUAGE");
    }

    void cleanupTestCase()
    {
        qunsetenv("MD_LANGUAGE");
        QSettings().clear();
    }

    void resolvesEnvironmentThenSettingThenSystem_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("system");
        QTest::addColumn<QString>("expected");
        const QStringList french {QStringLiteral("fr-FR"), QStringLiteral("en-US")};
        const QStringList german {QStringLiteral("de-DE"), QStringLiteral("fr-CH")};
        QTest::newRow("system French") << QString() << QStringLiteral("system") << french << QStringLiteral("fr");
        QTest::newRow("system English") << QString() << QStringLiteral("system")
                                        << QStringList {QStringLiteral("en-GB")} << QStringLiteral("en");
        QTest::newRow("first supported") << QString() << QStringLiteral("system") << german << QStringLiteral("fr");
        QTest::newRow("unsupported only")
            << QString() << QStringLiteral("system") << QStringList {QStringLiteral("ja-JP")} << QStringLiteral("en");
        QTest::newRow("setting wins") << QString() << QStringLiteral("en") << french << QStringLiteral("en");
        QTest::newRow("environment wins")
            << QStringLiteral("fr") << QStringLiteral("en") << QStringList() << QStringLiteral("fr");
        QTest::newRow("environment locale")
            << QStringLiteral("fr_CA.UTF-8") << QStringLiteral("en") << QStringList() << QStringLiteral("fr");
        QTest::newRow("environment system") << QStringLiteral("system") << QStringLiteral("fr")
                                            << QStringList {QStringLiteral("en-US")} << QStringLiteral("fr");
        QTest::newRow("junk") << QStringLiteral("xx") << QStringLiteral("??") << QStringList() << QStringLiteral("en");
    }

    void resolvesEnvironmentThenSettingThenSystem()
    {
        QFETCH(QString, environment);
        QFETCH(QString, setting);
        QFETCH(QStringList, system);
        QFETCH(QString, expected);
        QCOMPARE(TranslationInstaller::resolve(environment, setting, system), expected);
    }

    void environmentFrenchTranslatesTheWindowAndSettings()
    {
        qputenv("MD_LANGUAGE", "fr");
        QCOMPARE(TranslationInstaller::install(qApp), QStringLiteral("fr"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("&Fichier"));

        SettingsDialog dialog(AppSettings::load(), nullptr);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Paramètres"));
        QCOMPARE(dialog.tabs()->tabText(0), QStringLiteral("&Général"));
        // Its own buttons; OK, Cancel and Apply are Qt's, translated by qtbase_fr.qm where the system has it.
        auto *forget = dialog.findChild<QPushButton *>(QStringLiteral("forgetKey"));
        QVERIFY(forget);
        QCOMPARE(forget->text(), QStringLiteral("&Oublier la clé"));
        auto *note = dialog.findChild<NoticeLabel *>(QStringLiteral("languageNote"));
        QVERIFY(note);
        QVERIFY2(note->text().startsWith(QLatin1String("MD_LANGUAGE est")), qPrintable(note->text()));
        QCOMPARE(QCoreApplication::translate("md::HistoryKeeper", "%n conversation(s) imported.", nullptr, 2),
                 QStringLiteral("2 conversations importées."));
    }

    void environmentEnglishWinsOverTheSetting()
    {
        setStoredLanguage(QStringLiteral("fr"));
        qputenv("MD_LANGUAGE", "en");
        QCOMPARE(TranslationInstaller::install(qApp), QStringLiteral("en"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("&File"));
        SettingsDialog dialog(AppSettings::load(), nullptr);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Settings"));
        QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("forgetKey"))->text(), QStringLiteral("&Forget key"));
        // English has its plural forms: no "(s)".
        QCOMPARE(QCoreApplication::translate("md::HistoryKeeper", "%n conversation(s) imported.", nullptr, 1),
                 QStringLiteral("1 conversation imported."));
        QCOMPARE(QCoreApplication::translate("md::HistoryKeeper", "%n conversation(s) imported.", nullptr, 3),
                 QStringLiteral("3 conversations imported."));
    }

    void settingChoosesTheLanguageAtTheNextInstall()
    {
        setStoredLanguage(QStringLiteral("fr"));
        QCOMPARE(TranslationInstaller::install(qApp), QStringLiteral("fr"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("&Fichier"));

        setStoredLanguage(QStringLiteral("en"));
        QCOMPARE(TranslationInstaller::install(qApp), QStringLiteral("en"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("&File"));
    }

    void settingsDialogStoresTheChoiceAndSaysWhenItApplies()
    {
        SettingsDialog dialog(AppSettings::load(), nullptr);
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("language"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("system"));
        auto *note = dialog.findChild<NoticeLabel *>(QStringLiteral("languageNote"));
        QVERIFY(note);
        QVERIFY(note->text().isEmpty());

        combo->setCurrentIndex(combo->findData(QStringLiteral("fr")));
        QCOMPARE(combo->currentText(), QStringLiteral("Français"));
        QVERIFY2(note->text().contains(QLatin1String("next start")), qPrintable(note->text()));
        QCOMPARE(dialog.settings().language, QStringLiteral("fr"));
        dialog.settings().save();
        QCOMPARE(AppSettings::load().language, QStringLiteral("fr"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_Translations.moc"
