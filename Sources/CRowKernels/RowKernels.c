/* The portable kernel (plain C over eight lanes, which the compiler may
 * vectorise for the baseline) and the choice among the widths at run time. */
#include "CRowKernels.h"
#include "RowKernelsInternal.h"

#include <stdint.h>
#include <string.h>

/* Each product and sum rounded on its own, as in RowSoftmax's lanes: a fused
 * multiply-add would change the bits of e^x. */
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

int attn_row_kernel_supported(int kernel) {
    switch (kernel) {
    case ATTN_ROW_KERNEL_PORTABLE:
        return 1;
#ifdef ATTN_ROW_KERNELS_X86
    case ATTN_ROW_KERNEL_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") ? 1 : 0;
    case ATTN_ROW_KERNEL_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") ? 1 : 0;
#endif
    default:
        return 0;
    }
}

int attn_row_kernel_best(void) {
    if (attn_row_kernel_supported(ATTN_ROW_KERNEL_AVX512)) return ATTN_ROW_KERNEL_AVX512;
    if (attn_row_kernel_supported(ATTN_ROW_KERNEL_AVX2)) return ATTN_ROW_KERNEL_AVX2;
    return ATTN_ROW_KERNEL_PORTABLE;
}

float attn_row_scan(int kernel, const float *row, long lower, long upper, int *saw_nan) {
#ifdef ATTN_ROW_KERNELS_X86
    if (kernel == ATTN_ROW_KERNEL_AVX512) return attn_row_scan_avx512(row, lower, upper, saw_nan);
    if (kernel == ATTN_ROW_KERNEL_AVX2) return attn_row_scan_avx2(row, lower, upper, saw_nan);
#endif
    return attn_row_scan_portable(row, lower, upper, saw_nan);
}

float attn_row_exponentiate(int kernel, float *row, long lower, long upper, float maximum) {
#ifdef ATTN_ROW_KERNELS_X86
    if (kernel == ATTN_ROW_KERNEL_AVX512) return attn_row_exponentiate_avx512(row, lower, upper, maximum);
    if (kernel == ATTN_ROW_KERNEL_AVX2) return attn_row_exponentiate_avx2(row, lower, upper, maximum);
#endif
    return attn_row_exponentiate_portable(row, lower, upper, maximum);
}

void attn_row_scale(int kernel, float *row, long lower, long upper, float factor) {
#ifdef ATTN_ROW_KERNELS_X86
    if (kernel == ATTN_ROW_KERNEL_AVX512) { attn_row_scale_avx512(row, lower, upper, factor); return; }
    if (kernel == ATTN_ROW_KERNEL_AVX2) { attn_row_scale_avx2(row, lower, upper, factor); return; }
#endif
    attn_row_scale_portable(row, lower, upper, factor);
}

void attn_row_scale_divide(int kernel, float *row, long lower, long upper, float factor, float divisor) {
    /* x / 1 is x for every float, NaN included: the division can go. */
    if (divisor == 1.0f) {
        attn_row_scale(kernel, row, lower, upper, factor);
        return;
    }
#ifdef ATTN_ROW_KERNELS_X86
    if (kernel == ATTN_ROW_KERNEL_AVX512) { attn_row_scale_divide_avx512(row, lower, upper, factor, divisor); return; }
    if (kernel == ATTN_ROW_KERNEL_AVX2) { attn_row_scale_divide_avx2(row, lower, upper, factor, divisor); return; }
#endif
    attn_row_scale_divide_portable(row, lower, upper, factor, divisor);
}

/* e^x for one lane, the same operations in the same order as the vectors. */
static inline float exp_lane(float x) {
    int too_small = x < ATTN_EXP_LOWEST;
    float clamped = too_small ? ATTN_EXP_LOWEST : x;
    float shifted = clamped * ATTN_EXP_LOG2E + ATTN_EXP_MAGIC;
    float n = shifted - ATTN_EXP_MAGIC;
    float r = clamped - n * ATTN_EXP_LN2_HI;
    r = r + n * ATTN_EXP_LN2_LO;
    float poly = ATTN_EXP_P0;
    poly = poly * r + ATTN_EXP_P1;
    poly = poly * r + ATTN_EXP_P2;
    poly = poly * r + ATTN_EXP_P3;
    poly = poly * r + ATTN_EXP_P4;
    poly = poly * r + ATTN_EXP_P5;
    float er = poly * (r * r) + r + 1.0f;
    int32_t shifted_bits;
    memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
    uint32_t scale_bits = (uint32_t)(shifted_bits - ATTN_EXP_MAGIC_BITS + 127) << 23;
    float scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    return too_small ? 0.0f : er * scale;
}

float attn_row_scan_portable(const float *row, long lower, long upper, int *saw_nan) {
    float lanes[8];
    int nan = 0;
    for (int lane = 0; lane < 8; lane++) lanes[lane] = -__builtin_inff();
    long column = lower;
    for (; column + 8 <= upper; column += 8) {
        for (int lane = 0; lane < 8; lane++) {
            float v = row[column + lane];
            nan |= v != v;
            lanes[lane] = v > lanes[lane] ? v : lanes[lane];
        }
    }
    for (; column < upper; column++) {
        float v = row[column];
        nan |= v != v;
        lanes[0] = v > lanes[0] ? v : lanes[0];
    }
    float maximum = lanes[0];
    for (int lane = 1; lane < 8; lane++) maximum = lanes[lane] > maximum ? lanes[lane] : maximum;
    *saw_nan = nan;
    return maximum;
}

float attn_row_exponentiate_portable(float *row, long lower, long upper, float maximum) {
    float sums[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long column = lower;
    for (; column + 8 <= upper; column += 8) {
        for (int lane = 0; lane < 8; lane++) {
            float e = exp_lane(row[column + lane] - maximum);
            row[column + lane] = e;
            sums[lane] += e;
        }
    }
    /* The last partial chunk; its missing lanes would add exact zeros. */
    for (int lane = 0; column + lane < upper; lane++) {
        float e = exp_lane(row[column + lane] - maximum);
        row[column + lane] = e;
        sums[lane] += e;
    }
    float halves[4], quarters[2];
    for (int lane = 0; lane < 4; lane++) halves[lane] = sums[lane] + sums[lane + 4];
    for (int lane = 0; lane < 2; lane++) quarters[lane] = halves[lane] + halves[lane + 2];
    return quarters[0] + quarters[1];
}

void attn_row_scale_portable(float *row, long lower, long upper, float factor) {
    for (long column = lower; column < upper; column++) row[column] = row[column] * factor;
}

void attn_row_scale_divide_portable(float *row, long lower, long upper, float factor, float divisor) {
    for (long column = lower; column < upper; column++) row[column] = row[column] * factor / divisor;
}

void attn_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
