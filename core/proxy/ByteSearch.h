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

// The first `needle` in `haystack`, found by memchr on the needle's byte at `anchor`, chosen rare
// in the haystack (for JSON keys: not a quote). memmem (let alone Qt's search) looks at far more of
// a JSON event than a vectorised memchr for a letter that event text seldom holds: this runs over
// every byte of a stream. -1 when absent.
inline qsizetype indexOfAnchored(QByteArrayView haystack, QByteArrayView needle, qsizetype anchor)
{
    Q_ASSERT(anchor >= 0 && anchor < needle.size());
    if (needle.size() > haystack.size())
        return -1;
    const char *const begin = haystack.data();
    const char *const end = begin + haystack.size();
    const char anchorByte = needle[anchor];
    // The anchor can only stand where the whole needle fits around it.
    const char *at = begin + anchor;
    const char *const last = end - (needle.size() - anchor); // last possible anchor position
    while (at <= last) {
        const auto *hit = static_cast<const char *>(std::memchr(at, anchorByte, size_t(last - at + 1)));
        if (!hit)
            return -1;
        const char *const start = hit - anchor;
        if (std::memcmp(start, needle.data(), size_t(needle.size())) == 0)
            return start - begin;
        at = hit + 1;
    }
    return -1;
}

} // namespace md::bytes
