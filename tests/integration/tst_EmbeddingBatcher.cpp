#include "ClientFixture.h"
#include "api/EmbeddingBatcher.h"
#include "api/MistralClient.h"
#include "support/FakeMistral.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace md;
using md::test::FakeMistral;
using md::test::FakeScript;

class TestEmbeddingBatcher : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ClientFixture> m_fixture;
    FakeMistral *m_fake = nullptr;
    MistralClient *m_client = nullptr;

    static QStringList inputs(int n)
    {
        QStringList list;
        for (int i = 0; i < n; ++i)
            list << QStringLiteral("input number %1 with some words, é and 🙂").arg(i);
        return list;
    }

    // The vector FakeMistral gives for one text alone, to check the order of batched results.
    QVector<float> single(const QString &text)
    {
        EmbeddingBatcher one(m_client);
        EmbeddingRequest r;
        r.inputs = {text};
        QSignalSpy done(&one, &EmbeddingBatcher::finished);
        one.start(r);
        if (!done.wait(5000))
            return {};
        return done.first().first().value<EmbeddingResult>().vectors.first();
    }

private slots:
    void init()
    {
        m_fixture = std::make_unique<ClientFixture>();
        QVERIFY(m_fixture->start());
        m_fake = m_fixture->fake.get();
        m_client = m_fixture->client.get();
    }

    void cleanup() { m_fixture.reset(); }

    void manyInputsComeBackInOrder()
    {
        EmbeddingBatcher batcher(m_client);
        QSignalSpy progress(&batcher, &EmbeddingBatcher::progress);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        QSignalSpy answered(&batcher, &EmbeddingBatcher::requestFinished);
        EmbeddingRequest r;
        r.inputs = inputs(1200);
        batcher.start(r);
        QVERIFY(batcher.isRunning());
        QVERIFY(finished.wait(15000));
        QVERIFY(!batcher.isRunning());
        const EmbeddingResult result = finished.first().first().value<EmbeddingResult>();
        QCOMPARE(result.vectors.size(), 1200);
        for (const auto &v : result.vectors)
            QCOMPARE(v.size(), 1024);
        QCOMPARE(batcher.requestsSent(), 3); // 512 + 512 + 176
        QCOMPARE(m_fake->requests().size(), 3);
        for (const auto &req : m_fake->requests())
            QVERIFY(req.json().value(QLatin1String("input")).toArray().size() <= 512);
        QVERIFY(result.usage.promptTokens > 0);
        QCOMPARE(batcher.plannedRequests(), 3);
        // Each request reports its own usage as it finishes; together they are the job's.
        QCOMPARE(answered.count(), 3);
        qint64 promptTokens = 0;
        for (const QList<QVariant> &signal : std::as_const(answered))
            promptTokens += signal.at(1).value<Usage>().promptTokens;
        QCOMPARE(promptTokens, result.usage.promptTokens);
        // Progress rises to the total.
        QCOMPARE(progress.last().at(0).toInt(), 1200);
        QCOMPARE(progress.last().at(1).toInt(), 1200);
        // Order: the vectors for inputs 0, 700 and 1199 equal those of each text embedded alone.
        QCOMPARE(result.vectors.at(0), single(r.inputs.at(0)));
        QCOMPARE(result.vectors.at(700), single(r.inputs.at(700)));
        QCOMPARE(result.vectors.at(1199), single(r.inputs.at(1199)));
        QVERIFY(result.vectors.at(0) != result.vectors.at(1));
    }

    void runsAFewRequestsAtOnce()
    {
        EmbeddingBatcher batcher(m_client);
        EmbeddingBatcher::Limits limits;
        limits.maxInputs = 10;
        limits.maxConcurrent = 3;
        batcher.setLimits(limits);
        int inFlight = 0;
        int maxInFlight = 0;
        connect(m_fake, &FakeMistral::requestReceived, this, [&] { maxInFlight = qMax(maxInFlight, ++inFlight); });
        connect(&batcher, &EmbeddingBatcher::progress, this, [&](int done) {
            if (done > 0)
                --inFlight;
        });
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = inputs(100);
        batcher.start(r);
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_fake->requests().size(), 10);
        QVERIFY2(maxInFlight >= 2 && maxInFlight <= 3, qPrintable(QString::number(maxInFlight)));
    }

    void serverSaysTooManyTokensAndTheBatchIsSplit()
    {
        // Lie about the limit so the first batch is too big for the server (its limit is 16,384).
        EmbeddingBatcher batcher(m_client);
        EmbeddingBatcher::Limits limits;
        limits.maxTokens = 1'000'000;
        batcher.setLimits(limits);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = QStringList(40, QString(4000, QLatin1Char('w')));
        batcher.start(r);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<EmbeddingResult>().vectors.size(), 40);
        QVERIFY(m_fake->requests().size() > 1);
    }

    void codestralDimensions()
    {
        EmbeddingBatcher batcher(m_client);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.model = QStringLiteral("codestral-embed");
        r.outputDimension = 256;
        r.inputs = inputs(3);
        batcher.start(r);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<EmbeddingResult>().vectors.first().size(), 256);
        QCOMPARE(m_fake->requests().first().json().value(QLatin1String("output_dimension")).toInt(), 256);
    }

    void base64VectorsEqualFloatOnes()
    {
        EmbeddingBatcher batcher(m_client);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = inputs(5);
        r.encodingFormat = QStringLiteral("base64");
        batcher.start(r);
        QVERIFY(finished.wait(5000));
        const EmbeddingResult result = finished.first().first().value<EmbeddingResult>();
        QCOMPARE(result.vectors.size(), 5);
        QCOMPARE(result.vectors.at(3).size(), 1024);
        const QVector<float> plain = single(r.inputs.at(3));
        for (qsizetype i = 0; i < plain.size(); ++i)
            QVERIFY(qAbs(plain.at(i) - result.vectors.at(3).at(i)) < 1e-6f);
    }

    void errorStopsEverything()
    {
        FakeScript bad;
        bad.kind = FakeScript::Kind::Error;
        bad.errorShape = FakeScript::ErrorShape::UnauthorizedMessage;
        m_fake->enqueue(bad);
        EmbeddingBatcher batcher(m_client);
        EmbeddingBatcher::Limits limits;
        limits.maxInputs = 5;
        limits.maxConcurrent = 1;
        batcher.setLimits(limits);
        QSignalSpy failed(&batcher, &EmbeddingBatcher::failed);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = inputs(50);
        batcher.start(r);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 401);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m_fake->requests().size(), 1); // nothing more was sent
    }

    void transientErrorIsRetried()
    {
        FakeScript busy;
        busy.kind = FakeScript::Kind::Error;
        busy.errorShape = FakeScript::ErrorShape::ServiceUnavailable;
        m_fake->enqueue(busy);
        EmbeddingBatcher batcher(m_client);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = inputs(3);
        batcher.start(r);
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void cancelStopsAndSaysSo()
    {
        EmbeddingBatcher batcher(m_client);
        EmbeddingBatcher::Limits limits;
        limits.maxInputs = 2;
        limits.maxConcurrent = 1;
        batcher.setLimits(limits);
        FakeScript slow;
        slow.firstByteDelayMs = 300;
        m_fake->enqueue(slow);
        QSignalSpy failed(&batcher, &EmbeddingBatcher::failed);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        EmbeddingRequest r;
        r.inputs = inputs(20);
        batcher.start(r);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requests().size(), 1, 3000);
        batcher.cancel();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Cancelled);
        QTest::qWait(500);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m_fake->requests().size(), 1);
        QVERIFY(!batcher.isRunning());
    }

    void emptyInputFinishesAtOnce()
    {
        EmbeddingBatcher batcher(m_client);
        QSignalSpy finished(&batcher, &EmbeddingBatcher::finished);
        batcher.start(EmbeddingRequest {});
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_fake->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingBatcher)
#include "tst_EmbeddingBatcher.moc"
