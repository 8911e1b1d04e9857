#include "common/AppPalette.h"
#include "history/HistoryDates.h"
#include "history/HistoryListModel.h"
#include "history/HistorySidebar.h"
#include "history/SearchResultModel.h"
#include "history/UndoBar.h"
#include "store/ConversationStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

ChatEntry message(ChatMessage::Role role, const QString &text)
{
    ChatEntry e;
    e.message.role = role;
    e.message.content = text;
    if (role == ChatMessage::Role::Assistant)
        e.model = QStringLiteral("mistral-small-latest");
    return e;
}

} // namespace

class tst_HistorySidebar : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyPaletteFromEnvironment(); }
    void init();
    void cleanup();
    void groupsByDate();
    void relativeTimes();
    void renameInPlaceWithF2();
    void pinMovesToPinned();
    void deleteThenUndoRestores();
    void enterOpensConversation();
    void searchHighlightsAndOpensMessage();
    void searchIsDebounced();
    void exportsMarkdownAndJson();
    void screenshot();

private:
    qint64 addConversation(const QString &title, const QDateTime &updatedAt, const QString &userText = {},
                           const QString &answer = {}, qint64 *answerId = nullptr);
    void setUpdatedAt(qint64 id, const QDateTime &when);
    QListView *list() const { return m_sidebar->findChild<QListView *>(QStringLiteral("historyList")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<HistorySidebar> m_sidebar;
    const QDateTime m_now {QDate(2025, 3, 20), QTime(12, 0)};
};

void tst_HistorySidebar::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<ConversationStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("history.sqlite")), &error), qPrintable(error));
    m_sidebar = std::make_unique<HistorySidebar>(m_store.get());
    m_sidebar->listModel()->setNow(m_now);
    m_sidebar->resize(320, 600);
}

void tst_HistorySidebar::cleanup()
{
    m_sidebar.reset();
    m_store.reset();
    m_dir.reset();
}

qint64 tst_HistorySidebar::addConversation(const QString &title, const QDateTime &updatedAt, const QString &userText,
                                           const QString &answer, qint64 *answerId)
{
    const qint64 id = m_store->createConversation(title);
    qint64 parent = 0;
    if (!userText.isEmpty())
        parent = m_store->appendMessage(id, 0, message(ChatMessage::Role::User, userText));
    if (!answer.isEmpty()) {
        const qint64 a = m_store->appendMessage(id, parent, message(ChatMessage::Role::Assistant, answer));
        if (answerId)
            *answerId = a;
    }
    setUpdatedAt(id, updatedAt);
    return id;
}

void tst_HistorySidebar::setUpdatedAt(qint64 id, const QDateTime &when)
{
    // The store has no API to back-date a conversation; the tests write the column directly.
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"));
    q.addBindValue(when.toMSecsSinceEpoch());
    q.addBindValue(id);
    QVERIFY(q.exec());
}

