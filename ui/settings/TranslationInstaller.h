#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace md {

// Picks the language of the user interface and installs the app's and Qt's translators for it.
// The choice, strongest first: the MD_LANGUAGE environment variable (handy for tests and
// screenshots), the "Language" setting (AppSettings::language), then the system's UI languages.
// Values are "system", "en" or "fr". English, the source language, has a translation of its plural
// forms only.
class TranslationInstaller {
public:
    // Languages the app is translated into, source language first.
    static QStringList available();
    // "en" or "fr" for a setting or environment value ("system", a language, or junk) and the
    // system's UI languages in order of preference (QLocale::uiLanguages()).
    static QString resolve(const QString &environment, const QString &setting, const QStringList &uiLanguages);
    // Installs the translators on the application (replacing those of an earlier call) and
    // returns the language now in use. Call once the organization and application names are set,
    // before any widget exists.
    static QString install(QCoreApplication *app);
};

} // namespace md
