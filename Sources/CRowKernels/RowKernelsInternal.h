#ifndef ATTNSH_ROWKERNELS_INTERNAL_H
#define ATTNSH_ROWKERNELS_INTERNAL_H

/* The three widths of each kernel in CRowKernels.h, and the constants they
 * share. Each width lives in its own file, compiled with its own target
 * attribute; RowKernels.c chooses among them. */

#if defined(__x86_64__) || defined(__i386__)
#define ATTN_ROW_KERNELS_X86 1
#endif

/* e^x = 2^n · e^r with n = round(x / ln 2) and |r| <= ln 2 / 2 (Cephes):
 * below ATTN_EXP_LOWEST, e^x is under the smallest normal float and is 0. */
#define ATTN_EXP_LOWEST (-87.33654f)
#define ATTN_EXP_LOG2E 1.44269504f
/* 1.5 · 2^23: adding it rounds to an integer, kept in the low mantissa bits. */
#define ATTN_EXP_MAGIC 12582912.0f
#define ATTN_EXP_MAGIC_BITS 0x4B400000
/* ln 2 in two parts, so that n · ln2_hi is exact. */
#define ATTN_EXP_LN2_HI 0.693359375f
#define ATTN_EXP_LN2_LO 2.1219444e-4f
#define ATTN_EXP_P0 1.98756915e-4f
#define ATTN_EXP_P1 1.39819995e-3f
#define ATTN_EXP_P2 8.3334519e-3f
#define ATTN_EXP_P3 4.16657959e-2f
#define ATTN_EXP_P4 1.66666655e-1f
#define ATTN_EXP_P5 5.0000001e-1f

float attn_row_scan_portable(const float *row, long lower, long upper, int *saw_nan);
float attn_row_exponentiate_portable(float *row, long lower, long upper, float maximum);
void attn_row_scale_portable(float *row, long lower, long upper, float factor);
void attn_row_scale_divide_portable(float *row, long lower, long upper, float factor, float divisor);

#ifdef ATTN_ROW_KERNELS_X86
float attn_row_scan_avx2(const float *row, long lower, long upper, int *saw_nan);
float attn_row_exponentiate_avx2(float *row, long lower, long upper, float maximum);
void attn_row_scale_avx2(float *row, long lower, long upper, float factor);
void attn_row_scale_divide_avx2(float *row, long lower, long upper, float factor, float divisor);

float attn_row_scan_avx512(const float *row, long lower, long upper, int *saw_nan);
float attn_row_exponentiate_avx512(float *row, long lower, long upper, float maximum);
void attn_row_scale_avx512(float *row, long lower, long upper, float factor);
void attn_row_scale_divide_avx512(float *row, long lower, long upper, float factor, float divisor);
#endif

#endif
