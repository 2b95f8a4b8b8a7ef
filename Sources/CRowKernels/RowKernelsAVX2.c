/* The kernels eight lanes at a time in AVX2 registers: one instruction per
 * operation of RowSoftmax's lanes, in the same order (no fused multiply-add). */
#include "CRowKernels.h"
#include "RowKernelsInternal.h"

#ifdef ATTN_ROW_KERNELS_X86
#include <immintrin.h>

#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#define AVX2 __attribute__((target("avx2")))

/* e^x for each lane of x <= 0 (-inf gives 0). */
AVX2 static inline __m256 exp_avx2(__m256 x) {
    const __m256 lowest = _mm256_set1_ps(ATTN_EXP_LOWEST);
    const __m256 magic = _mm256_set1_ps(ATTN_EXP_MAGIC);
    __m256 too_small = _mm256_cmp_ps(x, lowest, _CMP_LT_OQ);
    __m256 clamped = _mm256_blendv_ps(x, lowest, too_small);
    __m256 shifted = _mm256_add_ps(_mm256_mul_ps(clamped, _mm256_set1_ps(ATTN_EXP_LOG2E)), magic);
    __m256 n = _mm256_sub_ps(shifted, magic);
    __m256 r = _mm256_sub_ps(clamped, _mm256_mul_ps(n, _mm256_set1_ps(ATTN_EXP_LN2_HI)));
    r = _mm256_add_ps(r, _mm256_mul_ps(n, _mm256_set1_ps(ATTN_EXP_LN2_LO)));
    __m256 poly = _mm256_set1_ps(ATTN_EXP_P0);
    poly = _mm256_add_ps(_mm256_mul_ps(poly, r), _mm256_set1_ps(ATTN_EXP_P1));
    poly = _mm256_add_ps(_mm256_mul_ps(poly, r), _mm256_set1_ps(ATTN_EXP_P2));
    poly = _mm256_add_ps(_mm256_mul_ps(poly, r), _mm256_set1_ps(ATTN_EXP_P3));
    poly = _mm256_add_ps(_mm256_mul_ps(poly, r), _mm256_set1_ps(ATTN_EXP_P4));
    poly = _mm256_add_ps(_mm256_mul_ps(poly, r), _mm256_set1_ps(ATTN_EXP_P5));
    __m256 er = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(poly, _mm256_mul_ps(r, r)), r), _mm256_set1_ps(1.0f));
    __m256i n_bits = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(ATTN_EXP_MAGIC_BITS));
    __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n_bits, _mm256_set1_epi32(127)), 23));
    return _mm256_andnot_ps(too_small, _mm256_mul_ps(er, scale));
}

/* The first `count` lanes (0 < count < 8) of a mask. */
AVX2 static inline __m256i first_lanes(long count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lanes);
}

AVX2 float attn_row_scan_avx2(const float *row, long lower, long upper, int *saw_nan) {
    __m256 maxima = _mm256_set1_ps(-__builtin_inff());
    __m256 nan = _mm256_setzero_ps();
    long column = lower;
    for (; column + 8 <= upper; column += 8) {
        __m256 v = _mm256_loadu_ps(row + column);
        nan = _mm256_or_ps(nan, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
        /* maxps gives its second operand unless the first is greater, NaN never wins. */
        maxima = _mm256_max_ps(v, maxima);
    }
    if (column < upper) {
        __m256i mask = first_lanes(upper - column);
        __m256 v = _mm256_blendv_ps(_mm256_set1_ps(-__builtin_inff()),
                                    _mm256_maskload_ps(row + column, mask), _mm256_castsi256_ps(mask));
        nan = _mm256_or_ps(nan, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
        maxima = _mm256_max_ps(v, maxima);
    }
    __m128 half = _mm_max_ps(_mm256_castps256_ps128(maxima), _mm256_extractf128_ps(maxima, 1));
    half = _mm_max_ps(half, _mm_movehl_ps(half, half));
    half = _mm_max_ss(half, _mm_shuffle_ps(half, half, 1));
    *saw_nan = _mm256_movemask_ps(nan) != 0;
    return _mm_cvtss_f32(half);
}

AVX2 float attn_row_exponentiate_avx2(float *row, long lower, long upper, float maximum) {
    const __m256 max_vector = _mm256_set1_ps(maximum);
    __m256 sums = _mm256_setzero_ps();
    long column = lower;
    for (; column + 8 <= upper; column += 8) {
        __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(row + column), max_vector));
        _mm256_storeu_ps(row + column, e);
        sums = _mm256_add_ps(sums, e);
    }
    if (column < upper) {
        /* The last partial chunk, padded with -inf whose exponential is 0. */
        __m256i mask = first_lanes(upper - column);
        __m256 v = _mm256_blendv_ps(_mm256_set1_ps(-__builtin_inff()),
                                    _mm256_maskload_ps(row + column, mask), _mm256_castsi256_ps(mask));
        __m256 e = exp_avx2(_mm256_sub_ps(v, max_vector));
        _mm256_maskstore_ps(row + column, mask, e);
        sums = _mm256_add_ps(sums, e);
    }
    /* lanes j and j+4, then j and j+2, then 0 and 1: RowSoftmax's order. */
    __m128 halves = _mm_add_ps(_mm256_castps256_ps128(sums), _mm256_extractf128_ps(sums, 1));
    __m128 quarters = _mm_add_ps(halves, _mm_movehl_ps(halves, halves));
    return _mm_cvtss_f32(_mm_add_ss(quarters, _mm_shuffle_ps(quarters, quarters, 1)));
}

AVX2 void attn_row_scale_avx2(float *row, long lower, long upper, float factor) {
    const __m256 f = _mm256_set1_ps(factor);
    long column = lower;
    for (; column + 8 <= upper; column += 8)
        _mm256_storeu_ps(row + column, _mm256_mul_ps(_mm256_loadu_ps(row + column), f));
    for (; column < upper; column++) row[column] = row[column] * factor;
}

AVX2 void attn_row_scale_divide_avx2(float *row, long lower, long upper, float factor, float divisor) {
    const __m256 f = _mm256_set1_ps(factor), d = _mm256_set1_ps(divisor);
    long column = lower;
    for (; column + 8 <= upper; column += 8)
        _mm256_storeu_ps(row + column, _mm256_div_ps(_mm256_mul_ps(_mm256_loadu_ps(row + column), f), d));
    for (; column < upper; column++) row[column] = row[column] * factor / divisor;
}
#endif
