#include "viewcode/RequestCode.h"
#include "viewcode/ViewCodeDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace md;

class tst_ViewCodeDialog : public QObject {
    Q_OBJECT
private slots:
    void showsThreeSnippets();
    void streamingBoxSwitchesVariant();
    void copyPutsSnippetOnClipboard();
};

namespace {
ChatRequest request()
{
    ChatRequest r;
    r.model = QStringLiteral("mistral-small-latest");
    r.messages = {ChatMessage::user(QStringLiteral("It's \"quoted\"\nand multi-line"))};
    r.temperature = 0.3;
    r.maxTokens = 100;
    return r;
}
} // namespace

void tst_ViewCodeDialog::showsThreeSnippets()
{
    const QUrl base(QStringLiteral("http://localhost:8080"));
    ViewCodeDialog dialog(request(), base, false);
    QCOMPARE(dialog.tabs()->count(), 3);
    QCOMPARE(dialog.tabs()->tabText(0), QStringLiteral("curl"));
    QCOMPARE(dialog.tabs()->tabText(1), QStringLiteral("Python"));
    QCOMPARE(dialog.tabs()->tabText(2), QStringLiteral("TypeScript"));
    QCOMPARE(dialog.snippet(0), RequestCode::curl(request(), base, false));
    QCOMPARE(dialog.snippet(1), RequestCode::python(request(), false, base));
    QCOMPARE(dialog.snippet(2), RequestCode::typescript(request(), false, base));
    const auto edits = dialog.findChildren<QPlainTextEdit *>();
    QCOMPARE(edits.size(), 3);
    for (const QPlainTextEdit *edit : edits) {
        QVERIFY(edit->isReadOnly());
        QVERIFY(QFontInfo(edit->font()).fixedPitch());
        QVERIFY(!edit->accessibleName().isEmpty());
    }
}

void tst_ViewCodeDialog::streamingBoxSwitchesVariant()
{
    ViewCodeDialog dialog(request(), QUrl(), false);
    QVERIFY(!dialog.streamBox()->isChecked());
    QVERIFY(!dialog.snippet(0).contains(QStringLiteral("--no-buffer")));
    dialog.streamBox()->setChecked(true);
    QVERIFY(dialog.snippet(0).contains(QStringLiteral("--no-buffer")));
    QVERIFY(dialog.snippet(1).contains(QStringLiteral("client.chat.stream(")));
    QVERIFY(dialog.snippet(2).contains(QStringLiteral("client.chat.stream(")));
}

void tst_ViewCodeDialog::copyPutsSnippetOnClipboard()
{
    ViewCodeDialog dialog(request(), QUrl(), true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    for (int tab = 0; tab < 3; ++tab) {
        dialog.tabs()->setCurrentIndex(tab);
        const QString name = dialog.tabs()->tabText(tab);
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("viewCodeCopy") + name);
        QVERIFY(copy);
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), dialog.snippet(tab));
        QCOMPARE(copy->text(), QStringLiteral("Copied"));
    }
}

QTEST_MAIN(tst_ViewCodeDialog)
#include "tst_ViewCodeDialog.moc"
