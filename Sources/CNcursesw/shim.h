#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* The wide-character API (get_wch, add_wch, cchar_t) is declared only when NCURSES_WIDECHAR
   is 1; SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so define it here before the include. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects references to C globals such as stdscr and COLORS; read them through
   functions. Attribute macros are not imported at all. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline WINDOW *cn_curscr(void) { return curscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

/* Mouse: the masks are macros Swift does not import. Clicks and double-clicks of the first
   button (ncurses pairs presses with releases within mouseinterval, waiting that long for the
   rest of a click inside wget_wch) and wheel steps. */
static inline int cn_mouse_enable(int on) {
  mmask_t wanted = on ? (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
  return mousemask(wanted, NULL) != 0;
}
/* After KEY_MOUSE: 1 click, 2 double-click, 4 wheel up, 5 wheel down, 0 anything else. */
static inline int cn_mouse_read(int *x, int *y) {
  MEVENT e;
  if (getmouse(&e) != OK) return 0;
  *x = e.x;
  *y = e.y;
  if (e.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
  if (e.bstate & BUTTON1_CLICKED) return 1;
  if (e.bstate & BUTTON4_PRESSED) return 4;
  if (e.bstate & BUTTON5_PRESSED) return 5;
  return 0;
}
#endif
