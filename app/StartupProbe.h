#pragma once

class QWidget;

namespace md {

// A hook for bench/startup: with MISTRAL_DESK_EXIT_WHEN_SHOWN=1 in the environment, the first
// paint of `window` prints "md-startup shown-ms=<CLOCK_MONOTONIC ms> rss-kb=<resident KiB>" on
// stdout (resident memory read half a second later, once the window settled) and quits the app.
// The benchmark starts the real program this way, side by side with a bare QMainWindow using the
// same probe, so both are measured from exec() to a painted window. Does nothing otherwise.
void installStartupProbe(QWidget *window);

} // namespace md