void tst_HistorySidebar::groupsByDate()
{
    const qint64 today = addConversation(QStringLiteral("Today chat"), m_now.addSecs(-45 * 60));
    addConversation(QStringLiteral("Yesterday chat"), m_now.addDays(-1));
    addConversation(QStringLiteral("Four days"), m_now.addDays(-4));
    addConversation(QStringLiteral("Twenty days"), m_now.addDays(-20));
    addConversation(QStringLiteral("January"), QDateTime(QDate(2025, 1, 15), QTime(9, 0)));
    addConversation(QStringLiteral("December"), QDateTime(QDate(2024, 12, 2), QTime(9, 0)));
    const qint64 pinned = addConversation(QStringLiteral("Pinned old"), QDateTime(QDate(2024, 6, 1), QTime(9, 0)));
    QVERIFY(m_store->setPinned(pinned, true)); // emits conversationsChanged: the sidebar reloads
    setUpdatedAt(pinned, QDateTime(QDate(2024, 6, 1), QTime(9, 0)));
    m_sidebar->reload();

    HistoryListModel *model = m_sidebar->listModel();
    const QStringList expected {QStringLiteral("Pinned"),
                                QStringLiteral("Today"),
                                QStringLiteral("Yesterday"),
                                QStringLiteral("Previous 7 days"),
                                QStringLiteral("Previous 30 days"),
                                QLocale().toString(QDate(2025, 1, 15), QStringLiteral("MMMM yyyy")),
                                QLocale().toString(QDate(2024, 12, 2), QStringLiteral("MMMM yyyy"))};
    QCOMPARE(model->groupLabels(), expected);
    QCOMPARE(model->conversationCount(), 7);
    // Each header is followed by its conversation; headers can't be selected.
    QCOMPARE(model->index(0).data().toString(), QStringLiteral("Pinned"));
    QVERIFY(model->index(0).data(HistoryListModel::IsHeaderRole).toBool());
    QCOMPARE(model->flags(model->index(0)) & Qt::ItemIsSelectable, Qt::ItemFlags());
    QCOMPARE(model->conversationAt(1), pinned);
    QCOMPARE(model->conversationAt(3), today);
    QCOMPARE(model->index(3).data().toString(), QStringLiteral("Today chat"));
    QCOMPARE(model->index(3).data(HistoryListModel::RelativeTimeRole).toString(), QStringLiteral("45 min ago"));
    QVERIFY(model->index(3).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Today chat")));

    // The open conversation is highlighted.
    m_sidebar->setCurrentConversation(today);
    QCOMPARE(list()->currentIndex().row(), 3);
    QVERIFY(list()->selectionModel()->isSelected(model->index(3)));
}

void tst_HistorySidebar::relativeTimes()
{
    using HistoryDates::relativeTime;
    QCOMPARE(relativeTime(m_now.addSecs(-20), m_now), QStringLiteral("just now"));
    QCOMPARE(relativeTime(m_now.addSecs(-5 * 60), m_now), QStringLiteral("5 min ago"));
    const QString earlier = relativeTime(m_now.addSecs(-3 * 3600), m_now);
    QVERIFY2(earlier.contains(QStringLiteral("9:00")) && !earlier.contains(QStringLiteral("9:00:00")),
             qPrintable(earlier));
    QCOMPARE(relativeTime(m_now.addDays(-1), m_now), QStringLiteral("Yesterday"));
    QCOMPARE(relativeTime(m_now.addDays(-3), m_now),
             QLocale().dayName(m_now.addDays(-3).date().dayOfWeek(), QLocale::ShortFormat));
    QCOMPARE(relativeTime(QDateTime(QDate(2024, 5, 2), QTime(8, 0)), m_now),
             QLocale().toString(QDate(2024, 5, 2), QStringLiteral("d MMM yyyy")));
}

void tst_HistorySidebar::renameInPlaceWithF2()
{
    const qint64 id = addConversation(QStringLiteral("Old title"), m_now.addSecs(-60));
    m_sidebar->reload();
    m_sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_sidebar.get()));
    m_sidebar->setCurrentConversation(id);
    list()->setFocus();
    QTest::keyClick(list(), Qt::Key_F2);
    auto *editor = list()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->text(), QStringLiteral("Old title"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Trip to Lyon"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on Return through a queued call.
    QTRY_COMPARE(m_store->conversation(id)->title, QStringLiteral("Trip to Lyon"));
    const int row = m_sidebar->listModel()->rowOfConversation(id);
    QCOMPARE(m_sidebar->listModel()->index(row).data().toString(), QStringLiteral("Trip to Lyon"));
}

