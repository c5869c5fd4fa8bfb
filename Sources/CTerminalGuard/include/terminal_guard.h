#ifndef BATCHVIEW_TERMINAL_GUARD_H
#define BATCHVIEW_TERMINAL_GUARD_H

/* The terminal guard's signal handling, in C because a signal handler may only touch
   async-signal-safe state. SIGINT, SIGTERM and SIGHUP set a flag the main loop polls; the fatal
   signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) restore the terminal, write a
   message, restore the previous action and re-raise. The state lives once, in terminal_guard.c. */

/* Remembers the terminal state of tty_fd and installs the handlers. report_fd receives
   crash_message on a crash (the real stderr while stderr goes to a log file). */
void bv_install_guard(int tty_fd, int report_fd, const char *crash_message);

/* The quit signal that came since the guard was installed (SIGINT, SIGTERM, SIGHUP), or 0. */
int bv_pending_signal(void);

/* Puts back every action bv_install_guard replaced. */
void bv_remove_guard(void);

#endif
