#include "api/EmbeddingBatcher.h"
#include "api/MistralClient.h"
#include "catalog/ModelCatalog.h"
#include "catalog/PriceTable.h"
#include "embeddings/EmbeddingExporter.h"
#include "embeddings/EmbeddingsInputPanel.h"
#include "embeddings/EmbeddingsPage.h"
#include "embeddings/EmbeddingsResultsView.h"
#include "embeddings/ProjectionPlot.h"
#include "embeddings/RankingModel.h"
#include "embeddings/SimilarityHeatmap.h"
#include "integration/ClientFixture.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace md;
using md::test::FakeScript;

// The embeddings page against FakeMistral: a run split into several requests that comes back in
// order, cancel mid-run, output options, the query, the views and an export.
class TestEmbeddingsPage : public QObject {
    Q_OBJECT
private:
    ClientFixture m_fixture;
    ModelCatalog m_catalog;
    PriceTable m_prices = PriceTable::defaults();

    TabServices services() { return {m_fixture.client.get(), &m_catalog, &m_prices, nullptr}; }

    static QStringList sampleTexts(int n)
    {
        QStringList texts;
        for (int i = 0; i < n; ++i)
            texts.append(QStringLiteral("Sentence %1 about topic %2").arg(i).arg(i % 17));
        return texts;
    }

    QList<QJsonObject> embeddingBodies() const
    {
        QList<QJsonObject> bodies;
        for (const test::FakeRequest &r : m_fixture.fake->requests()) {
            if (r.path == "/v1/embeddings")
                bodies.append(r.json());
        }
        return bodies;
    }

    // The vector FakeMistral gives one text, asked directly.
    QVector<float> directVector(const QString &text)
    {
        EmbeddingRequest request;
        request.inputs = {text};
        request.encodingFormat = QStringLiteral("base64"); // as the page asks: exact float32 values
        ApiCall *call = m_fixture.client->embeddings(request);
        QByteArray body;
        connect(call, &ApiCall::finished, this, [&body](const QByteArray &b) { body = b; });
        if (!QTest::qWaitFor([&body] { return !body.isEmpty(); }, 5000))
            return {};
        EmbeddingResult result;
        QString error;
        EmbeddingResult::fromJson(QJsonDocument::fromJson(body).object(), 1, &result, &error);
        return result.vectors.value(0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fixture.start());
        QVERIFY(m_catalog.loadJson({{QStringLiteral("object"), QStringLiteral("list")},
                                    {QStringLiteral("data"), test::FakeMistral::modelCards()}}));
    }

    void init()
    {
        m_fixture.fake->clearScripts();
        m_fixture.fake->clearRequests();
    }

    void modelsComeFromTheCatalogsEmbeddingModels()
    {
        EmbeddingsPage page(services());
        QStringList ids;
        for (int i = 0; i < page.modelPicker()->count(); ++i)
            ids.append(page.modelPicker()->itemData(i).toString());
        ids.sort();
        QCOMPARE(ids, QStringList({QStringLiteral("codestral-embed"), QStringLiteral("mistral-embed")}));
        QCOMPARE(page.request().model, QStringLiteral("mistral-embed"));
        QVERIFY(!page.dimensionField()->isEnabled()); // mistral-embed has no output options
        page.setModel(QStringLiteral("codestral-embed"));
        QVERIFY(page.dimensionField()->isEnabled());
        QVERIFY(page.dtypePicker()->isEnabled());
    }

    void bigRunIsSplitAndComesBackInOrder()
    {
        EmbeddingsPage page(services());
        page.resize(1200, 800);
        page.show();
        const QStringList texts = sampleTexts(2000);
        page.inputs()->setTexts(texts);
        QSignalSpy calls(&page, &EmbeddingsPage::callFinished);
        QSignalSpy ready(&page, &EmbeddingsPage::resultsReady);
        page.embedButton()->click();
        QVERIFY(page.isRunning());
        QVERIFY(page.cancelButton()->isEnabled());
        QVERIFY(!page.embedButton()->isEnabled());
        QVERIFY(ready.wait(20000));
        QCOMPARE(ready.first().first().toInt(), 2000);

        // Several requests (EmbeddingsPage::kInputsPerRequest inputs at most each), together holding
        // every input once.
        const int perRequest = EmbeddingsPage::kInputsPerRequest;
        const int expectedRequests = (2000 + perRequest - 1) / perRequest;
        const QList<QJsonObject> bodies = embeddingBodies();
        QCOMPARE(bodies.size(), expectedRequests);
        QStringList sent;
        QList<int> sizes;
        for (const QJsonObject &body : bodies) {
            QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("mistral-embed"));
            QCOMPARE(body.value(QLatin1String("encoding_format")).toString(), QStringLiteral("base64"));
            const QJsonArray input = body.value(QLatin1String("input")).toArray();
            sizes.append(int(input.size()));
            for (const QJsonValue &v : input)
                sent.append(v.toString());
        }
        QVERIFY(*std::max_element(sizes.cbegin(), sizes.cend()) <= perRequest);
        QStringList sortedSent = sent;
        QStringList sortedTexts = texts;
        sortedSent.sort();
        sortedTexts.sort();
        QCOMPARE(sortedSent, sortedTexts);

