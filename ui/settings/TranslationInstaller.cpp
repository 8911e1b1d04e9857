#include "settings/TranslationInstaller.h"

#include "settings/AppSettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcessEnvironment>
#include <QTranslator>

namespace md {

namespace {

const QString kSourceLanguage = QStringLiteral("en");
const QString kInstalledName = QStringLiteral("mdInstalledTranslator");

// "fr", "fr_FR", "fr-CA" -> "fr" when the app is translated into it; empty otherwise.
QString supportedLanguage(const QString &value)
{
    const QString language = value.trimmed().toLower().section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
    return TranslationInstaller::available().contains(language) ? language : QString();
}

} // namespace

QStringList TranslationInstaller::available()
{
    return {kSourceLanguage, QStringLiteral("fr")};
}

QString TranslationInstaller::resolve(const QString &environment, const QString &setting,
                                      const QStringList &uiLanguages)
{
    for (const QString &choice : {environment, setting}) {
        const QString language = supportedLanguage(choice);
        if (!language.isEmpty())
            return language;
    }
    // The first of the user's languages that the app speaks; one it does not speak counts as
    // English only when nothing after it is supported either.
    for (const QString &uiLanguage : uiLanguages) {
        const QString language = supportedLanguage(uiLanguage);
        if (!language.isEmpty())
            return language;
    }
    return kSourceLanguage;
}

QString TranslationInstaller::install(QCoreApplication *app)
{
    const QList<QTranslator *> earlier = app->findChildren<QTranslator *>(kInstalledName, Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : earlier) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    const QString language = resolve(QProcessEnvironment::systemEnvironment().value(QStringLiteral("MD_LANGUAGE")),
                                     AppSettings::load().language, QLocale::system().uiLanguages());
    // English needs its translation too, for the plural forms of "%n call(s)". Then Qt's own strings
    // (standard dialogs, context menus of text fields), when the system has them.
    QStringList files {QStringLiteral(":/i18n/mistral-desk_%1.qm").arg(language)};
    if (language != kSourceLanguage)
        files << QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_%1.qm").arg(language);
    for (const QString &file : files) {
        auto *translator = new QTranslator(app);
        translator->setObjectName(kInstalledName);
        if (translator->load(file))
            QCoreApplication::installTranslator(translator);
        else
            delete translator;
    }
    return language;
}

} // namespace md
