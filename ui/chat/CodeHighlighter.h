#pragma once

#include <QColor>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace md {

struct LanguageRules;

// Colours keywords, types and literals, strings, comments, numbers and function names in fenced
// code blocks of a markdown document (the blocks Qt's markdown reader marks with
// QTextFormat::BlockCodeLanguage), or in a whole document set to one language.
//
// Hand-written rather than KF6SyntaxHighlighting: DESIGN.md prefers KF6 when CMake finds it, but
// Debian 12 packages KSyntaxHighlighting only for Qt 5 (libkf5syntaxhighlighting), so this scanner
// covers the languages chat answers use most: python, js/ts, c/c++, c#, rust, go, java, kotlin,
// json, bash, sql.
class CodeHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language {
        None,
        Python,
        JavaScript,
        TypeScript,
        C,
        Cpp,
        CSharp,
        Rust,
        Go,
        Java,
        Kotlin,
        Json,
        Bash,
        Sql
    };
    enum class Token { Keyword, Type, String, Comment, Number, Function, Variable };

    explicit CodeHighlighter(QTextDocument *document = nullptr);

    // Colours for a dark or a light background.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    // Language for blocks that carry no fence language (a document that is all code).
    void setDefaultLanguage(Language language) { m_defaultLanguage = language; }

    static Language languageFor(const QString &fenceInfo); // "py", "C++", "tsx", "shell" ...
    static QColor color(Token token, bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    void scan(const QString &text, const LanguageRules &rules);
    void apply(int start, int length, Token token);

    QTextCharFormat m_formats[7];
    Language m_defaultLanguage = Language::None;
    bool m_dark = false;
};

} // namespace md
