#pragma once

#include "store/ChatEntry.h"

#include <QList>

namespace md::bench {

// Deterministic, realistic conversations: short user questions, assistant answers in markdown with
// paragraphs, lists, headings, tables and fenced code in several languages, usage and timings.
QList<ChatEntry> sampleConversation(int count, quint32 seed = 1);
// One long markdown answer of about `tokens` tokens (for the streamed message).
QString sampleAnswer(int tokens, quint32 seed = 2);

} // namespace md::bench
