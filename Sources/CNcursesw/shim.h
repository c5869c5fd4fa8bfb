#ifndef BATCHVIEW_CNCURSESW_SHIM_H
#define BATCHVIEW_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide-character API explicitly. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

/* Bytes the allocator has handed out (glibc). */

/* ---- Signals ----
   SIGINT, SIGTERM and SIGHUP set a flag the main loop polls; the fatal signals restore the
   terminal, say where the log is, restore the previous action and re-raise. */
/* The guard's state lives in a function-local static: Swift emits the inline functions of a
   header but not file-scope static arrays. */
struct bv_guard_state {
    volatile sig_atomic_t pending_signal;
    struct termios saved_termios;
    int saved_termios_valid;
    int tty_fd;
    int report_fd;
    char crash_message[1024];
    struct sigaction previous_actions[32];
};

static inline struct bv_guard_state *bv_guard(void) {
    static struct bv_guard_state state = {0, {0}, 0, -1, -1, {0}, {{{0}}}};
    return &state;
}

static inline void bv_quit_handler(int sig) { bv_guard()->pending_signal = sig; }

static inline int bv_pending_signal(void) { return bv_guard()->pending_signal; }

static inline void bv_restore_tty(void) {
    struct bv_guard_state *g = bv_guard();
    if (g->tty_fd >= 0) {
        static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(g->tty_fd, reset, sizeof reset - 1);
        (void)ignored;
        if (g->saved_termios_valid) tcsetattr(g->tty_fd, TCSANOW, &g->saved_termios);
    }
}

static inline void bv_crash_handler(int sig) {
    struct bv_guard_state *g = bv_guard();
    bv_restore_tty();
    if (g->report_fd >= 0 && g->crash_message[0]) {
        ssize_t ignored = write(g->report_fd, g->crash_message, strlen(g->crash_message));
        (void)ignored;
    }
    if (sig > 0 && sig < 32) sigaction(sig, &g->previous_actions[sig], NULL);
    raise(sig);
}

/* Remembers the terminal state of tty_fd and installs the handlers. report_fd receives
   crash_message on a crash (the real stderr while stderr goes to a log file). */
static inline void bv_install_guard(int tty_fd, int report_fd, const char *crash_message) {
    struct bv_guard_state *g = bv_guard();
    g->tty_fd = tty_fd;
    g->report_fd = report_fd;
    strncpy(g->crash_message, crash_message ? crash_message : "", sizeof g->crash_message - 1);
    g->saved_termios_valid = tcgetattr(tty_fd, &g->saved_termios) == 0;
    /* A parent (a test runner, a tmux server it started) may have left signals blocked; the
       quit signals, SIGWINCH (curses' resize) and the fatal ones must get through. */
    sigset_t wanted;
    sigemptyset(&wanted);
    int unblock[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (int i = 0; i < 10; i++) sigaddset(&wanted, unblock[i]);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction quit;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = bv_quit_handler;
    sigemptyset(&quit.sa_mask);
    int quits[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) sigaction(quits[i], &quit, &g->previous_actions[quits[i]]);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = bv_crash_handler;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = SA_RESETHAND;
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (int i = 0; i < 6; i++) sigaction(fatal[i], &crash, &g->previous_actions[fatal[i]]);
}

/* Puts back every action bv_install_guard replaced. */
static inline void bv_remove_guard(void) {
    struct bv_guard_state *g = bv_guard();
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (int i = 0; i < 9; i++) sigaction(all[i], &g->previous_actions[all[i]], NULL);
    g->tty_fd = -1;
}

#endif
