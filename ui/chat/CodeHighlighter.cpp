#include "chat/CodeHighlighter.h"

#include <QHash>
#include <QSet>
#include <QTextBlock>

namespace md {

// What the scanner needs to know about one language.
struct LanguageRules {
    QSet<QString> keywords;
    QSet<QString> types; // built-in types, constants and literals
    QStringList lineComments;
    QString blockCommentStart;
    QString blockCommentEnd;
    QString quotes;               // characters that open a one-line string
    bool tripleQuotes = false;    // python """ and '''
    bool templateStrings = false; // js/ts backticks, may span lines
    bool caseInsensitive = false; // sql
    bool dollarVariables = false; // bash $NAME, ${NAME}
    bool jsonKeys = false;        // a string followed by ':' is a key
};

namespace {

// Block states carried from one line to the next.
enum State { Normal = -1, InBlockComment = 1, InTripleDouble = 2, InTripleSingle = 3, InTemplate = 4 };

QSet<QString> words(const char *list)
{
    QSet<QString> set;
    const QStringList parts = QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &w : parts)
        set.insert(w);
    return set;
}

LanguageRules cLike(const char *keywords, const char *types)
{
    LanguageRules r;
    r.keywords = words(keywords);
    r.types = words(types);
    r.lineComments = {QStringLiteral("//")};
    r.blockCommentStart = QStringLiteral("/*");
    r.blockCommentEnd = QStringLiteral("*/");
    r.quotes = QStringLiteral("\"'");
    return r;
}

const LanguageRules &rulesFor(CodeHighlighter::Language language)
{
    using L = CodeHighlighter::Language;
    static const QHash<int, LanguageRules> table = [] {
        QHash<int, LanguageRules> t;
        LanguageRules py;
        py.keywords = words("and as assert async await break class continue def del elif else except finally for "
                            "from global if import in is lambda nonlocal not or pass raise return try while with "
                            "yield match case");
        py.types = words("True False None self cls int float str bool list dict set tuple bytes object type print "
                         "len range enumerate zip map filter super isinstance");
        py.lineComments = {QStringLiteral("#")};
        py.quotes = QStringLiteral("\"'");
        py.tripleQuotes = true;
        t.insert(int(L::Python), py);

        const char *jsKeywords = "break case catch class const continue debugger default delete do else export "
                                 "extends finally for function if import in instanceof let new of return super "
                                 "switch this throw try typeof var void while with yield async await from static "
                                 "get set";
        const char *jsTypes = "true false null undefined NaN Infinity console window document Promise Array Object "
                              "String Number Boolean Map Set JSON Math Error";
        LanguageRules js = cLike(jsKeywords, jsTypes);
        js.quotes = QStringLiteral("\"'");
        js.templateStrings = true;
        t.insert(int(L::JavaScript), js);
        LanguageRules ts = js;
        ts.keywords += words("interface type enum implements namespace declare readonly private protected public "
                             "abstract keyof as is satisfies");
        ts.types += words("string number boolean any unknown never void object Record Partial");
        t.insert(int(L::TypeScript), ts);

        const char *cKeywords = "auto break case const continue default do else enum extern for goto if inline "
                                "register restrict return sizeof static struct switch typedef union volatile while "
                                "#include #define #if #ifdef #ifndef #endif #else #elif #pragma #undef";
        const char *cTypes = "void char short int long float double signed unsigned bool size_t int8_t int16_t "
                             "int32_t int64_t uint8_t uint16_t uint32_t uint64_t true false NULL FILE";
        t.insert(int(L::C), cLike(cKeywords, cTypes));
        LanguageRules cpp = cLike(cKeywords, cTypes);
        cpp.keywords += words("alignas alignof and asm catch class concept consteval constexpr constinit co_await "
                              "co_return co_yield decltype delete explicit export friend mutable namespace new "
                              "noexcept not operator or override final private protected public requires "
                              "static_assert static_cast dynamic_cast reinterpret_cast const_cast template this "
                              "throw try typeid typename using virtual");
        cpp.types += words("nullptr std string vector map unordered_map unique_ptr shared_ptr optional auto wchar_t "
                           "char8_t char16_t char32_t");
        t.insert(int(L::Cpp), cpp);
        LanguageRules cs = cLike("abstract as base break case catch checked class const continue default delegate do "
                                 "else enum event explicit extern finally fixed for foreach goto if implicit in "
                                 "interface internal is lock namespace new operator out override params private "
                                 "protected public readonly ref return sealed sizeof stackalloc static struct switch "
                                 "this throw try typeof unchecked unsafe using virtual volatile while async await var "
                                 "record get set init",
                                 "bool byte char decimal double float int long object sbyte short string uint ulong "
                                 "ushort void true false null Task List Dictionary Console");
        t.insert(int(L::CSharp), cs);
        LanguageRules rust = cLike("as async await break const continue crate dyn else enum extern fn for if impl in "
                                   "let loop match mod move mut pub ref return self Self static struct super trait "
                                   "type unsafe use where while macro_rules",
                                   "i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String "
                                   "Vec Option Result Box Some None Ok Err true false");
        rust.quotes = QStringLiteral("\"");
        t.insert(int(L::Rust), rust);
        LanguageRules go = cLike("break case chan const continue default defer else fallthrough for func go goto if "
                                 "import interface map package range return select struct switch type var",
                                 "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 "
                                 "rune string uint uint8 uint16 uint32 uint64 uintptr true false nil iota append "
                                 "cap close copy delete len make new panic print println recover");
        go.templateStrings = true; // raw strings in backticks
        t.insert(int(L::Go), go);
        t.insert(int(L::Java),
                 cLike("abstract assert break case catch class const continue default do else enum extends final "
                       "finally for goto if implements import instanceof interface native new package private "
                       "protected public return static strictfp super switch synchronized this throw throws "
                       "transient try volatile while var record sealed permits yield",
                       "boolean byte char double float int long short void true false null String Integer List Map "
                       "Object System"));
        t.insert(int(L::Kotlin),
                 cLike("as break class continue do else for fun if in interface is object package return super this "
                       "throw try typealias val var when while import private public internal override data sealed "
                       "suspend companion",
                       "Int Long Double Float Boolean String Unit Any Nothing List Map true false null"));
        LanguageRules json;
        json.types = words("true false null");
        json.quotes = QStringLiteral("\"");
        json.jsonKeys = true;
        t.insert(int(L::Json), json);
        LanguageRules sh;
        sh.keywords = words("if then else elif fi for while until do done case esac in function return local export "
                            "readonly declare unset shift break continue exit source set");
        sh.types = words("echo printf cd ls rm cp mv mkdir cat grep sed awk curl git sudo apt apt-get pip npm "
                         "python3 cmake make true false test read eval exec");
        sh.lineComments = {QStringLiteral("#")};
        sh.quotes = QStringLiteral("\"'");
        sh.dollarVariables = true;
        t.insert(int(L::Bash), sh);
        LanguageRules sql;
        sql.keywords = words("select from where and or not insert into values update set delete create table drop "
                             "alter index view join inner left right outer full on as group by order having limit "
                             "offset union all distinct case when then else end is null like in between exists "
                             "primary key foreign references default constraint unique with returning begin commit "
                             "rollback transaction if asc desc");
        sql.types = words("int integer bigint smallint text varchar char boolean real double float numeric decimal "
                          "date time timestamp blob true false count sum avg min max coalesce");
        sql.lineComments = {QStringLiteral("--")};
        sql.blockCommentStart = QStringLiteral("/*");
        sql.blockCommentEnd = QStringLiteral("*/");
        sql.quotes = QStringLiteral("'\"");
        sql.caseInsensitive = true;
        t.insert(int(L::Sql), sql);
        return t;
    }();
    static const LanguageRules none;
    const auto it = table.constFind(int(language));
    return it == table.cend() ? none : *it;
}

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

CodeHighlighter::CodeHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setDark(false);
}