void tst_HistorySidebar::pinMovesToPinned()
{
    addConversation(QStringLiteral("Newer"), m_now.addSecs(-60));
    const qint64 older = addConversation(QStringLiteral("Older"), m_now.addDays(-3));
    m_sidebar->reload();
    QCOMPARE(m_sidebar->listModel()->groupLabels(),
             (QStringList {QStringLiteral("Today"), QStringLiteral("Previous 7 days")}));
    m_sidebar->togglePinned(older);
    QVERIFY(m_store->conversation(older)->pinned);
    QCOMPARE(m_sidebar->listModel()->groupLabels().first(), QStringLiteral("Pinned"));
    QCOMPARE(m_sidebar->listModel()->conversationAt(1), older);
    QVERIFY(m_sidebar->listModel()->index(1).data(HistoryListModel::PinnedRole).toBool());
    m_sidebar->togglePinned(older);
    QVERIFY(!m_store->conversation(older)->pinned);
    QVERIFY(!m_sidebar->listModel()->groupLabels().contains(QStringLiteral("Pinned")));
}

void tst_HistorySidebar::deleteThenUndoRestores()
{
    const qint64 keep = addConversation(QStringLiteral("Keep me"), m_now.addSecs(-60));
    const qint64 doomed = addConversation(QStringLiteral("Delete me"), m_now.addSecs(-120), QStringLiteral("hello"));
    m_sidebar->reload();
    m_sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_sidebar.get()));
    QSignalSpy deleted(m_sidebar.get(), &HistorySidebar::conversationDeleted);
    QSignalSpy restored(m_sidebar.get(), &HistorySidebar::conversationRestored);
    m_sidebar->setCurrentConversation(doomed);
    list()->setFocus();
    QTest::keyClick(list(), Qt::Key_Delete);

    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().first().toLongLong(), doomed);
    QCOMPARE(m_sidebar->listModel()->rowOfConversation(doomed), -1);
    QCOMPARE(m_store->conversations().size(), 1);
    QVERIFY(m_store->conversation(doomed)->deleted);
    // The selection moved to the neighbour, so Delete again would not hit a header.
    QCOMPARE(m_sidebar->listModel()->conversationAt(list()->currentIndex().row()), keep);

    auto *bar = m_sidebar->findChild<UndoBar *>();
    QVERIFY(bar && bar->isVisible());
    QCOMPARE(bar->text(), QStringLiteral("Deleted “Delete me”"));
    QTest::mouseClick(bar->undoButton(), Qt::LeftButton);
    QCOMPARE(restored.count(), 1);
    QVERIFY(!bar->isVisible());
    QVERIFY(!m_store->conversation(doomed)->deleted);
    QVERIFY(m_sidebar->listModel()->rowOfConversation(doomed) >= 0);
    QCOMPARE(m_store->activePath(doomed).size(), 1); // its messages came back too

    // Unanswered, the bar goes away on its own and the deletion stays.
    m_sidebar->deleteConversation(doomed);
    QVERIFY(bar->isVisible());
    bar->showFor(doomed, QStringLiteral("Delete me"), 50);
    QTRY_VERIFY(!bar->isVisible());
    QVERIFY(m_store->conversation(doomed)->deleted);
}

void tst_HistorySidebar::enterOpensConversation()
{
    const qint64 id = addConversation(QStringLiteral("Open me"), m_now.addSecs(-60));
    m_sidebar->reload();
    QSignalSpy open(m_sidebar.get(), &HistorySidebar::openRequested);
    m_sidebar->setCurrentConversation(id);
    QTest::keyClick(list(), Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toLongLong(), id);
    QCOMPARE(open.first().at(1).toLongLong(), 0);
    QSignalSpy created(m_sidebar.get(), &HistorySidebar::newConversationRequested);
    QTest::mouseClick(m_sidebar->findChild<QWidget *>(QStringLiteral("historyNewButton")), Qt::LeftButton);
    QCOMPARE(created.count(), 1);
}

