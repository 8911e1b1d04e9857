#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "common/AppPalette.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace md;

namespace {

const QString kPythonCode
    = QStringLiteral("def fib(n: int) -> int:\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n"
                     "    a, b = 0, 1\n    for _ in range(n):  # iterate\n"
                     "        a, b = b, a + b\n    return a");

QString imageDataUri()
{
    QImage image(160, 100, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, 160, 100);
    g.setColorAt(0, QColor(0xff, 0x82, 0x05));
    g.setColorAt(1, QColor(0x2a, 0x5c, 0xd6));
    p.fillRect(image.rect(), g);
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

ChatEntry user(const QString &text)
{
    ChatEntry e;
    e.message = ChatMessage::user(text);
    return e;
}

ChatEntry assistant(const QString &text, ChatEntry::State state = ChatEntry::State::Done)
{
    ChatEntry e;
    e.message = ChatMessage::assistant(text);
    e.model = QStringLiteral("mistral-large-latest");
    e.state = state;
    if (state != ChatEntry::State::Streaming) {
        e.usage = {1234, 256, 1490};
        e.hasUsage = true;
        e.costUsd = 0.0032;
        e.timeToFirstTokenMs = 412;
        e.tokensPerSecond = 61.4;
    }
    return e;
}

// What a user sees after a few turns: markdown, code, an image, reasoning, a stopped answer, an
// error card and an answer being streamed.
QList<ChatEntry> demoConversation()
{
    QList<ChatEntry> list;
    ChatEntry sys;
    sys.message = ChatMessage::system(QStringLiteral("You are a concise senior engineer."));
    list << sys;
    ChatEntry first = user(QStringLiteral("What does this chart show? And write me a fast Fibonacci in Python."));
    first.message.chunks = {ContentChunk::fromText(first.message.content), ContentChunk::image(imageDataUri())};
    first.message.content.clear();
    list << first;
    ChatEntry answer = assistant(
        QStringLiteral("The chart is a **gradient** from orange to blue, no data in it.\n\n"
                       "Here is an iterative version, `O(n)` time and `O(1)` memory:\n\n```python\n")
        + kPythonCode
        + QStringLiteral("\n```\n\nThen call it:\n\n```bash\npython3 -c 'from fib import fib; print(fib(90))'  # "
                         "2880067194370816120\n```\n\n- no recursion\n- works for large `n` (Python ints grow)\n"));
    answer.thinking = QStringLiteral("The user wants two things: describe the image and write code.");
    list << answer;
    list << user(QStringLiteral("Now in Rust, please."));
    ChatEntry stopped = assistant(QStringLiteral("Sure. In Rust the same loop reads:\n\n```rust\nfn fib(n: u32) -> "
                                                 "u128 {\n    let (mut a, mut b) = (0u128, 1u128);"),
                                  ChatEntry::State::Cancelled);
    stopped.finishReason.clear();
    list << stopped;
    list << user(QStringLiteral("Continue"));
    list << ChatEntry::errorCard(QStringLiteral("Mistral is rate limiting this key"),
                                 QStringLiteral("Too many requests in a short time. The request can be sent again "
                                                "when the limit resets."),
                                 429, QDateTime::currentDateTimeUtc().addSecs(12));
    ChatEntry streaming = assistant(QStringLiteral("Retrying with a smaller model. The loop keeps two numbers and "
                                                   "moves them forward"),
                                    ChatEntry::State::Streaming);
    streaming.model = QStringLiteral("mistral-small-latest");
    list << streaming;
    return list;
}

QList<ChatEntry> longConversation(int count)
{
    QList<ChatEntry> list;
    for (int i = 0; i < count; ++i) {
        if (i % 2 == 0)
            list << user(QStringLiteral("Question %1: how do I do thing %1?").arg(i));
        else
            list << assistant(QStringLiteral("Answer %1.\n\nUse this:\n\n```js\nconst x = %1;\n```\n\nDone.").arg(i));
    }
    return list;
}

QPushButton *visibleButton(QWidget *root, const QString &accessibleName)
{
    const QList<QPushButton *> buttons = root->findChildren<QPushButton *>();
    for (QPushButton *b : buttons) {
        if (b->isVisible() && b->accessibleName() == accessibleName)
            return b;
    }
    return nullptr;
}

} // namespace

class tst_ChatView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { applyPaletteFromEnvironment(); }

