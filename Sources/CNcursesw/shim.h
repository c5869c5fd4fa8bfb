#ifndef BATCHVIEW_CNCURSESW_SHIM_H
#define BATCHVIEW_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide-character API explicitly. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* C globals are rejected by Swift 6 as not concurrency-safe: read them through getters. */
static inline WINDOW *bv_stdscr(void) { return stdscr; }
static inline int bv_COLS(void) { return COLS; }
static inline int bv_LINES(void) { return LINES; }
static inline int bv_COLORS(void) { return COLORS; }

#endif