QColor CodeHighlighter::color(Token token, bool dark)
{
    // Two sets in the spirit of GitHub's light and dark themes: each keeps >= 4.5:1 contrast on the
    // code background of its palette.
    switch (token) {
    case Token::Keyword:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case Token::Type:
        return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae);
    case Token::String:
        return dark ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69);
    case Token::Comment:
        return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81);
    case Token::Number:
        return dark ? QColor(0xf2, 0xcc, 0x60) : QColor(0x95, 0x38, 0x00);
    case Token::Function:
        return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
    case Token::Variable:
        return dark ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00);
    }
    return {};
}

void CodeHighlighter::setDark(bool dark)
{
    m_dark = dark;
    for (int i = 0; i < 7; ++i) {
        QTextCharFormat f;
        f.setForeground(color(Token(i), dark));
        if (Token(i) == Token::Comment)
            f.setFontItalic(true);
        m_formats[i] = f;
    }
}

CodeHighlighter::Language CodeHighlighter::languageFor(const QString &fenceInfo)
{
    static const QHash<QString, Language> names = {
        {QStringLiteral("python"), Language::Python},
        {QStringLiteral("py"), Language::Python},
        {QStringLiteral("python3"), Language::Python},
        {QStringLiteral("javascript"), Language::JavaScript},
        {QStringLiteral("js"), Language::JavaScript},
        {QStringLiteral("jsx"), Language::JavaScript},
        {QStringLiteral("mjs"), Language::JavaScript},
        {QStringLiteral("node"), Language::JavaScript},
        {QStringLiteral("typescript"), Language::TypeScript},
        {QStringLiteral("ts"), Language::TypeScript},
        {QStringLiteral("tsx"), Language::TypeScript},
        {QStringLiteral("c"), Language::C},
        {QStringLiteral("h"), Language::C},
        {QStringLiteral("cpp"), Language::Cpp},
        {QStringLiteral("c++"), Language::Cpp},
        {QStringLiteral("cc"), Language::Cpp},
        {QStringLiteral("cxx"), Language::Cpp},
        {QStringLiteral("hpp"), Language::Cpp},
        {QStringLiteral("csharp"), Language::CSharp},
        {QStringLiteral("cs"), Language::CSharp},
        {QStringLiteral("c#"), Language::CSharp},
        {QStringLiteral("rust"), Language::Rust},
        {QStringLiteral("rs"), Language::Rust},
        {QStringLiteral("go"), Language::Go},
        {QStringLiteral("golang"), Language::Go},
        {QStringLiteral("java"), Language::Java},
        {QStringLiteral("kotlin"), Language::Kotlin},
        {QStringLiteral("kt"), Language::Kotlin},
        {QStringLiteral("json"), Language::Json},
        {QStringLiteral("jsonc"), Language::Json},
        {QStringLiteral("bash"), Language::Bash},
        {QStringLiteral("sh"), Language::Bash},
        {QStringLiteral("shell"), Language::Bash},
        {QStringLiteral("zsh"), Language::Bash},
        {QStringLiteral("console"), Language::Bash},
        {QStringLiteral("sql"), Language::Sql},
        {QStringLiteral("sqlite"), Language::Sql},
        {QStringLiteral("postgresql"), Language::Sql},
    };
    // The info string may carry more after the language ("python title=x.py").
    const QString first = fenceInfo.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    return names.value(first, Language::None);
}

