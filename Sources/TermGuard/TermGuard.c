#include "TermGuard.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_tio;
static int saved_ok = 0;
static struct sigaction old_act[65];
static volatile sig_atomic_t restored = 0;
/* reset attributes, show the cursor, stop mouse reporting, leave the alternate screen, new line */
static const char reset_seq[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r\n";

static void restore_tty(void) {
  if (restored) return;
  restored = 1;
  if (saved_ok) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
  ssize_t n = write(STDOUT_FILENO, reset_seq, sizeof reset_seq - 1);
  (void)n;
}

static void on_crash(int sig, siginfo_t *info, void *ctx) {
  restore_tty();
  struct sigaction *old = &old_act[sig];
  if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) { old->sa_sigaction(sig, info, ctx); return; }
  if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) { old->sa_handler(sig); return; }
  signal(sig, SIG_DFL);
  raise(sig);
}

int term_guard_save(void) {
  saved_ok = (tcgetattr(STDIN_FILENO, &saved_tio) == 0);
  return saved_ok ? 0 : -1;
}

void term_guard_install(void) {
  const int sigs[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(sigs[i], &sa, &old_act[sigs[i]]);
  }
}

void term_guard_restore(void) {
  if (saved_ok) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}
