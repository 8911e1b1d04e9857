#include "chat/ConversationModel.h"
#include "conversation/Composer.h"
#include "conversation/ConversationTab.h"
#include "store/ChatEntry.h"
#include "ui/conversation/TabFixture.h"

#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace md;
using md::test::FakeScript;

// A ConversationTab driven like a user would, against FakeMistral: send, stream, stop,
// regenerate, edit, continue, error cards, persistence.
class TestConversationTab : public QObject {
    Q_OBJECT
private:
    TabFixture m_fixture;

    std::unique_ptr<ConversationTab> makeTab()
    {
        auto tab = std::make_unique<ConversationTab>(m_fixture.services());
        tab->resize(1100, 700);
        tab->show();
        return tab;
    }

    static bool waitIdle(ConversationTab *tab)
    {
        return QTest::qWaitFor([tab] { return !tab->isBusy(); }, 10000);
    }

    static void type(ConversationTab *tab, const QString &text) { tab->composer()->setText(text); }

    QJsonObject lastBody() const { return m_fixture.fake->requests().constLast().json(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MistralDeskTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ConversationTab"));
        QVERIFY(m_fixture.start());
        QVERIFY(m_fixture.loadModelCards());
    }

    void init()
    {
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
    }

    void sendStreamsTheAnswerAndStampsItsCost()
    {
        auto tab = makeTab();
        ChatParameters parameters = tab->parameters();
        parameters.model = QStringLiteral("mistral-small-latest");
        parameters.systemPrompt = QStringLiteral("Be brief.");
        parameters.temperature = 0.2;
        tab->setParameters(parameters);
        QSignalSpy finished(tab.get(), &ConversationTab::callFinished);

        type(tab.get(), QStringLiteral("Hello there"));
        tab->send();
        QVERIFY(tab->isBusy());
        QVERIFY(tab->composer()->text().isEmpty());
        QCOMPARE(tab->title(), QStringLiteral("Hello there"));
        QVERIFY(waitIdle(tab.get()));

        ConversationModel *conversation = tab->conversation();
        QCOMPARE(conversation->rowCount(), 2);
        QCOMPARE(conversation->entry(0).message.plainText(), QStringLiteral("Hello there"));
        const ChatEntry &answer = conversation->entry(1);
        QCOMPARE(answer.message.role, ChatMessage::Role::Assistant);
        QCOMPARE(answer.state, ChatEntry::State::Done);
        QVERIFY(!answer.message.content.isEmpty());
        QVERIFY(answer.hasUsage);
        QVERIFY(answer.usage.completionTokens > 0);
        QVERIFY(answer.costUsd.has_value());
        QVERIFY(*answer.costUsd > 0.0);
        QVERIFY(answer.timeToFirstTokenMs >= 0);
        QCOMPARE(finished.count(), 1);

        const QJsonObject body = lastBody();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("mistral-small-latest"));
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.2);
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QVERIFY(!body.contains(QStringLiteral("top_p"))); // unset stays unset

