#include "terminal_guard.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The one copy of the guard's state: file-scope statics of this translation unit, which every
   caller reaches through the functions below. */
static volatile sig_atomic_t pending_signal = 0;
static struct termios saved_termios;
static int saved_termios_valid = 0;
static int tty_fd = -1;
static int report_fd = -1;
static char crash_message[1024];
static struct sigaction previous_actions[32];

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define COUNT(array) ((int)(sizeof(array) / sizeof(array)[0]))

static void quit_handler(int sig) { pending_signal = sig; }

static void restore_tty(void) {
    if (tty_fd >= 0) {
        static const char reset[] = "\033[0m\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(tty_fd, reset, sizeof reset - 1);
        (void)ignored;
        if (saved_termios_valid) tcsetattr(tty_fd, TCSANOW, &saved_termios);
    }
}

static void crash_handler(int sig) {
    restore_tty();
    if (report_fd >= 0 && crash_message[0]) {
        ssize_t ignored = write(report_fd, crash_message, strlen(crash_message));
        (void)ignored;
    }
    if (sig > 0 && sig < 32) sigaction(sig, &previous_actions[sig], NULL);
    raise(sig);
}

static void install(const int *signals, int count, void (*handler)(int), int flags) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < count; i++) sigaction(signals[i], &action, &previous_actions[signals[i]]);
}

void bv_install_guard(int tty, int report, const char *message) {
    tty_fd = tty;
    report_fd = report;
    strncpy(crash_message, message ? message : "", sizeof crash_message - 1);
    saved_termios_valid = tcgetattr(tty, &saved_termios) == 0;
    /* A parent (a test runner, a tmux server it started) may have left signals blocked; the quit
       signals, SIGWINCH (curses' resize) and the fatal ones must get through. */
    sigset_t wanted;
    sigemptyset(&wanted);
    for (int i = 0; i < COUNT(quit_signals); i++) sigaddset(&wanted, quit_signals[i]);
    for (int i = 0; i < COUNT(fatal_signals); i++) sigaddset(&wanted, fatal_signals[i]);
    sigaddset(&wanted, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
    install(quit_signals, COUNT(quit_signals), quit_handler, 0);
    install(fatal_signals, COUNT(fatal_signals), crash_handler, SA_RESETHAND);
}

int bv_pending_signal(void) { return pending_signal; }

void bv_remove_guard(void) {
    for (int i = 0; i < COUNT(quit_signals); i++) sigaction(quit_signals[i], &previous_actions[quit_signals[i]], NULL);
    for (int i = 0; i < COUNT(fatal_signals); i++)
        sigaction(fatal_signals[i], &previous_actions[fatal_signals[i]], NULL);
    tty_fd = -1;
}