        // Vectors in input order: each equals what the fake gives that text on its own.
        QCOMPARE(page.vectors().size(), 2000);
        QCOMPARE(page.vectors().first().size(), 1024);
        for (const int i : {0, perRequest - 1, perRequest, 1337, 1999})
            QCOMPARE(page.vectors().at(i), directVector(texts.at(i)));

        // One callFinished per request, adding up to the run's usage, priced.
        QCOMPARE(calls.size(), expectedRequests);
        qint64 tokens = 0;
        for (const QList<QVariant> &call : std::as_const(calls)) {
            QCOMPARE(call.at(0).toString(), QStringLiteral("mistral-embed"));
            tokens += call.at(1).value<Usage>().promptTokens;
            QVERIFY(call.at(2).value<std::optional<double>>().has_value());
        }
        QCOMPARE(tokens, page.totalUsage().promptTokens);
        QVERIFY(tokens > 0);
        QVERIFY(page.statsLabel()->text().contains(QStringLiteral("requests: %1").arg(expectedRequests)));
        QVERIFY(page.embedButton()->isEnabled());
        QVERIFY(!page.cancelButton()->isEnabled());
        QCOMPARE(page.progressBar()->value(), page.progressBar()->maximum());

        // The heatmap is downsampled (2,000 > 160) and says so; every cell is a real pair.
        EmbeddingsResultsView *results = page.results();
        QVERIFY(QTest::qWaitFor([results] { return results->heatmap()->sampleSize() > 0; }, 10000));
        QCOMPARE(results->heatmap()->sampleSize(), EmbeddingsResultsView::kHeatmapMax);
        QVERIFY(results->heatmapNote()->text().contains(QLatin1String("Downsampled")));
        results->setCurrentIndex(0);
        const QRect cells = results->heatmap()->matrixRect();
        const SimilarityHeatmap::Hit hit = results->heatmap()->hitAt(cells.topLeft() + QPoint(2, 2));
        QCOMPARE(hit.a, 0);
        QCOMPARE(hit.b, 0);
        QVERIFY(std::abs(hit.score - 1.0f) < 1e-4f);

