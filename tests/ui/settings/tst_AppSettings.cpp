#include "settings/AppSettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace md;

class tst_AppSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void defaultsWhenEmpty();
    void roundTrip();
    void junkFallsBackToDefaults_data();
    void junkFallsBackToDefaults();
    void baseUrlValidation_data();
    void baseUrlValidation();
};

void tst_AppSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location, not the user's
    QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_AppSettings"));
}

void tst_AppSettings::init()
{
    QSettings().clear();
}

void tst_AppSettings::defaultsWhenEmpty()
{
    const AppSettings s = AppSettings::load();
    QCOMPARE(s, AppSettings {});
    QCOMPARE(s.baseUrl, QUrl(QStringLiteral("https://api.mistral.ai")));
    QCOMPARE(s.timeoutSeconds, 60);
    QCOMPARE(s.theme, Theme::System);
    QCOMPARE(s.language, QStringLiteral("system"));
    QCOMPARE(s.prices, PriceTable::defaults());
}

void tst_AppSettings::roundTrip()
{
    AppSettings s;
    s.baseUrl = QUrl(QStringLiteral("http://localhost:8080/mistral"));
    s.timeoutSeconds = 125;
    s.theme = Theme::Dark;
    s.language = QStringLiteral("fr");
    s.prices.setPrice(QStringLiteral("my-finetune"), {0.0125, 3.5});
    s.prices.removePrice(QStringLiteral("open-mistral-nemo"));
    s.prices.setEffectiveDate(QDate(2027, 2, 3));
    s.save();
    const AppSettings loaded = AppSettings::load();
    QCOMPARE(loaded.baseUrl, s.baseUrl);
    QCOMPARE(loaded.timeoutSeconds, 125);
    QCOMPARE(loaded.theme, Theme::Dark);
    QCOMPARE(loaded.language, QStringLiteral("fr"));
    QCOMPARE(loaded.prices, s.prices);
    QCOMPARE(loaded, s);

    // Each theme survives the trip.
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark}) {
        s.theme = theme;
        s.save();
        QCOMPARE(AppSettings::load().theme, theme);
    }
}

void tst_AppSettings::junkFallsBackToDefaults_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("ftp url") << "connection/baseUrl" << QVariant(QStringLiteral("ftp://example.com"));
    QTest::newRow("no host") << "connection/baseUrl" << QVariant(QStringLiteral("http://"));
    QTest::newRow("not a url") << "connection/baseUrl" << QVariant(QStringLiteral("just words"));
    QTest::newRow("url with query") << "connection/baseUrl" << QVariant(QStringLiteral("https://h.example/?a=1"));
    QTest::newRow("timeout text") << "connection/timeoutSeconds" << QVariant(QStringLiteral("abc"));
    QTest::newRow("timeout negative") << "connection/timeoutSeconds" << QVariant(-5);
    QTest::newRow("timeout huge") << "connection/timeoutSeconds" << QVariant(999999);
    QTest::newRow("theme unknown") << "appearance/theme" << QVariant(QStringLiteral("purple"));
    QTest::newRow("language unknown") << "appearance/language" << QVariant(QStringLiteral("tlh"));
    QTest::newRow("prices broken json") << "prices/table" << QVariant(QStringLiteral("{broken"));
    QTest::newRow("prices wrong shape") << "prices/table" << QVariant(QStringLiteral("[1,2,3]"));
    QTest::newRow("prices no table") << "prices/table" << QVariant(QStringLiteral("{\"date\":\"2020-01-01\"}"));
}

void tst_AppSettings::junkFallsBackToDefaults()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QSettings().setValue(key, value);
    QCOMPARE(AppSettings::load(), AppSettings {});
}

void tst_AppSettings::baseUrlValidation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("mistral") << "https://api.mistral.ai" << true;
    QTest::newRow("trailing slash") << "https://api.mistral.ai/" << true;
    QTest::newRow("local http with port and path") << "  http://127.0.0.1:8080/proxy  " << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no scheme") << "api.mistral.ai" << false;
    QTest::newRow("ftp") << "ftp://api.mistral.ai" << false;
    QTest::newRow("no host") << "https://" << false;
    QTest::newRow("credentials") << "https://user:pw@api.mistral.ai" << false;
    QTest::newRow("fragment") << "https://api.mistral.ai/#x" << false;
}

void tst_AppSettings::baseUrlValidation()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(AppSettings::isValidBaseUrl(AppSettings::normalizedBaseUrl(text)), valid);
    if (valid)
        QVERIFY(!AppSettings::normalizedBaseUrl(text).toString().endsWith(QLatin1Char('/')));
}

QTEST_GUILESS_MAIN(tst_AppSettings)
#include "tst_AppSettings.moc"