void tst_HistorySidebar::searchHighlightsAndOpensMessage()
{
    qint64 answer = 0;
    const qint64 id = addConversation(
        QStringLiteral("Cluster setup"), m_now.addSecs(-60), QStringLiteral("How do I deploy on Kubernetes?"),
        QStringLiteral("Use a Deployment and a Service; kubectl apply does it."), &answer);
    addConversation(QStringLiteral("Cooking"), m_now.addSecs(-120), QStringLiteral("A recipe for ratatouille"),
                    QStringLiteral("Courgettes, aubergines, tomatoes."));
    m_sidebar->reload();
    QSignalSpy open(m_sidebar.get(), &HistorySidebar::openRequested);
    auto *search = m_sidebar->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    search->setText(QStringLiteral("kubectl"));
    m_sidebar->searchNow();

    SearchResultModel *results = m_sidebar->searchModel();
    QCOMPARE(results->rowCount(), 1);
    const QModelIndex hit = results->index(0);
    QCOMPARE(hit.data().toString(), QStringLiteral("Cluster setup"));
    QCOMPARE(hit.data(SearchResultModel::MessageIdRole).toLongLong(), answer);
    const QString snippet = hit.data(SearchResultModel::SnippetRole).toString();
    QVERIFY2(!snippet.contains(QChar(0x02)) && !snippet.contains(QChar(0x03)), qPrintable(snippet));
    const QVariantList ranges = hit.data(SearchResultModel::HighlightsRole).toList();
    QCOMPARE(ranges.size(), 1);
    const QPoint range = ranges.first().toPoint();
    QCOMPARE(snippet.mid(range.x(), range.y()), QStringLiteral("kubectl"));
    QVERIFY(m_sidebar->findChild<QListView *>(QStringLiteral("historySearchResults"))->isVisibleTo(m_sidebar.get()));
    QVERIFY(!list()->isVisibleTo(m_sidebar.get()));

    // Enter in the field opens the first hit, scrolled to the message.
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(0).toLongLong(), id);
    QCOMPARE(open.first().at(1).toLongLong(), answer);

    // Down moves into the results, Enter there opens too.
    QTest::keyClick(search, Qt::Key_Down);
    auto *resultView = m_sidebar->findChild<QListView *>(QStringLiteral("historySearchResults"));
    QTest::keyClick(resultView, Qt::Key_Return);
    QCOMPARE(open.count(), 2);

    // Escape clears the search and shows the list again.
    QTest::keyClick(resultView, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QVERIFY(list()->isVisibleTo(m_sidebar.get()));

    // The snippet marks: ranges of the plain text.
    QList<QPair<int, int>> marks;
    QCOMPARE(SearchResultModel::stripMarks(QStringLiteral("a \x02"
                                                          "bc\x03 d \x02"
                                                          "e\x03"),
                                           &marks),
             QStringLiteral("a bc d e"));
    QCOMPARE(marks, (QList<QPair<int, int>> {{2, 2}, {7, 1}}));
}

void tst_HistorySidebar::searchIsDebounced()
{
    addConversation(QStringLiteral("Fruit"), m_now.addSecs(-60), QStringLiteral("bananas and apples"));
    m_sidebar->reload();
    auto *search = m_sidebar->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    QTest::keyClicks(search, QStringLiteral("banan"));
    QCOMPARE(m_sidebar->searchModel()->rowCount(), 0); // not yet: the user is still typing
    QTRY_COMPARE_WITH_TIMEOUT(m_sidebar->searchModel()->rowCount(), 1, 2000);
    QVERIFY(m_sidebar->lastSearchDurationMs() >= 0);
    QTest::keyClicks(search, QStringLiteral("zzz"));
    QTRY_COMPARE_WITH_TIMEOUT(m_sidebar->searchModel()->rowCount(), 0, 2000);
    auto *status = m_sidebar->findChild<QLabel *>(QStringLiteral("historySearchStatus"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("Nothing found")));
}

