#include "common/AppPalette.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

using namespace md;

class tst_AppTheme : public QObject {
    Q_OBJECT
private slots:
    void names();
    void switchesAndRestoresSystem();
    void environmentWins();
};

void tst_AppTheme::names()
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
        QCOMPARE(themeFromName(themeName(t)), t);
    QCOMPARE(themeFromName(QStringLiteral(" DARK ")), Theme::Dark);
    QVERIFY(!themeFromName(QStringLiteral("purple")));
}

void tst_AppTheme::switchesAndRestoresSystem()
{
    qunsetenv("MISTRAL_DESK_PALETTE");
    const QString systemStyle = QApplication::style()->name();
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);

    applyTheme(Theme::Dark);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);

    applyTheme(Theme::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 80);

    applyTheme(Theme::Dark);
    applyTheme(Theme::System);
    QCOMPARE(QApplication::style()->name(), systemStyle);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
}

void tst_AppTheme::environmentWins()
{
    qputenv("MISTRAL_DESK_PALETTE", "light");
    QCOMPARE(themeFromEnvironment(), Theme::Light);
    applyTheme(Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    qputenv("MISTRAL_DESK_PALETTE", "dark");
    applyTheme(Theme::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    applyTheme(Theme::System);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    qunsetenv("MISTRAL_DESK_PALETTE");
    applyTheme(Theme::System);
}

QTEST_MAIN(tst_AppTheme)
#include "tst_AppTheme.moc"
