// The reference for bench_startup: the least a Qt Widgets app shows (a QMainWindow with a menu bar,
// a central widget and a status bar), started and probed exactly like mistral-desk.
#include "StartupProbe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("&File"));
    window.setCentralWidget(new QLabel(QStringLiteral("bare"), &window));
    window.statusBar()->showMessage(QStringLiteral("ready"));
    window.resize(1280, 820);
    md::installStartupProbe(&window);
    window.show();
    return app.exec();
}