void tst_HistorySidebar::exportsMarkdownAndJson()
{
    const qint64 id = addConversation(QStringLiteral("Export me"), m_now.addSecs(-60), QStringLiteral("Question here"),
                                      QStringLiteral("Answer there"));
    const QString md = m_dir->filePath(QStringLiteral("one.md"));
    const QString json = m_dir->filePath(QStringLiteral("one.json"));
    QString error;
    QVERIFY2(m_sidebar->exportConversationTo(id, HistorySidebar::ExportFormat::Markdown, md, &error),
             qPrintable(error));
    QVERIFY2(m_sidebar->exportConversationTo(id, HistorySidebar::ExportFormat::Json, json, &error), qPrintable(error));
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(mdFile.readAll());
    QVERIFY(text.contains(QStringLiteral("Question here")));
    QVERIFY(text.contains(QStringLiteral("Answer there")));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("mistral-desk-history"));
    QCOMPARE(doc.value(QStringLiteral("conversations")).toArray().size(), 1);
    // A file that can't be written says why.
    QVERIFY(!m_sidebar->exportConversationTo(id, HistorySidebar::ExportFormat::Json,
                                             m_dir->filePath(QStringLiteral("missing/dir/x.json")), &error));
    QVERIFY(error.contains(QStringLiteral("Could not write")));
}

// With MD_SCREENSHOT_DIR set, saves the sidebar (list, then search results) for review.
void tst_HistorySidebar::screenshot()
{
    const QString dir = qEnvironmentVariable("MD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("MD_SCREENSHOT_DIR not set");
    const QString theme = qEnvironmentVariable("MISTRAL_DESK_PALETTE", QStringLiteral("system"));
    const QDateTime now = QDateTime::currentDateTime();
    m_sidebar->listModel()->setNow({});
    const qint64 pinned = addConversation(QStringLiteral("Release checklist"), now.addDays(-12),
                                          QStringLiteral("What is left before the 1.0 release?"),
                                          QStringLiteral("Packaging, the AppStream metadata and the docs."));
    m_store->setPinned(pinned, true);
    const qint64 open
        = addConversation(QStringLiteral("Deploying the proxy on Kubernetes"), now.addSecs(-300),
                          QStringLiteral("How do I deploy the proxy on Kubernetes?"),
                          QStringLiteral("Write a Deployment and a Service, then kubectl apply -f proxy.yaml "
                                         "and check the rollout with kubectl rollout status."));
    addConversation(QStringLiteral("Regex for ISO dates"), now.addSecs(-3 * 3600),
                    QStringLiteral("regex for 2024-03-01"), QStringLiteral("\\d{4}-\\d{2}-\\d{2}"));
    addConversation(QStringLiteral("Haiku about rain"), now.addDays(-1), QStringLiteral("A haiku about rain"),
                    QStringLiteral("Soft rain on the roof"));
    addConversation(QStringLiteral("Kubernetes liveness probes explained"), now.addDays(-3),
                    QStringLiteral("liveness vs readiness in kubernetes"),
                    QStringLiteral("A liveness probe restarts the pod; kubectl describe shows failures."));
    addConversation(QStringLiteral("Trip to Lyon"), now.addDays(-5), QStringLiteral("Three days in Lyon"),
                    QStringLiteral("Vieux Lyon, Fourvière, the traboules."));
    addConversation(QStringLiteral("SQL window functions"), now.addDays(-18), QStringLiteral("rank() over partition"),
                    QStringLiteral("Use ROW_NUMBER() OVER (PARTITION BY ...)"));
    addConversation(QStringLiteral("Cover letter draft"), now.addDays(-75), QStringLiteral("cover letter"),
                    QStringLiteral("Dear hiring manager"));
    addConversation(QStringLiteral("Mistral API rate limits"), now.addDays(-110), QStringLiteral("429 errors"),
                    QStringLiteral("Back off and retry"));
    m_sidebar->reload();
    m_sidebar->setCurrentConversation(open);
    m_sidebar->resize(320, 640);
    m_sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_sidebar.get()));
    QVERIFY(m_sidebar->grab().save(dir + QStringLiteral("/history-list-") + theme + QStringLiteral(".png")));
    auto *search = m_sidebar->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    search->setText(QStringLiteral("kubectl"));
    m_sidebar->searchNow();
    m_sidebar->deleteConversation(m_store->conversations().last().id);
    QVERIFY(m_sidebar->grab().save(dir + QStringLiteral("/history-") + theme + QStringLiteral(".png")));
}

QTEST_MAIN(tst_HistorySidebar)
#include "tst_HistorySidebar.moc"