void CodeHighlighter::apply(int start, int length, Token token)
{
    if (length > 0)
        setFormat(start, length, m_formats[int(token)]);
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    const QString fence = currentBlock().blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
    const Language language = fence.isEmpty() ? m_defaultLanguage : languageFor(fence);
    if (language == Language::None) {
        setCurrentBlockState(Normal);
        return;
    }
    scan(text, rulesFor(language));
}

void CodeHighlighter::scan(const QString &text, const LanguageRules &rules)
{
    const int n = int(text.size());
    int i = 0;
    int state = previousBlockState();
    // A state from a block that is not code of this language (a new fence) does not carry over.
    const QTextBlock previous = currentBlock().previous();
    const bool previousIsCode = previous.isValid() && previous.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
    const bool fenced = currentBlock().blockFormat().hasProperty(QTextFormat::BlockCodeFence);
    if ((fenced && !previousIsCode)
        || (state != InBlockComment && state != InTripleDouble && state != InTripleSingle && state != InTemplate))
        state = Normal;

    auto closeAt = [&](const QString &end, int from) {
        const int at = int(text.indexOf(end, from));
        return at < 0 ? -1 : at + int(end.size());
    };
    auto continueMultiline = [&](Token token, const QString &end) {
        const int stop = closeAt(end, i);
        if (stop < 0) {
            apply(i, n - i, token);
            i = n;
            return;
        }
        apply(i, stop - i, token);
        i = stop;
        state = Normal;
    };
    const QString tripleDouble = QStringLiteral("\"\"\"");
    const QString tripleSingle = QStringLiteral("'''");
    const QString backtick = QStringLiteral("`");
    if (state == InBlockComment)
        continueMultiline(Token::Comment, rules.blockCommentEnd);
    else if (state == InTripleDouble)
        continueMultiline(Token::String, tripleDouble);
    else if (state == InTripleSingle)
        continueMultiline(Token::String, tripleSingle);
    else if (state == InTemplate)
        continueMultiline(Token::String, backtick);

    while (i < n) {
        const QChar c = text.at(i);
        bool isLineComment = false;
        for (const QString &lc : rules.lineComments) {
            // "#" in bash only starts a comment at a word start ("a#b" and "$#" are not comments).
            if (QStringView(text).mid(i, lc.size()) == lc
                && !(rules.dollarVariables && i > 0 && !text.at(i - 1).isSpace())) {
                isLineComment = true;
                break;
            }
        }
        if (isLineComment) {
            apply(i, n - i, Token::Comment);
            break;
        }
        if (!rules.blockCommentStart.isEmpty()
            && QStringView(text).mid(i, rules.blockCommentStart.size()) == rules.blockCommentStart) {
            state = InBlockComment;
            const int from = i;
            i += int(rules.blockCommentStart.size());
            const int stop = closeAt(rules.blockCommentEnd, i);
            if (stop < 0) {
                apply(from, n - from, Token::Comment);
                i = n;
                break;
            }
            apply(from, stop - from, Token::Comment);
            i = stop;
            state = Normal;
            continue;
        }
        if (rules.tripleQuotes
            && (QStringView(text).mid(i, 3) == tripleDouble || QStringView(text).mid(i, 3) == tripleSingle)) {
            const bool dbl = c == QLatin1Char('"');
            state = dbl ? InTripleDouble : InTripleSingle;
            const int from = i;
            i += 3;
            const int stop = closeAt(dbl ? tripleDouble : tripleSingle, i);
            apply(from, (stop < 0 ? n : stop) - from, Token::String);
            i = stop < 0 ? n : stop;
            if (stop >= 0)
                state = Normal;
            continue;
        }
        if (rules.templateStrings && c == QLatin1Char('`')) {
            state = InTemplate;
            const int from = i++;
            const int stop = closeAt(backtick, i);
            apply(from, (stop < 0 ? n : stop) - from, Token::String);
            i = stop < 0 ? n : stop;
            if (stop >= 0)
                state = Normal;
            continue;
        }
        if (rules.quotes.contains(c)) {
            // Rust lifetimes ('a) and apostrophes in bash words are not strings; a quote that never
            // closes on this line colours the rest of the line, as an editor would.
            const int from = i++;
            while (i < n && text.at(i) != c) {
                if (text.at(i) == QLatin1Char('\\') && !(rules.dollarVariables && c == QLatin1Char('\'')))
                    ++i;
                ++i;
            }
            i = std::min(i + 1, n);
            Token token = Token::String;
            if (rules.jsonKeys) {
                int j = i;
                while (j < n && text.at(j).isSpace())
                    ++j;
                if (j < n && text.at(j) == QLatin1Char(':'))
                    token = Token::Type;
            }
            apply(from, i - from, token);
            continue;
        }
        if (rules.dollarVariables && c == QLatin1Char('$') && i + 1 < n) {
            const int from = i++;
            if (text.at(i) == QLatin1Char('{')) {
                const int stop = closeAt(QStringLiteral("}"), i);
                i = stop < 0 ? n : stop;
            } else {
                while (i < n
                       && (isIdentChar(text.at(i)) || (i == from + 1 && QStringLiteral("@#?$!*").contains(text.at(i)))))
                    ++i;
            }
            apply(from, i - from, Token::Variable);
            continue;
        }
        if (c.isDigit() && (i == 0 || !isIdentChar(text.at(i - 1)))) {
            const int from = i;
            while (i < n && (isIdentChar(text.at(i)) || text.at(i) == QLatin1Char('.')))
                ++i;
            apply(from, i - from, Token::Number);
            continue;
        }
        const bool preprocessor = c == QLatin1Char('#') && rules.keywords.contains(QStringLiteral("#include"));
        if (isIdentStart(c) || preprocessor) {
            const int from = i++;
            while (i < n && (isIdentChar(text.at(i)) || (rules.dollarVariables && text.at(i) == QLatin1Char('-'))))
                ++i;
            QString word = text.mid(from, i - from);
            if (rules.caseInsensitive)
                word = word.toLower();
            if (rules.keywords.contains(word)) {
                apply(from, i - from, Token::Keyword);
            } else if (rules.types.contains(word)) {
                apply(from, i - from, Token::Type);
            } else if (!rules.jsonKeys) {
                int j = i;
                while (j < n && text.at(j) == QLatin1Char(' '))
                    ++j;
                if (j < n && text.at(j) == QLatin1Char('('))
                    apply(from, i - from, Token::Function);
            }
            continue;
        }
        ++i;
    }
    setCurrentBlockState(state);
}

} // namespace md
