#pragma once

#include <QByteArrayView>

#include <cstring>

namespace md::bytes {

// glibc's memmem (two-way / vectorised) instead of Qt 6.4's QByteArrayView::indexOf, which hashes
// its way through the haystack: run on every streamed event, that search was a quarter of the
// proxy's time. -1 when absent.
inline qsizetype indexOf(QByteArrayView haystack, QByteArrayView needle, qsizetype from = 0)
{
    if (from < 0 || from > haystack.size() || needle.size() > haystack.size() - from)
        return -1;
    if (needle.isEmpty())
        return from;
#if defined(__GLIBC__)
    const void *hit
        = ::memmem(haystack.data() + from, size_t(haystack.size() - from), needle.data(), size_t(needle.size()));
    return hit ? static_cast<const char *>(hit) - haystack.data() : -1;
#else
    return haystack.indexOf(needle, from);
#endif
}

inline bool contains(QByteArrayView haystack, QByteArrayView needle)
{
    return indexOf(haystack, needle) >= 0;
}

} // namespace md::bytes
