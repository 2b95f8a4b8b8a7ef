#ifndef ATTNSH_CURSES_SHIM_H
#define ATTNSH_CURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// C macros are not visible to Swift; these wrappers stand in for them.
static inline int attnsh_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *attnsh_stdscr(void) { return stdscr; }
static inline int attnsh_lines(void) { return LINES; }
static inline int attnsh_cols(void) { return COLS; }
static inline int attnsh_colors(void) { return COLORS; }
static inline int attnsh_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t attnsh_a_bold(void) { return A_BOLD; }
static inline attr_t attnsh_a_reverse(void) { return A_REVERSE; }
static inline attr_t attnsh_a_underline(void) { return A_UNDERLINE; }
static inline attr_t attnsh_a_normal(void) { return A_NORMAL; }
static inline int attnsh_key_f(int n) { return KEY_F(n); }

// setcchar with an extended colour pair number (pairs above 32767 need the `opts` pointer).
static inline int attnsh_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
    return setcchar(cell, text, attributes, (short)(pair > 32767 ? 0 : pair), (void *)&pair);
}
#endif
