#ifndef BATCHVIEW_CNCURSESW_SHIM_H
#define BATCHVIEW_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide-character API explicitly. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <stdio.h>

/* C globals are rejected by Swift 6 as not concurrency-safe: read them through getters. */
static inline WINDOW *bv_stdscr(void) { return stdscr; }
static inline int bv_COLS(void) { return COLS; }
static inline int bv_LINES(void) { return LINES; }
static inline int bv_COLORS(void) { return COLORS; }
static inline FILE *bv_stdout(void) { return stdout; }
static inline FILE *bv_stdin(void) { return stdin; }

/* Attribute macros are function-like and do not import. */
static inline attr_t bv_A_BOLD(void) { return A_BOLD; }
static inline attr_t bv_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t bv_A_DIM(void) { return A_DIM; }
static inline attr_t bv_A_UNDERLINE(void) { return A_UNDERLINE; }

/* One cell: a wide character with attributes and an extended colour pair (alloc_pair may
   return pairs above 32767, which only the opts pointer of setcchar can carry). */
static inline int bv_put_cell(int y, int x, wchar_t glyph, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = {glyph, 0};
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

#endif
