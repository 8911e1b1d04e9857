#include "settings/KeyField.h"
#include "settings/WelcomePage.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace md;

class tst_WelcomePage : public QObject {
    Q_OBJECT
private slots:
    void saysWhereToGetAKey();
    void submitsTheKey();
    void emptyKeyIsNotSubmitted();
    void noKeychainOffersSessionOnly();
    void showsErrorsAndBusyState();
};

void tst_WelcomePage::saysWhereToGetAKey()
{
    WelcomePage page;
    QString all;
    for (const QLabel *label : page.findChildren<QLabel *>())
        all += label->text() + QLatin1Char('\n');
    QVERIFY(all.contains(QStringLiteral("console.mistral.ai")));
    QVERIFY(all.contains(QStringLiteral("API keys")));
    QCOMPARE(page.keyField()->lineEdit()->echoMode(), QLineEdit::Password);
}

void tst_WelcomePage::submitsTheKey()
{
    WelcomePage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy submitted(&page, &WelcomePage::keySubmitted);
    QTest::keyClicks(page.keyField()->lineEdit(), QStringLiteral("  my-key-123  "));
    QTest::keyClick(page.keyField()->lineEdit(), Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), QStringLiteral("my-key-123"));
    QCOMPARE(submitted.at(0).at(1).toBool(), false);
    QTest::mouseClick(page.submitButton(), Qt::LeftButton);
    QCOMPARE(submitted.size(), 2);
}

void tst_WelcomePage::emptyKeyIsNotSubmitted()
{
    WelcomePage page;
    QSignalSpy submitted(&page, &WelcomePage::keySubmitted);
    QVERIFY(!page.submitButton()->isEnabled());
    QTest::keyClicks(page.keyField()->lineEdit(), QStringLiteral("   "));
    QTest::keyClick(page.keyField()->lineEdit(), Qt::Key_Return);
    QVERIFY(!page.submitButton()->isEnabled());
    QCOMPARE(submitted.size(), 0);
}

void tst_WelcomePage::noKeychainOffersSessionOnly()
{
    WelcomePage page;
    page.show();
    auto *notice = page.findChild<QLabel *>(QStringLiteral("welcomeKeychainNotice"));
    QVERIFY(!notice->isVisible());
    page.setKeychainAvailable(false);
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QStringLiteral("this session only")));
    QVERIFY(page.submitButton()->text().contains(QStringLiteral("session")));
    QSignalSpy submitted(&page, &WelcomePage::keySubmitted);
    QTest::keyClicks(page.keyField()->lineEdit(), QStringLiteral("k-123"));
    QTest::mouseClick(page.submitButton(), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.at(0).at(1).toBool(), true);
    page.setKeychainAvailable(true);
    QVERIFY(!notice->isVisible());
}

void tst_WelcomePage::showsErrorsAndBusyState()
{
    WelcomePage page;
    page.show();
    QSignalSpy submitted(&page, &WelcomePage::keySubmitted);
    QTest::keyClicks(page.keyField()->lineEdit(), QStringLiteral("bad-key"));
    page.setBusy(true);
    QVERIFY(!page.submitButton()->isEnabled());
    QVERIFY(!page.keyField()->isEnabled());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("welcomeBusy"))->isVisible());
    QTest::keyClick(page.keyField()->lineEdit(), Qt::Key_Return);
    QCOMPARE(submitted.size(), 0);

    const QString message = QStringLiteral("Mistral did not accept this key (401).");
    page.setBusy(false);
    page.showError(message);
    QCOMPARE(page.errorText(), message);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("welcomeError"))->isVisible());
    QVERIFY(!page.findChild<QLabel *>(QStringLiteral("welcomeBusy"))->isVisible());
    QVERIFY(page.submitButton()->isEnabled());
    // Submitting again clears the old error.
    QTest::mouseClick(page.submitButton(), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    QVERIFY(page.errorText().isEmpty());

    // Show toggles the mask.
    QTest::mouseClick(page.keyField()->showButton(), Qt::LeftButton);
    QCOMPARE(page.keyField()->lineEdit()->echoMode(), QLineEdit::Normal);
}

QTEST_MAIN(tst_WelcomePage)
#include "tst_WelcomePage.moc"
