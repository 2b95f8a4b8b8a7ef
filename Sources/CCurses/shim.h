#ifndef ATTNSH_CURSES_SHIM_H
#define ATTNSH_CURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// C macros are not visible to Swift; these wrappers stand in for them.
static inline int attnsh_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *attnsh_stdscr(void) { return stdscr; }
static inline int attnsh_lines(void) { return LINES; }
static inline int attnsh_cols(void) { return COLS; }
#endif
