#ifndef ATTNSH_READLINE_SHIM_H
#define ATTNSH_READLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
