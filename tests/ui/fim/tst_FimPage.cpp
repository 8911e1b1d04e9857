#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "fim/FimCombinedView.h"
#include "fim/FimPage.h"
#include "integration/ClientFixture.h"
#include "params/ModelPicker.h"

#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace md;
using md::test::FakeScript;

// The code completion page against FakeMistral: the request body, the middle streaming in place
// between prefix and suffix, stats, Stop and Insert.
class TestFimPage : public QObject {
    Q_OBJECT
private:
    ClientFixture m_fixture;
    ModelCatalog m_catalog;
    PriceTable m_prices = PriceTable::defaults();

    TabServices services() { return {m_fixture.client.get(), &m_catalog, &m_prices, nullptr}; }

    QJsonObject lastFimBody() const
    {
        for (qsizetype i = m_fixture.fake->requests().size() - 1; i >= 0; --i) {
            if (m_fixture.fake->requests().at(i).path == "/v1/fim/completions")
                return m_fixture.fake->requests().at(i).json();
        }
        return {};
    }

    static const QString prefix() { return QStringLiteral("def add(a, b):\n"); }
    static const QString suffix() { return QStringLiteral("\n\nprint(add(1, 2))\n"); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_fixture.start());
        QVERIFY(m_catalog.loadJson({{QStringLiteral("object"), QStringLiteral("list")},
                                    {QStringLiteral("data"), test::FakeMistral::modelCards()}}));
    }

    void init()
    {
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
    }

    void pickerListsOnlyFimModels()
    {
        FimPage page(services());
        QVERIFY(!page.fimModels()->isEmpty());
        for (const ModelInfo &info : page.fimModels()->models())
            QVERIFY2(info.capabilities.fim, qPrintable(info.id));
        QVERIFY(page.fimModels()->find(QStringLiteral("codestral-latest")));
        QVERIFY(!page.fimModels()->find(QStringLiteral("mistral-small-latest")));
        QCOMPARE(page.modelPicker()->currentModel(), QStringLiteral("codestral-latest"));
    }

    void completionStreamsBetweenPrefixAndSuffix()
    {
        FimPage page(services());
        page.resize(1200, 700);
        page.show();
        page.setPrompt(prefix());
        page.setSuffix(suffix());
        page.setTemperature(0.2);
        page.setMaxTokens(64);
        page.setMinTokens(2);
        page.setStop({QStringLiteral("\n\n")});
        FakeScript script;
        script.text = QStringLiteral("    return a + b");
        script.tokens = 4;
        script.tokensPerSecond = 8; // slow enough to look at the middle while it grows
        m_fixture.fake->enqueue(script);
        QSignalSpy calls(&page, &FimPage::callFinished);

        QVERIFY(page.completeButton()->isEnabled());
        page.completeButton()->click();
        QVERIFY(page.isRunning());
        QVERIFY(page.stopButton()->isEnabled());
        QVERIFY(!page.completeButton()->isEnabled());

        QVERIFY(QTest::qWaitFor([this] { return !lastFimBody().isEmpty(); }, 5000));
        const QJsonObject body = lastFimBody();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("codestral-latest"));
        QCOMPARE(body.value(QLatin1String("prompt")).toString(), prefix());
        QCOMPARE(body.value(QLatin1String("suffix")).toString(), suffix());
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.2);
        QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(), 64);
        QCOMPARE(body.value(QLatin1String("min_tokens")).toInt(), 2);
        QCOMPARE(body.value(QLatin1String("stop")).toString(), QStringLiteral("\n\n"));
        QCOMPARE(body.value(QLatin1String("stream")).toBool(), true);

        // Mid-stream: part of the middle is already in place, the suffix still after it.
        FimCombinedView *view = page.combinedView();
        QVERIFY(QTest::qWaitFor([view] { return !view->middle().isEmpty(); }, 5000));
        QVERIFY(page.isRunning());
        QVERIFY(
            QTest::qWaitFor([view] { return view->toPlainText().size() > prefix().size() + suffix().size(); }, 2000));
        QVERIFY(view->toPlainText().startsWith(prefix()));
        QVERIFY(view->toPlainText().endsWith(suffix()));
        QVERIFY(script.text.startsWith(view->middle()));

        QVERIFY(calls.wait(5000));
        QVERIFY(!page.isRunning());
        QCOMPARE(page.middle(), script.text);
        QCOMPARE(view->toPlainText(), prefix() + script.text + suffix());
        // The middle is the tinted range.
        QCOMPARE(view->extraSelections().size(), 1);
        QCOMPARE(view->extraSelections().first().cursor.selectionStart(), prefix().size());
        QCOMPARE(view->extraSelections().first().cursor.selectedText(), script.text);

        QCOMPARE(calls.first().at(0).toString().isEmpty(), false);
        const Usage usage = calls.first().at(1).value<Usage>();
        QCOMPARE(usage.completionTokens, 4);
        QVERIFY(usage.promptTokens > 0);
        QVERIFY(calls.first().at(2).value<std::optional<double>>().has_value());
        const QString stats = page.statsLabel()->text();
        QVERIFY2(stats.contains(QLatin1String("4 out tokens")), qPrintable(stats));
        QVERIFY2(stats.contains(QLatin1String("first token")), qPrintable(stats));
        QVERIFY2(stats.contains(QLatin1String("$")), qPrintable(stats));
        QVERIFY(page.insertButton()->isEnabled());
        QVERIFY(page.completeButton()->isEnabled());

        // Insert accepts the middle into the prompt.
        page.insertButton()->click();
        QCOMPARE(page.promptEditor()->toPlainText(), prefix() + script.text);
        QCOMPARE(page.suffixEditor()->toPlainText(), suffix());
        QVERIFY(!page.insertButton()->isEnabled());
    }

    void stopEndsTheStreamAndKeepsWhatArrived()
    {
        FimPage page(services());
        page.show();
        page.setPrompt(prefix());
        FakeScript script;
        script.tokens = 60;
        script.tokensPerSecond = 10;
        m_fixture.fake->enqueue(script);
        QSignalSpy calls(&page, &FimPage::callFinished);
        page.complete();
        QVERIFY(QTest::qWaitFor([&page] { return !page.middle().isEmpty(); }, 5000));
        page.stopButton()->click();
        QVERIFY(QTest::qWaitFor([&page] { return !page.isRunning(); }, 2000));
        const QString kept = page.middle();
        QVERIFY(!kept.isEmpty());
        QVERIFY(page.statusLabel()->text().contains(QLatin1String("Stopped")));
        QVERIFY(page.statsLabel()->text().contains(QLatin1String("first token")));
        QVERIFY(!page.stopButton()->isEnabled());
        QVERIFY(page.completeButton()->isEnabled());
        QVERIFY(page.insertButton()->isEnabled());
        QTest::qWait(300);
        QCOMPARE(page.middle(), kept); // nothing more arrives
        QCOMPARE(calls.size(), 0);     // no usage came with a stopped stream
    }

    void serverErrorIsShown()
    {
        FimPage page(services());
        page.setPrompt(prefix());
        page.setModel(QStringLiteral("no-such-model"));
        page.complete();
        QVERIFY(QTest::qWaitFor([&page] { return !page.isRunning(); }, 5000));
        QVERIFY2(page.statusLabel()->text().contains(QLatin1String("failed")), qPrintable(page.statusLabel()->text()));
        QVERIFY(page.completeButton()->isEnabled());
    }
};

QTEST_MAIN(TestFimPage)
#include "tst_FimPage.moc"
