#ifndef ATTNSH_CROWKERNELS_H
#define ATTNSH_CROWKERNELS_H

/* The loops of the row softmax over Float rows, compiled for three vector
 * widths (portable C, AVX2, AVX-512) and chosen at run time by what the CPU
 * supports. Every kernel gives the same bits: the arithmetic is the one of
 * RowSoftmax's eight lanes (lane = column mod 8, no fused multiply-add, the
 * lane sums added in one fixed order), only the instructions differ.
 * Swift reaches these through RowKernels.swift alone. */

/* Which code the functions below run. */
enum {
    ATTN_ROW_KERNEL_PORTABLE = 0,
    ATTN_ROW_KERNEL_AVX2 = 1,
    ATTN_ROW_KERNEL_AVX512 = 2
};

/* The widest kernel this CPU (and its operating system) supports. */
int attn_row_kernel_best(void);

/* Whether `kernel` can run on this CPU. */
int attn_row_kernel_supported(int kernel);

/* The largest of row[lower ..< upper] (-inf for an empty range); *saw_nan
 * is set to 1 when one of them is NaN, else 0. `lower` is a multiple of 8. */
float attn_row_scan(int kernel, const float *row, long lower, long upper, int *saw_nan);

/* row[j] = e^(row[j] - maximum) over lower ..< upper, returning their sum;
 * every argument lies in [-inf, 0]. `lower` is a multiple of 8. */
float attn_row_exponentiate(int kernel, float *row, long lower, long upper, float maximum);

/* row[j] = row[j] * factor over lower ..< upper. */
void attn_row_scale(int kernel, float *row, long lower, long upper, float factor);

/* row[j] = row[j] * factor / divisor over lower ..< upper (the product
 * rounded first, then the quotient). */
void attn_row_scale_divide(int kernel, float *row, long lower, long upper, float factor, float divisor);

/* A hint to the core that the caller is spinning on a flag (`pause` on
 * x86-64; nothing elsewhere): used by the quick helper thread's wait. */
void attn_spin_pause(void);

#endif
