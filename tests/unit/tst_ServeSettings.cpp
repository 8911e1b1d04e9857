#include "proxy/ServeSettings.h"

#include <QTest>

#include <initializer_list>
#include <utility>

using namespace md;

// `mistral-desk --serve` settings: flags first, then the environment, then defaults. Every
// environment here is built by the test, never the real one.

namespace {

using Vars = std::initializer_list<std::pair<const char *, const char *>>;

QProcessEnvironment env(Vars vars, bool withKey = true)
{
    QProcessEnvironment e;
    if (withKey)
        e.insert(QStringLiteral("MISTRAL_API_KEY"), QStringLiteral("sk-test"));
    for (const auto &[name, value] : vars)
        e.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    return e;
}

struct Resolved {
    ServeSettings settings;
    QStringList errors;
};

Resolved resolve(const QProcessEnvironment &environment, const ServeSettings::Flags &flags = {})
{
    Resolved r;
    r.settings = ServeSettings::resolve(flags, environment, &r.errors);
    return r;
}

} // namespace

class TestServeSettings : public QObject {
    Q_OBJECT
private slots:
    void defaults()
    {
        const Resolved r = resolve(env({}));
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        const ServeSettings &s = r.settings;
        QCOMPARE(s.apiKey, QStringLiteral("sk-test"));
        QCOMPARE(s.baseUrl, QUrl(QStringLiteral("https://api.mistral.ai")));
        QCOMPARE(s.proxy.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(s.proxy.port, ProxyConfig::kDefaultPort);
        QCOMPARE(s.timeoutMs, 120000);
        QCOMPARE(s.logLevel, QStringLiteral("info"));
        QVERIFY(s.proxy.allowedOrigins.isEmpty());
        QCOMPARE(s.proxy.maxBodyBytes, qint64(10 * 1024 * 1024));
        QVERIFY(!s.proxy.logBodies);
        QCOMPARE(s.proxy.translation.defaultModel, QStringLiteral("mistral-small-latest"));
        QVERIFY(!s.proxy.translation.maxTokensCap.has_value());
        QVERIFY(!s.proxy.translation.safePrompt.has_value());
        QVERIFY(!s.proxy.translation.randomSeed.has_value());
        QVERIFY(s.tokenGenerated);
        QVERIFY(!s.proxy.token.isEmpty());
        QVERIFY(s.usageDb.isEmpty()); // no ledger unless asked for
    }

    void environmentIsRead()
    {
        const Resolved r = resolve(env({{"MISTRAL_URL", "http://127.0.0.1:9999"},
                                        {"HOST", "0.0.0.0"},
                                        {"PORT", "8080"},
                                        {"PROXY_TOKEN", "mdp_fromenv"},
                                        {"TIMEOUT", "2.5"},
                                        {"LOG_LEVEL", "Warning"},
                                        {"USAGE_DB", "/var/lib/md/usage.sqlite"}}));
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        QCOMPARE(r.settings.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:9999")));
        QCOMPARE(r.settings.proxy.address, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(r.settings.proxy.port, quint16(8080));
        QCOMPARE(r.settings.proxy.token, QStringLiteral("mdp_fromenv"));
        QVERIFY(!r.settings.tokenGenerated);
        QCOMPARE(r.settings.timeoutMs, 2500);
        QCOMPARE(r.settings.logLevel, QStringLiteral("warning"));
        QCOMPARE(r.settings.usageDb, QStringLiteral("/var/lib/md/usage.sqlite"));
    }

    void flagsWinOverEnvironment()
    {
        ServeSettings::Flags flags;
        flags.host = QStringLiteral("::1");
        flags.port = QStringLiteral("0");
        flags.token = QStringLiteral("mdp_fromflag");
        flags.baseUrl = QStringLiteral("http://localhost:7000");
        flags.allowedOrigins = {QStringLiteral("http://localhost:3000")};
        flags.usageDb = QStringLiteral("usage.sqlite");
        const Resolved r = resolve(env({{"MISTRAL_URL", "http://127.0.0.1:9999"},
                                        {"HOST", "0.0.0.0"},
                                        {"PORT", "8080"},
                                        {"PROXY_TOKEN", "mdp_fromenv"},
                                        {"USAGE_DB", "/elsewhere.sqlite"}}),
                                   flags);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        QCOMPARE(r.settings.proxy.address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(r.settings.proxy.port, quint16(0));
        QCOMPARE(r.settings.proxy.token, QStringLiteral("mdp_fromflag"));
        QVERIFY(!r.settings.tokenGenerated);
        QCOMPARE(r.settings.baseUrl, QUrl(QStringLiteral("http://localhost:7000")));
        QCOMPARE(r.settings.proxy.allowedOrigins, QStringList {QStringLiteral("http://localhost:3000")});
        QCOMPARE(r.settings.usageDb, QStringLiteral("usage.sqlite"));
    }

    void hostNames()
    {
        QCOMPARE(resolve(env({{"HOST", "localhost"}})).settings.proxy.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(resolve(env({{"HOST", " 127.0.0.1 "}})).settings.proxy.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(resolve(env({{"HOST", "::"}})).settings.proxy.address, QHostAddress(QHostAddress::AnyIPv6));
    }

    void keyFallsBackToMistralKey()
    {
        Resolved r = resolve(env({{"MISTRAL_KEY", "sk-other"}}, false));
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.settings.apiKey, QStringLiteral("sk-other"));

        // MISTRAL_API_KEY wins when both are set, and an empty one does not count.
        r = resolve(env({{"MISTRAL_KEY", "sk-other"}}));
        QCOMPARE(r.settings.apiKey, QStringLiteral("sk-test"));
        r = resolve(env({{"MISTRAL_API_KEY", "  "}, {"MISTRAL_KEY", "sk-other"}}, false));
        QCOMPARE(r.settings.apiKey, QStringLiteral("sk-other"));
        r = resolve(env({{"MISTRAL_API_KEY", " sk-padded \n"}}, false));
        QCOMPARE(r.settings.apiKey, QStringLiteral("sk-padded"));
    }

    void missingKeyIsAnError()
    {
        const Resolved r = resolve(env({{"MISTRAL_API_KEY", ""}}, false));
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().contains(QLatin1String("MISTRAL_API_KEY")), qPrintable(r.errors.first()));
        QVERIFY(r.errors.first().contains(QLatin1String("MISTRAL_KEY")));
    }

    void badValuesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("PORT word") << QStringLiteral("PORT") << QStringLiteral("http");
        QTest::newRow("PORT negative") << QStringLiteral("PORT") << QStringLiteral("-1");
        QTest::newRow("PORT too big") << QStringLiteral("PORT") << QStringLiteral("65536");
        QTest::newRow("PORT with text") << QStringLiteral("PORT") << QStringLiteral("80a");
        QTest::newRow("HOST name") << QStringLiteral("HOST") << QStringLiteral("example.com");
        QTest::newRow("HOST garbage") << QStringLiteral("HOST") << QStringLiteral("1.2.3.4.5");
        QTest::newRow("MAX_TOKENS zero") << QStringLiteral("MAX_TOKENS") << QStringLiteral("0");
        QTest::newRow("MAX_TOKENS word") << QStringLiteral("MAX_TOKENS") << QStringLiteral("lots");
        QTest::newRow("MAX_TOKENS negative") << QStringLiteral("MAX_TOKENS") << QStringLiteral("-5");
        QTest::newRow("TIMEOUT word") << QStringLiteral("TIMEOUT") << QStringLiteral("soon");
        QTest::newRow("TIMEOUT zero") << QStringLiteral("TIMEOUT") << QStringLiteral("0");
        QTest::newRow("TIMEOUT negative") << QStringLiteral("TIMEOUT") << QStringLiteral("-3");
        QTest::newRow("SAFE_MODE") << QStringLiteral("SAFE_MODE") << QStringLiteral("maybe");
        QTest::newRow("RANDOM_SEED word") << QStringLiteral("RANDOM_SEED") << QStringLiteral("abc");
        QTest::newRow("RANDOM_SEED negative") << QStringLiteral("RANDOM_SEED") << QStringLiteral("-1");
        QTest::newRow("LOG_LEVEL") << QStringLiteral("LOG_LEVEL") << QStringLiteral("verbose");
        QTest::newRow("MISTRAL_URL scheme") << QStringLiteral("MISTRAL_URL") << QStringLiteral("ftp://example.com");
        QTest::newRow("MISTRAL_URL no scheme") << QStringLiteral("MISTRAL_URL") << QStringLiteral("api.mistral.ai");
    }
    void badValuesGiveClearErrors()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QProcessEnvironment e = env({});
        e.insert(name, value);
        const Resolved r = resolve(e);
        QCOMPARE(r.errors.size(), 1);
        const QString &error = r.errors.first();
        // Says which setting and which value, so the fix is obvious.
        QVERIFY2(error.contains(name), qPrintable(error));
        QVERIFY2(error.contains(value.toLower()) || error.contains(value), qPrintable(error));
        QVERIFY(error.endsWith(QLatin1Char('.')));
    }

    void badFlagsNameTheSetting()
    {
        ServeSettings::Flags flags;
        flags.port = QStringLiteral("99999");
        flags.host = QStringLiteral("nowhere");
        const Resolved r = resolve(env({}), flags);
        QCOMPARE(r.errors.size(), 2);
        QVERIFY(r.errors.join(QLatin1Char(' ')).contains(QLatin1String("99999")));
        QVERIFY(r.errors.join(QLatin1Char(' ')).contains(QLatin1String("nowhere")));
    }

    void everyProblemIsReported()
    {
        const Resolved r = resolve(env({{"PORT", "x"}, {"TIMEOUT", "y"}, {"LOG_LEVEL", "z"}}, false));
        QCOMPARE(r.errors.size(), 4); // the key, PORT, TIMEOUT, LOG_LEVEL
    }

    void tokenFromEnvironmentElseGenerated()
    {
        Resolved r = resolve(env({{"PROXY_TOKEN", " mdp_mine "}}));
        QCOMPARE(r.settings.proxy.token, QStringLiteral("mdp_mine"));
        QVERIFY(!r.settings.tokenGenerated);

        r = resolve(env({{"PROXY_TOKEN", ""}}));
        QVERIFY(r.settings.tokenGenerated);
        const QString first = r.settings.proxy.token;
        QVERIFY2(first.startsWith(QLatin1String("mdp_")), qPrintable(first));
        QVERIFY2(first.size() >= 4 + 43, qPrintable(first)); // 32 random bytes, base64
        for (const QChar c : QStringView(first).mid(4))
            QVERIFY2(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'), qPrintable(first));
        const QString second = resolve(env({})).settings.proxy.token;
        QVERIFY(second.startsWith(QLatin1String("mdp_")));
        QVERIFY(first != second);
        QVERIFY(first != r.settings.apiKey);
    }

    void translationSettingsReachTheProxy()
    {
        const Resolved r = resolve(env({{"PRIMARY_MODEL", "mistral-large-latest"},
                                        {"MAX_TOKENS", "512"},
                                        {"SAFE_MODE", "true"},
                                        {"RANDOM_SEED", "42"}}));
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(QLatin1Char('\n'))));
        const OpenAiTranslator::Config &t = r.settings.proxy.translation;
        QCOMPARE(t.defaultModel, QStringLiteral("mistral-large-latest"));
        QCOMPARE(t.maxTokensCap, std::optional<qint64>(512));
        QCOMPARE(t.safePrompt, std::optional<bool>(true));
        QCOMPARE(t.randomSeed, std::optional<qint64>(42));
        QVERIFY(!t.aliases.isEmpty()); // the defaults stay
    }

    void safeModeWords_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("expected");
        for (const char *yes : {"1", "true", "TRUE", "yes", "on"})
            QTest::newRow(yes) << QString::fromLatin1(yes) << true;
        for (const char *no : {"0", "false", "No", "off"})
            QTest::newRow(no) << QString::fromLatin1(no) << false;
    }
    void safeModeWords()
    {
        QFETCH(QString, value);
        QFETCH(bool, expected);
        QProcessEnvironment e = env({});
        e.insert(QStringLiteral("SAFE_MODE"), value);
        const Resolved r = resolve(e);
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.settings.proxy.translation.safePrompt, std::optional<bool>(expected));
    }

    void randomSeedZeroIsASeed()
    {
        const Resolved r = resolve(env({{"RANDOM_SEED", "0"}}));
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.settings.proxy.translation.randomSeed, std::optional<qint64>(0));
    }

    void timeoutOutOfRange_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("not a number") << QStringLiteral("nan");
        QTest::newRow("infinite") << QStringLiteral("inf");
        QTest::newRow("beyond int milliseconds") << QStringLiteral("1e10");
        QTest::newRow("rounds to no timeout") << QStringLiteral("0.0001");
    }
    void timeoutOutOfRange()
    {
        // `int(seconds * 1000)` of these is undefined behaviour (in practice a negative or zero
        // timeout, i.e. no timeout at all or an instant one): they should be refused.
        QFETCH(QString, value);
        QProcessEnvironment e = env({});
        e.insert(QStringLiteral("TIMEOUT"), value);
        const Resolved r = resolve(e);
        QCOMPARE(r.errors.size(), 1);
    }

    void bodiesStayOutOfTheLogUnlessAsked()
    {
        QVERIFY(!resolve(env({})).settings.proxy.logBodies);
        ServeSettings::Flags flags;
        flags.logBodies = true;
        QVERIFY(resolve(env({}), flags).settings.proxy.logBodies);
        QProcessEnvironment e = env({});
        e.insert(QStringLiteral("LOG_BODIES"), QStringLiteral("true"));
        QVERIFY(resolve(e).settings.proxy.logBodies);
    }
};

QTEST_GUILESS_MAIN(TestServeSettings)
#include "tst_ServeSettings.moc"
