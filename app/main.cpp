#include "CommandLine.h"
#include "HeadlessProxy.h"
#include "StartupProbe.h"

#include "MainWindow.h"
#include "api/MistralClient.h"
#include "common/FirstPaint.h"
#include "proxy/ProxyServer.h"
#include "secrets/KeychainSecretStore.h"
#include "settings/AppSettings.h"
#include "settings/TranslationInstaller.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const md::CommandLine commandLine = md::CommandLine::parse(arguments);
    switch (commandLine.mode) {
    case md::CommandLine::Mode::Version:
    case md::CommandLine::Mode::Help:
        std::fputs(commandLine.text.toLocal8Bit().constData(), stdout);
        return 0;
    case md::CommandLine::Mode::Error:
        std::fputs(commandLine.text.toLocal8Bit().constData(), stderr);
        return 2;
    case md::CommandLine::Mode::Serve: {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("Mistral Desk"));
        QCoreApplication::setApplicationVersion(QStringLiteral(MD_VERSION));
        QStringList errors;
        const md::ServeSettings settings
            = md::ServeSettings::resolve({commandLine.host, commandLine.port, commandLine.token, commandLine.baseUrl,
                                          commandLine.allowedOrigins, commandLine.logBodies, commandLine.usageDb},
                                         QProcessEnvironment::systemEnvironment(), &errors);
        if (!errors.isEmpty()) {
            for (const QString &error : std::as_const(errors))
                std::fprintf(stderr, "mistral-desk --serve: %s\n", error.toLocal8Bit().constData());
            return 2;
        }
        md::HeadlessProxy proxy;
        return proxy.run(settings);
    }
    case md::CommandLine::Mode::Gui:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mistral Desk"));
    QApplication::setOrganizationName(QStringLiteral("MistralDesk"));
    QApplication::setApplicationVersion(QStringLiteral(MD_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.mistraldesk.MistralDesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mistral-desk.png")));
    md::TranslationInstaller::install(&app);

    md::MistralClient client;
    const md::AppSettings settings = md::AppSettings::load();
    client.setBaseUrl(commandLine.baseUrl.isEmpty() ? settings.baseUrl : QUrl(commandLine.baseUrl));
    client.setTimeoutMs(settings.timeoutSeconds * 1000);
    md::KeychainSecretStore secrets;
    // Declared before the window, so that it outlives the Proxy page that points at it.
    std::unique_ptr<md::ProxyServer> proxy;
    md::MainWindow window(&client, &secrets, nullptr, nullptr, QUrl(commandLine.baseUrl));
    md::installStartupProbe(&window);
    window.show();
    window.startUp();
    // Nothing of the proxy is needed for the first screen: it is made once the window is painted (its
    // page then starts it when it was on at the last quit).
    md::afterFirstPaint(&window, [&] {
        proxy = std::make_unique<md::ProxyServer>(&client);
        window.setProxy(proxy.get());
    });
    return app.exec();
}
