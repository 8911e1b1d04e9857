#pragma once

// What the fuzz targets share: a Qt application object for the QObject-based classes, silence for
// Qt's warnings (each skipped event would otherwise print a line and slow the fuzzer tenfold), a
// check that aborts so that libFuzzer keeps the input, and reproducible ways to cut an input into reads.

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// An invariant of the code under test: when it does not hold, the input is a finding like a crash.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #condition);                  \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace fuzz {

inline void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

// Once per process, from LLVMFuzzerInitialize: QObjects, QSqlDatabase and translate() want an app.
inline void initQt()
{
    qInstallMessageHandler(quietMessages);
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

// Sizes of successive reads that cover `total` bytes, 1..maxRead each, from a generator seeded by the
// input itself: the same input always gets the same cuts, different inputs get different ones.
inline QList<qsizetype> readSizes(QByteArrayView input, qsizetype maxRead)
{
    quint64 state = 1469598103934665603ULL; // FNV-1a of the input, then xorshift
    for (const char c : input)
        state = (state ^ quint8(c)) * 1099511628211ULL;
    QList<qsizetype> sizes;
    for (qsizetype done = 0; done < input.size();) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        const qsizetype n = qMin<qsizetype>(input.size() - done, 1 + qsizetype(state % quint64(maxRead)));
        sizes.append(n);
        done += n;
    }
    return sizes;
}

} // namespace fuzz
