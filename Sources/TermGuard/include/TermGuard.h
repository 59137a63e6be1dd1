#ifndef TERMGUARD_H
#define TERMGUARD_H
/* Saves the tty state before curses starts; on a crash signal (SIGILL from fatalError, SIGTRAP,
   SIGABRT, SIGSEGV, SIGBUS, SIGFPE) restores it with async-signal-safe calls only, then chains
   to the previous handler (Swift's backtracer) so the crash is still reported. */
int term_guard_save(void);
void term_guard_install(void);
/* Restores the saved tty state now (used on normal exit paths after endwin as a last resort). */
void term_guard_restore(void);
#endif
