#include "chat/ChatView.h"
#include "chat/ConversationModel.h"
#include "common/AppPalette.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace md;

namespace {

ChatEntry entry(ChatMessage::Role role, const QString &text)
{
    ChatEntry e;
    e.message = role == ChatMessage::Role::User ? ChatMessage::user(text) : ChatMessage::assistant(text);
    if (role == ChatMessage::Role::Assistant)
        e.model = QStringLiteral("mistral-large-latest");
    return e;
}

} // namespace

// The ‹ i/n › switcher of messages with siblings (regenerations, edits).
class tst_BranchSwitcher : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { applyPaletteFromEnvironment(); }

    void modelKeepsBranchInfoPerEntry()
    {
        ConversationModel model;
        model.append(entry(ChatMessage::Role::User, QStringLiteral("Hello")));
        model.append(entry(ChatMessage::Role::Assistant, QStringLiteral("Hi")));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const quint64 before = model.revision(1);
        model.setBranchInfo(1, 2, 3);
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.revision(1) != before); // the view lays the header out again
        QCOMPARE(model.branchInfo(1), (BranchInfo {2, 3}));
        QCOMPARE(model.index(1).data(ConversationModel::BranchIndexRole).toInt(), 2);
        QCOMPARE(model.index(1).data(ConversationModel::BranchCountRole).toInt(), 3);
        model.setBranchInfo(1, 2, 3); // unchanged: no signal
        QCOMPARE(changed.count(), 1);
        // It follows the entry when a row above goes away.
        model.removeEntry(0);
        QCOMPARE(model.branchInfo(0), (BranchInfo {2, 3}));
        model.setBranchInfo(0, 1, 1); // count <= 1 hides it
        QVERIFY(!model.branchInfo(0).isShown());
        model.setBranchInfo(0, 7, 3); // index clamped
        QCOMPARE(model.branchInfo(0).index, 3);
        model.setEntries({entry(ChatMessage::Role::User, QStringLiteral("new"))});
        QVERIFY(!model.branchInfo(0).isShown());
    }

    void headerShowsSwitcherAndClicksEmit()
    {
        ConversationModel model;
        model.append(entry(ChatMessage::Role::User, QStringLiteral("Write a haiku about rain")));
        model.append(entry(ChatMessage::Role::Assistant, QStringLiteral("Soft rain on the roof")));
        ChatView view;
        view.setConversation(&model);
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.branchArrowRect(1, -1).isEmpty()); // no siblings: nothing shown

        model.setBranchInfo(1, 2, 3);
        model.setBranchInfo(0, 1, 2);
        QTRY_VERIFY(!view.branchArrowRect(1, -1).isEmpty());
        const QRect previous = view.branchArrowRect(1, -1);
        const QRect next = view.branchArrowRect(1, 1);
        QVERIFY(next.left() > previous.right()); // ‹ 2/3 ›
        QVERIFY(view.rowRect(1).contains(previous.center()));
        // The user's header is right-aligned: its switcher sits in the right half.
        QVERIFY(view.branchArrowRect(0, -1).left() > view.rowRect(0).center().x());

        // The label is painted between the arrows: text pixels there, none in a bare header.
        const QImage shot = view.viewport()->grab().toImage();
        const QRect label(previous.right() + 1, previous.top(), next.left() - previous.right() - 1, previous.height());
        const QColor background = shot.pixelColor(label.right() + next.width() + 30, label.center().y());
        bool inked = false;
        for (int x = label.left(); x <= label.right() && !inked; ++x) {
            for (int y = label.top(); y <= label.bottom() && !inked; ++y)
                inked = shot.pixelColor(x, y) != background;
        }
        QVERIFY(inked);

        QSignalSpy requested(&view, &ChatView::branchRequested);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, next.center());
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.last().at(0).toInt(), 1);
        QCOMPARE(requested.last().at(1).toInt(), 1);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, previous.center());
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.last().at(1).toInt(), -1);

        // At the first version there is no previous one.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.branchArrowRect(0, -1).center());
        QCOMPARE(requested.count(), 2);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.branchArrowRect(0, 1).center());
        QCOMPARE(requested.count(), 3);
        QCOMPARE(requested.last().at(0).toInt(), 0);
        QCOMPARE(requested.last().at(1).toInt(), 1);
    }

    void altArrowsOnCurrentMessage()
    {
        ConversationModel model;
        model.append(entry(ChatMessage::Role::User, QStringLiteral("Question")));
        model.append(entry(ChatMessage::Role::Assistant, QStringLiteral("Answer")));
        model.setBranchInfo(1, 3, 3);
        ChatView view;
        view.setConversation(&model);
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFocus();
        view.setCurrentRow(1);
        QSignalSpy requested(&view, &ChatView::branchRequested);
        QTest::keyClick(&view, Qt::Key_Right, Qt::AltModifier); // already the last version
        QCOMPARE(requested.count(), 0);
        QTest::keyClick(&view, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.last().at(0).toInt(), 1);
        QCOMPARE(requested.last().at(1).toInt(), -1);
        // The owner switched the branch: now 2/3, both ways work.
        model.setBranchInfo(1, 2, 3);
        QTest::keyClick(&view, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.last().at(1).toInt(), 1);
        // Rows without siblings ignore the keys.
        view.setCurrentRow(0);
        QTest::keyClick(&view, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(requested.count(), 2);
    }

    // With MD_SCREENSHOT_DIR set, saves a conversation with switchers for review.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("MD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("MD_SCREENSHOT_DIR not set");
        ConversationModel model;
        model.append(entry(ChatMessage::Role::User, QStringLiteral("Write a haiku about rain")));
        model.append(
            entry(ChatMessage::Role::Assistant,
                  QStringLiteral("Soft rain on the roof\nthe kettle starts to whisper\nbooks stay closed today")));
        model.setBranchInfo(0, 2, 2);
        model.setBranchInfo(1, 2, 3);
        ChatView view;
        view.setConversation(&model);
        view.resize(760, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(dir + QStringLiteral("/branch-")
                                 + qEnvironmentVariable("MISTRAL_DESK_PALETTE", QStringLiteral("system"))
                                 + QStringLiteral(".png")));
    }
};

QTEST_MAIN(tst_BranchSwitcher)
#include "tst_BranchSwitcher.moc"