        // Neighbours of a chosen text, and the closest pairs of the whole set (off-thread).
        results->selectText(42);
        RankingModel *neighbours = results->neighbourModel();
        QVERIFY(QTest::qWaitFor([neighbours] { return neighbours->rowCount() == 10; }, 10000));
        QVERIFY(neighbours->ranking().first().index != 42);
        QVERIFY(neighbours->ranking().first().score >= neighbours->ranking().last().score);
        RankingModel *pairs = results->pairModel();
        QVERIFY(QTest::qWaitFor([pairs] { return pairs->rowCount() > 0; }, 60000));
    }

    void cancelMidRunDiscardsTheRun()
    {
        EmbeddingsPage page(services());
        page.show();
        // The first request answers at once, the others only after a while.
        m_fixture.fake->enqueue(FakeScript {});
        FakeScript slow;
        slow.firstByteDelayMs = 3000;
        for (int i = 0; i < 3; ++i)
            m_fixture.fake->enqueue(slow);
        page.inputs()->setTexts(sampleTexts(2000));
        QSignalSpy calls(&page, &EmbeddingsPage::callFinished);
        QSignalSpy progress(page.run(), &EmbeddingBatcher::progress);
        page.embed();
        QVERIFY(QTest::qWaitFor([&calls] { return calls.size() == 1; }, 5000));
        page.cancelButton()->click();
        QVERIFY(!page.isRunning());
        QVERIFY(!page.hasResults());
        QVERIFY(page.statusLabel()->text().contains(QLatin1String("Cancelled")));
        QVERIFY(page.embedButton()->isEnabled());
        QVERIFY(!page.cancelButton()->isEnabled());
        QCOMPARE(page.progressBar()->value(), 0);
        QTest::qWait(200); // nothing arrives late
        QCOMPARE(calls.size(), 1);
        QVERIFY(!page.hasResults());
    }

    void outputOptionsGoIntoTheRequest()
    {
        EmbeddingsPage page(services());
        page.setModel(QStringLiteral("codestral-embed"));
        page.setOutputOptions(256, QStringLiteral("int8"));
        page.inputs()->setTexts(sampleTexts(5));
        QSignalSpy ready(&page, &EmbeddingsPage::resultsReady);
        page.embed();
        QVERIFY(ready.wait(10000));
        const QJsonObject body = embeddingBodies().constFirst();
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("codestral-embed"));
        QCOMPARE(body.value(QLatin1String("output_dimension")).toInt(), 256);
        QCOMPARE(body.value(QLatin1String("output_dtype")).toString(), QStringLiteral("int8"));
        QVERIFY(!body.contains(QLatin1String("encoding_format"))); // integers stay JSON numbers
        QCOMPARE(page.vectors().first().size(), 256);
    }

    void queryIsEmbeddedWithTheSameSettingsAndRanked()
    {
        EmbeddingsPage page(services());
        page.show();
        const QStringList texts = sampleTexts(30);
        page.inputs()->setTexts(texts);
        QSignalSpy ready(&page, &EmbeddingsPage::resultsReady);
        page.embed();
        QVERIFY(ready.wait(10000));
        m_fixture.fake->clearRequests();
        QSignalSpy calls(&page, &EmbeddingsPage::callFinished);
        page.results()->queryEdit()->setText(texts.at(7));
        page.results()->queryButton()->click();
        RankingModel *query = page.results()->queryModel();
        QVERIFY(QTest::qWaitFor([query] { return query->rowCount() == 30; }, 5000));
        QCOMPARE(query->ranking().first().index, 7);
        QVERIFY(std::abs(query->ranking().first().score - 1.0f) < 1e-4f);
        const QJsonObject body = embeddingBodies().constFirst();
        QCOMPARE(body.value(QLatin1String("input")).toArray(), QJsonArray({texts.at(7)}));
        QCOMPARE(body.value(QLatin1String("encoding_format")).toString(), QStringLiteral("base64"));
        QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("mistral-embed"));
        QCOMPARE(calls.size(), 1);
    }

    void smallSetShowsEveryPairAndAMap()
    {
        EmbeddingsPage page(services());
        page.resize(1200, 800);
        page.show();
        page.inputs()->setTexts(sampleTexts(30));
        QSignalSpy ready(&page, &EmbeddingsPage::resultsReady);
        page.embed();
        QVERIFY(ready.wait(10000));
        EmbeddingsResultsView *results = page.results();
        QVERIFY(QTest::qWaitFor([results] { return !results->isComputing(); }, 10000));
        QCOMPARE(results->heatmap()->sampleSize(), 30); // no downsampling
        QVERIFY(!results->heatmapNote()->text().contains(QLatin1String("Downsampled")));
        QCOMPARE(results->map()->pointCount(), 30);

        // Hovering a cell reports that pair and its cosine, the same as a direct computation.
        results->setCurrentIndex(0);
        SimilarityHeatmap *heatmap = results->heatmap();
        QSignalSpy hovered(heatmap, &SimilarityHeatmap::pairHovered);
        const QRect cells = heatmap->matrixRect();
        const double cell = double(cells.width()) / 30;
        QTest::mouseMove(heatmap, cells.topLeft() + QPoint(int(cell * 5.5), int(cell * 2.5)));
        QVERIFY(hovered.size() >= 1);
        QCOMPARE(hovered.last().at(0).toInt(), 2); // row
        QCOMPARE(hovered.last().at(1).toInt(), 5); // column
        const QVector<float> &a = page.vectors().at(2);
        const QVector<float> &b = page.vectors().at(5);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.size(); ++i) {
            dot += double(a[i]) * b[i];
            na += double(a[i]) * a[i];
            nb += double(b[i]) * b[i];
        }
        QVERIFY(std::abs(hovered.last().at(2).toFloat() - dot / std::sqrt(na * nb)) < 1e-5);

        // A click on a cell lists the neighbours of its row.
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, cells.topLeft() + QPoint(int(cell * 5.5), int(cell * 2.5)));
        QCOMPARE(results->selectedText(), 2);
        QCOMPARE(results->neighbourModel()->rowCount(), 10);
    }

    void exportWritesTheVectors()
    {
        EmbeddingsPage page(services());
        page.inputs()->setTexts(sampleTexts(12));
        QSignalSpy ready(&page, &EmbeddingsPage::resultsReady);
        page.embed();
        QVERIFY(ready.wait(10000));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("vectors.npy"));
        QSignalSpy exported(&page, &EmbeddingsPage::exportFinished);
        page.exportTo(path, EmbeddingExporter::Format::Npy);
        QVERIFY(exported.wait(5000));
        QVERIFY(exported.first().first().toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(bytes, EmbeddingExporter::toNpy(page.vectors()));
        QVERIFY(bytes.contains("'shape': (12, 1024)"));
    }

    void serverErrorIsShownAndTheRunEnds()
    {
        EmbeddingsPage page(services());
        FakeScript error;
        error.kind = FakeScript::Kind::Error;
        error.errorShape = FakeScript::ErrorShape::InvalidRequest;
        error.text = QStringLiteral("Something is wrong with the input");
        m_fixture.fake->enqueue(error);
        page.inputs()->setTexts(sampleTexts(3));
        page.embed();
        QVERIFY(QTest::qWaitFor([&page] { return !page.isRunning(); }, 5000));
        QVERIFY2(page.statusLabel()->text().contains(QLatin1String("Something is wrong")),
                 qPrintable(page.statusLabel()->text()));
        QVERIFY(page.embedButton()->isEnabled());
        QVERIFY(!page.hasResults());
    }
};

QTEST_MAIN(TestEmbeddingsPage)
#include "tst_EmbeddingsPage.moc"
