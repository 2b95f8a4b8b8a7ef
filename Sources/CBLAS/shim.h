#ifndef ATTNSH_CBLAS_SHIM_H
#define ATTNSH_CBLAS_SHIM_H
#include <cblas.h>
#endif