    void rendersTheNewestMessagesLazily()
    {
        ConversationModel model;
        model.setEntries(longConversation(600));
        ChatView view;
        view.resize(900, 700);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Only what is shown is laid out.
        QVERIFY2(view.layoutsBuilt() < 40, qPrintable(QString::number(view.layoutsBuilt())));
        const auto [first, last] = view.visibleRows();
        QCOMPARE(last, 599);
        QVERIFY(first > 590);
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
        const QImage shot = view.grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 3)
            for (int x = 0; x < shot.width(); x += 3)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 20, "the view painted (almost) nothing");
        // Going to the top lays out the first rows, not everything in between.
        view.verticalScrollBar()->setValue(0);
        QCOMPARE(view.visibleRows().first, 0);
        QVERIFY(view.layoutsBuilt() < 80);
        QVERIFY(!view.isFollowingBottom());
    }

    void actionBarAndKeysEmitSignals()
    {
        ConversationModel model;
        model.setEntries(demoConversation());
        ChatView view;
        view.resize(900, 1400);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy edit(&view, &ChatView::editRequested);
        QSignalSpy regenerate(&view, &ChatView::regenerateRequested);
        QSignalSpy cont(&view, &ChatView::continueRequested);
        QSignalSpy del(&view, &ChatView::deleteRequested);
        QSignalSpy retry(&view, &ChatView::retryRequested);

        // Hovering the user's message shows its toolbar: Edit and Delete, no Regenerate.
        const QRect userRect = view.rowRect(3);
        QVERIFY(!userRect.isEmpty());
        QTest::mouseMove(view.viewport(), userRect.center());
        auto *bar = view.findChild<ChatActionBar *>();
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(!bar->button(ChatActionBar::Action::Regenerate)->isVisible());
        QTest::mouseClick(bar->button(ChatActionBar::Action::Edit), Qt::LeftButton);
        QCOMPARE(edit.count(), 1);
        QCOMPARE(edit.first().at(0).toInt(), 3);

        // The assistant's: Regenerate, Continue, Delete, Copy.
        QTest::mouseMove(view.viewport(), view.rowRect(2).center());
        QTRY_VERIFY(bar->button(ChatActionBar::Action::Regenerate)->isVisible());
        QVERIFY(!bar->button(ChatActionBar::Action::Edit)->isVisible());
        QTest::mouseClick(bar->button(ChatActionBar::Action::Regenerate), Qt::LeftButton);
        QTest::mouseClick(bar->button(ChatActionBar::Action::Continue), Qt::LeftButton);
        QTest::mouseClick(bar->button(ChatActionBar::Action::Delete), Qt::LeftButton);
        QCOMPARE(regenerate.count(), 1);
        QCOMPARE(cont.count(), 1);
        QCOMPARE(del.count(), 1);
        QCOMPARE(regenerate.first().at(0).toInt(), 2);
        QTest::mouseClick(bar->button(ChatActionBar::Action::Copy), Qt::LeftButton);
        QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("The chart is a **gradient**")));
        QCOMPARE(bar->button(ChatActionBar::Action::Copy)->text(), QStringLiteral("Copied"));

        // Keyboard on the current message.
        view.setFocus();
        view.setCurrentRow(4);
        QTest::keyClick(&view, Qt::Key_R);
        QCOMPARE(regenerate.count(), 2);
        QCOMPARE(regenerate.last().at(0).toInt(), 4);
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.currentRow(), 3);
        QTest::keyClick(&view, Qt::Key_E);
        QCOMPARE(edit.count(), 2);
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(del.count(), 2);
        QTest::keyClick(&view, Qt::Key_R); // Regenerate does not apply to a user message
        QCOMPARE(regenerate.count(), 2);
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Now in Rust, please."));
        // The streaming answer offers no Regenerate/Delete.
        view.setCurrentRow(7);
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(del.count(), 2);

        // Context menu (keyboard): Continue on the stopped answer.
        view.setCurrentRow(4);
        QTimer::singleShot(50, this, [] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            QStringList names;
            for (QAction *a : menu->actions()) {
                names << a->text();
                if (a->text() == QLatin1String("Continue"))
                    a->trigger();
            }
            QVERIFY(names.contains(QStringLiteral("Copy message")));
            QVERIFY(names.contains(QStringLiteral("Delete")));
            menu->close();
        });
        QTest::keyClick(&view, Qt::Key_Menu);
        QCOMPARE(cont.count(), 2);
        QCOMPARE(cont.last().at(0).toInt(), 4);
        QCOMPARE(retry.count(), 0);
    }

    void codeBlockCopyButtonCopiesJustTheCode()
    {
        ConversationModel model;
        model.setEntries(demoConversation());
        ChatView view;
        view.resize(900, 1400);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QList<QPushButton *> copies;
        const QList<QPushButton *> all = view.viewport()->findChildren<QPushButton *>();
        for (QPushButton *b : all) {
            if (b->isVisible() && b->accessibleName() == QLatin1String("Copy code"))
                copies << b;
        }
        std::sort(copies.begin(), copies.end(), [](auto *a, auto *b) { return a->y() < b->y(); });
        QVERIFY(copies.size() >= 3); // python, bash, rust
        QTest::mouseClick(copies.first(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), kPythonCode);
        QCOMPARE(copies.first()->text(), QStringLiteral("Copied"));
        QTest::mouseClick(copies.at(1), Qt::LeftButton);
        QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("python3 -c")));
        QTRY_COMPARE_WITH_TIMEOUT(copies.first()->text(), QStringLiteral("Copy"), 3000);
    }

    void followsTheBottomOnlyWhenTheUserIsThere()
    {
        ConversationModel model;
        model.setEntries(longConversation(100));
        ChatEntry streaming = assistant(QString(), ChatEntry::State::Streaming);
        const int row = model.append(streaming);
        ChatView view;
        view.resize(800, 600);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar *bar = view.verticalScrollBar();
        QCOMPARE(bar->value(), bar->maximum());
        for (int i = 0; i < 40; ++i)
            model.appendText(row, u"A line of streamed text that grows the answer.\n\n");
        QTest::qWait(2 * ConversationModel::kStreamingNotifyIntervalMs);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(view.visibleRows().second == row);

        // The user scrolls up: streaming must not move the view.
        bar->setValue(bar->maximum() - 900);
        QVERIFY(!view.isFollowingBottom());
        const int kept = bar->value();
        const int oldMax = bar->maximum();
        const auto shownBefore = view.visibleRows();
        for (int i = 0; i < 40; ++i)
            model.appendText(row, u"More text arriving while the user reads above.\n\n");
        QTest::qWait(3 * ConversationModel::kStreamingNotifyIntervalMs);
        QTRY_VERIFY(bar->maximum() > oldMax);
        QCOMPARE(bar->value(), kept);
        QCOMPARE(view.visibleRows(), shownBefore);

        // Back at the bottom, following resumes.
        bar->setValue(bar->maximum());
        QVERIFY(view.isFollowingBottom());
        model.appendText(row, u"And the end.\n\n");
        QTest::qWait(2 * ConversationModel::kStreamingNotifyIntervalMs);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void errorCardCountsDownThenOffersRetry()
    {
        ConversationModel model;
        model.append(user(QStringLiteral("hello")));
        const int row = model.append(ChatEntry::errorCard(QStringLiteral("Mistral is rate limiting this key"),
                                                          QStringLiteral("Too many requests."), 429,
                                                          QDateTime::currentDateTimeUtc().addMSecs(2500)));
        ChatView view;
        view.resize(800, 500);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy retry(&view, &ChatView::retryRequested);
        QPushButton *button = visibleButton(view.viewport(), QStringLiteral("Retry"));
        QVERIFY(button);
        QVERIFY(!button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("Retry in 3 s"));
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("Retry in 2 s"), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 4000);
        QCOMPARE(button->text(), QStringLiteral("Retry"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(retry.count(), 1);
        QCOMPARE(retry.first().at(0).toInt(), row);
        // Enter on the card retries too.
        view.setFocus();
        view.setCurrentRow(row);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(retry.count(), 2);
    }

    void thinkingTogglesAndTextSelects()
    {
        ConversationModel model;
        model.setEntries(demoConversation());
        ChatView view;
        view.resize(900, 1400);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.isThinkingExpanded(2));
        const int before = view.rowRect(2).height();
        view.setThinkingExpanded(2, true);
        QVERIFY(view.isThinkingExpanded(2));
        QVERIFY(view.rowRect(2).height() > before);

        // Drag across the start of the user's question selects text; Ctrl+C copies it.
        const QRect r = view.rowRect(3);
        const int y = r.bottom() - 24; // the middle of the bubble's one line
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(r.right() - 140, y));
        QTest::mouseMove(view.viewport(), QPoint(r.right() - 80, y));
        QTest::mouseMove(view.viewport(), QPoint(r.right() - 10, y));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(r.right() - 10, y));
        const QString selected = view.selectedText();
        QVERIFY2(!selected.isEmpty() && QStringLiteral("Now in Rust, please.").contains(selected),
                 qPrintable(selected));
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), selected);
    }

    void rowsFollowModelChanges()
    {
        ConversationModel model;
        model.setEntries(demoConversation());
        ChatView view;
        view.resize(900, 900);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int rows = model.rowCount();
        model.truncateFrom(3);
        QCOMPARE(view.visibleRows().second, 2);
        model.append(user(QStringLiteral("again")));
        QCOMPARE(view.visibleRows().second, 3);
        ChatEntry done = model.entry(2);
        done.message.content = QStringLiteral("short now");
        model.updateEntry(2, done);
        QVERIFY(!view.rowRect(2).isEmpty());
        QVERIFY(rows > 4);
    }

    // Renders the demo conversation; with MD_CHAT_SCREENSHOT=<file.png> it is saved for people to look at.
    void screenshot()
    {
        ConversationModel model;
        model.setEntries(demoConversation());
        ChatView view;
        view.resize(1000, 1500);
        view.setConversation(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setThinkingExpanded(2, true);
        view.scrollToBottom();
        QTest::mouseMove(view.viewport(), view.rowRect(2).center());
        QTest::qWait(50);
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        const QString path = qEnvironmentVariable("MD_CHAT_SCREENSHOT");
        if (!path.isEmpty())
            QVERIFY(shot.save(path));
    }
};

QTEST_MAIN(tst_ChatView)
#include "tst_ChatView.moc"