        QCOMPARE(tab->totals().calls, 1);
        auto *totals = tab->findChild<QLabel *>(QStringLiteral("tabTotals"));
        QVERIFY2(totals->text().contains(QString::number(answer.usage.completionTokens)), qPrintable(totals->text()));
    }

    void stopKeepsThePartialAnswer()
    {
        auto tab = makeTab();
        FakeScript slow;
        slow.tokens = 400;
        slow.tokensPerSecond = 100;
        m_fixture.fake->enqueue(slow);
        type(tab.get(), QStringLiteral("Tell me a long story"));
        tab->send();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return tab->conversation()->rowCount() == 2 && !tab->conversation()->entry(1).message.content.isEmpty();
            },
            5000));
        tab->stop();
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 2); // no error card for a stop
        QCOMPARE(tab->conversation()->entry(1).state, ChatEntry::State::Cancelled);
        QVERIFY(!tab->conversation()->entry(1).message.content.isEmpty());
    }

    void regenerateAnswersAgainFromTheMessagesBefore()
    {
        auto tab = makeTab();
        type(tab.get(), QStringLiteral("First"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        const quint64 oldId = tab->conversation()->entry(1).id;
        tab->regenerate(1);
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 2);
        QVERIFY(tab->conversation()->entry(1).id != oldId);
        QCOMPARE(lastBody().value(QStringLiteral("messages")).toArray().size(), 1);
        QCOMPARE(tab->totals().calls, 2); // the replaced answer was paid for
    }

    void editingAMessageResendsFromThere()
    {
        auto tab = makeTab();
        type(tab.get(), QStringLiteral("One"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        type(tab.get(), QStringLiteral("Two"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 4);

        tab->editMessage(2);
        QCOMPARE(tab->composer()->text(), QStringLiteral("Two"));
        QVERIFY(tab->composer()->isEditing());
        QCOMPARE(tab->conversation()->rowCount(), 4); // nothing lost until the edit is sent
        type(tab.get(), QStringLiteral("Two, edited"));
        QCOMPARE(tab->currentRequest().messages.size(), 3);
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 4);
        QCOMPARE(tab->conversation()->entry(2).message.plainText(), QStringLiteral("Two, edited"));
        const QJsonArray sent = lastBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(2).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Two, edited"));
    }

    void continueSendsTheAnswerAsPrefixAndGrowsIt()
    {
        auto tab = makeTab();
        FakeScript first;
        first.text = QStringLiteral("The answer begins");
        first.tokens = 3;
        m_fixture.fake->enqueue(first);
        type(tab.get(), QStringLiteral("Go"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        FakeScript more;
        more.text = QStringLiteral(" and goes on.");
        more.tokens = 3;
        m_fixture.fake->enqueue(more);
        tab->continueMessage(1);
        QVERIFY(waitIdle(tab.get()));
        QVERIFY2(tab->conversation()->rowCount() == 2,
                 qPrintable(tab->conversation()->entry(tab->conversation()->rowCount() - 1).errorText));
        QCOMPARE(tab->conversation()->entry(1).message.content, QStringLiteral("The answer begins and goes on."));
        const QJsonArray sent = lastBody().value(QStringLiteral("messages")).toArray();
        const QJsonObject last = sent.last().toObject();
        QCOMPARE(last.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(last.value(QStringLiteral("prefix")).toBool(), true);
        QCOMPARE(last.value(QStringLiteral("content")).toString(), QStringLiteral("The answer begins"));
    }

    void aRepeatedPrefixIsNotShownTwice()
    {
        auto tab = makeTab();
        FakeScript first;
        first.text = QStringLiteral("Once upon");
        first.tokens = 2;
        m_fixture.fake->enqueue(first);
        type(tab.get(), QStringLiteral("Story"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        FakeScript repeated; // a server that starts the continuation with the prefix itself
        repeated.text = QStringLiteral("Once upon a time");
        repeated.tokens = 5;
        m_fixture.fake->enqueue(repeated);
        tab->continueMessage(1);
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->entry(1).message.content, QStringLiteral("Once upon a time"));
    }

    void errorsBecomeCardsAndRetrySendsAgain()
    {
        auto tab = makeTab();
        QSignalSpy rejected(tab.get(), &ConversationTab::keyRejected);
        FakeScript unauthorized;
        unauthorized.kind = FakeScript::Kind::Error;
        unauthorized.errorShape = FakeScript::ErrorShape::UnauthorizedMessage;
        m_fixture.fake->enqueue(unauthorized);
        type(tab.get(), QStringLiteral("Hi"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 2);
        const ChatEntry &card = tab->conversation()->entry(1);
        QCOMPARE(card.kind, ChatEntry::Kind::ErrorCard);
        QCOMPARE(card.httpStatus, 401);
        QVERIFY(card.errorTitle.contains(QLatin1String("API key")));
        QCOMPARE(rejected.count(), 1);

        tab->retry(1);
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 2);
        QCOMPARE(tab->conversation()->entry(1).kind, ChatEntry::Kind::Message);
        QCOMPARE(tab->conversation()->entry(1).state, ChatEntry::State::Done);
    }

    void rateLimitCardCountsDownToRetryAfter()
    {
        auto tab = makeTab();
        RetryPolicy none;
        none.maxRetries = 0;
        const RetryPolicy saved = m_fixture.client->retryPolicy();
        m_fixture.client->setRetryPolicy(none);
        FakeScript limited;
        limited.kind = FakeScript::Kind::RateLimited;
        limited.retryAfterSeconds = 7;
        m_fixture.fake->enqueue(limited);
        type(tab.get(), QStringLiteral("Hi"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        m_fixture.client->setRetryPolicy(saved);
        const ChatEntry &card = tab->conversation()->entry(tab->conversation()->rowCount() - 1);
        QCOMPARE(card.kind, ChatEntry::Kind::ErrorCard);
        QCOMPARE(card.httpStatus, 429);
        const qint64 wait = QDateTime::currentDateTimeUtc().secsTo(card.retryAt);
        QVERIFY2(wait >= 5 && wait <= 7, qPrintable(QString::number(wait)));
    }

    void aBrokenStreamKeepsThePartialAnswerAndSaysSo()
    {
        auto tab = makeTab();
        FakeScript drop;
        drop.kind = FakeScript::Kind::DropMidStream;
        drop.dropAfterEvents = 3;
        m_fixture.fake->enqueue(drop);
        type(tab.get(), QStringLiteral("Hi"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        QCOMPARE(tab->conversation()->rowCount(), 3);
        QCOMPARE(tab->conversation()->entry(1).state, ChatEntry::State::Failed);
        QVERIFY(!tab->conversation()->entry(1).message.content.isEmpty());
        QCOMPARE(tab->conversation()->entry(2).kind, ChatEntry::Kind::ErrorCard);
    }

    void stateRoundTripsThroughJson()
    {
        auto tab = makeTab();
        ChatParameters parameters = tab->parameters();
        parameters.model = QStringLiteral("mistral-large-latest");
        parameters.maxTokens = 300;
        tab->setParameters(parameters);
        type(tab.get(), QStringLiteral("Remember me"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        tab->setTitle(QStringLiteral("Mine"), true);

        auto restored = makeTab();
        restored->loadJson(tab->toJson());
        QCOMPARE(restored->title(), QStringLiteral("Mine"));
        QVERIFY(restored->hasChosenTitle());
        QCOMPARE(restored->parameters(), tab->parameters());
        QCOMPARE(restored->conversation()->rowCount(), 2);
        QCOMPARE(restored->conversation()->entry(1).message.content, tab->conversation()->entry(1).message.content);
        QCOMPARE(restored->totals().calls, 1);
    }

    void anAttachedImageGoesAsADataUri()
    {
        auto tab = makeTab();
        QTemporaryDir dir;
        QImage image(64, 32, QImage::Format_RGB32);
        image.fill(Qt::red);
        const QString path = dir.filePath(QStringLiteral("red.png"));
        QVERIFY(image.save(path));
        QVERIFY(tab->composer()->addImageFile(path));
        QVERIFY(!tab->composer()->addImageFile(dir.filePath(QStringLiteral("missing.png"))));
        type(tab.get(), QStringLiteral("What colour is this?"));
        tab->send();
        QVERIFY(waitIdle(tab.get()));
        const QJsonArray content = lastBody()
                                       .value(QStringLiteral("messages"))
                                       .toArray()
                                       .last()
                                       .toObject()
                                       .value(QStringLiteral("content"))
                                       .toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("text"));
        const QJsonObject picture = content.at(1).toObject();
        QCOMPARE(picture.value(QStringLiteral("type")).toString(), QStringLiteral("image_url"));
        const QJsonValue url = picture.value(QStringLiteral("image_url"));
        const QString uri = url.isObject() ? url.toObject().value(QStringLiteral("url")).toString() : url.toString();
        QVERIFY2(uri.startsWith(QLatin1String("data:image/png;base64,")), qPrintable(uri.left(40)));
        QVERIFY(tab->composer()->attachments().isEmpty()); // sent, so cleared
    }

    void composerShowsAnEstimateBeforeSending()
    {
        auto tab = makeTab();
        type(tab.get(), QStringLiteral("How many tokens is this sentence going to be?"));
        auto *estimate = tab->findChild<QLabel *>(QStringLiteral("estimateLabel"));
        QTRY_VERIFY2(estimate->text().contains(QLatin1String("estimate")), qPrintable(estimate->text()));
        QVERIFY(estimate->text().contains(QStringLiteral("≈")));
    }
};

QTEST_MAIN(TestConversationTab)
#include "tst_ConversationTab.moc"
