#pragma once

#include <QString>
#include <QStringList>

namespace md {

// What the command line asked for. Parsed before any QApplication exists, so that --version and
// --help work without a display.
struct CommandLine {
    enum class Mode { Gui, Serve, Version, Help, Error };
    Mode mode = Mode::Gui;
    QString baseUrl; // --base-url, overrides the saved setting for this run
    // --serve options; empty = from the environment, then the default.
    QString host;
    QString port;
    QString token;
    QStringList allowedOrigins;
    bool logBodies = false;
    QString usageDb;
    QString text; // what to print for Version / Help / Error

    static CommandLine parse(const QStringList &arguments);
};

} // namespace md
