/* The kernels sixteen columns at a time in AVX-512 registers, with masked
 * loads for the last partial chunk. The exponentials are elementwise, so
 * their width changes no bit; the sum keeps RowSoftmax's eight lane sums,
 * adding the low then the high half of each chunk of sixteen (columns j and
 * j + 8 in column order, as eight lanes would). */
#include "CRowKernels.h"
#include "RowKernelsInternal.h"

#ifdef ATTN_ROW_KERNELS_X86
#include <immintrin.h>

#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#define AVX512 __attribute__((target("avx512f")))

/* e^x for each lane of x <= 0 (-inf gives 0). */
AVX512 static inline __m512 exp_avx512(__m512 x) {
    const __m512 lowest = _mm512_set1_ps(ATTN_EXP_LOWEST);
    const __m512 magic = _mm512_set1_ps(ATTN_EXP_MAGIC);
    __mmask16 too_small = _mm512_cmp_ps_mask(x, lowest, _CMP_LT_OQ);
    __m512 clamped = _mm512_mask_blend_ps(too_small, x, lowest);
    __m512 shifted = _mm512_add_ps(_mm512_mul_ps(clamped, _mm512_set1_ps(ATTN_EXP_LOG2E)), magic);
    __m512 n = _mm512_sub_ps(shifted, magic);
    __m512 r = _mm512_sub_ps(clamped, _mm512_mul_ps(n, _mm512_set1_ps(ATTN_EXP_LN2_HI)));
    r = _mm512_add_ps(r, _mm512_mul_ps(n, _mm512_set1_ps(ATTN_EXP_LN2_LO)));
    __m512 poly = _mm512_set1_ps(ATTN_EXP_P0);
    poly = _mm512_add_ps(_mm512_mul_ps(poly, r), _mm512_set1_ps(ATTN_EXP_P1));
    poly = _mm512_add_ps(_mm512_mul_ps(poly, r), _mm512_set1_ps(ATTN_EXP_P2));
    poly = _mm512_add_ps(_mm512_mul_ps(poly, r), _mm512_set1_ps(ATTN_EXP_P3));
    poly = _mm512_add_ps(_mm512_mul_ps(poly, r), _mm512_set1_ps(ATTN_EXP_P4));
    poly = _mm512_add_ps(_mm512_mul_ps(poly, r), _mm512_set1_ps(ATTN_EXP_P5));
    __m512 er = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(poly, _mm512_mul_ps(r, r)), r), _mm512_set1_ps(1.0f));
    __m512i n_bits = _mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_set1_epi32(ATTN_EXP_MAGIC_BITS));
    __m512 scale = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n_bits, _mm512_set1_epi32(127)), 23));
    return _mm512_maskz_mov_ps((__mmask16)~too_small, _mm512_mul_ps(er, scale));
}

/* The first `count` lanes (0 < count < 16). */
static inline __mmask16 first_lanes(long count) {
    return (__mmask16)((1u << count) - 1u);
}

AVX512 float attn_row_scan_avx512(const float *row, long lower, long upper, int *saw_nan) {
    const __m512 blocked = _mm512_set1_ps(-__builtin_inff());
    __m512 maxima = blocked;
    __mmask16 nan = 0;
    long column = lower;
    for (; column + 16 <= upper; column += 16) {
        __m512 v = _mm512_loadu_ps(row + column);
        nan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
        /* maxps gives its second operand unless the first is greater, NaN never wins. */
        maxima = _mm512_max_ps(v, maxima);
    }
    if (column < upper) {
        __m512 v = _mm512_mask_loadu_ps(blocked, first_lanes(upper - column), row + column);
        nan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
        maxima = _mm512_max_ps(v, maxima);
    }
    *saw_nan = nan != 0;
    return _mm512_reduce_max_ps(maxima);
}

/* sums + the low half of `e`, then + its high half. */
AVX512 static inline __m256 add_halves(__m256 sums, __m512 e) {
    sums = _mm256_add_ps(sums, _mm512_castps512_ps256(e));
    return _mm256_add_ps(sums, _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(e), 1)));
}

AVX512 float attn_row_exponentiate_avx512(float *row, long lower, long upper, float maximum) {
    const __m512 max_vector = _mm512_set1_ps(maximum);
    __m256 sums = _mm256_setzero_ps();
    long column = lower;
    for (; column + 16 <= upper; column += 16) {
        __m512 e = exp_avx512(_mm512_sub_ps(_mm512_loadu_ps(row + column), max_vector));
        _mm512_storeu_ps(row + column, e);
        sums = add_halves(sums, e);
    }
    if (column < upper) {
        /* Padded with -inf, whose exponential 0 leaves a lane sum as it was. */
        __mmask16 mask = first_lanes(upper - column);
        __m512 v = _mm512_mask_loadu_ps(_mm512_set1_ps(-__builtin_inff()), mask, row + column);
        __m512 e = exp_avx512(_mm512_sub_ps(v, max_vector));
        _mm512_mask_storeu_ps(row + column, mask, e);
        sums = add_halves(sums, e);
    }
    /* lanes j and j+4, then j and j+2, then 0 and 1: RowSoftmax's order. */
    __m128 halves = _mm_add_ps(_mm256_castps256_ps128(sums), _mm256_extractf128_ps(sums, 1));
    __m128 quarters = _mm_add_ps(halves, _mm_movehl_ps(halves, halves));
    return _mm_cvtss_f32(_mm_add_ss(quarters, _mm_shuffle_ps(quarters, quarters, 1)));
}

AVX512 void attn_row_scale_avx512(float *row, long lower, long upper, float factor) {
    const __m512 f = _mm512_set1_ps(factor);
    long column = lower;
    for (; column + 16 <= upper; column += 16)
        _mm512_storeu_ps(row + column, _mm512_mul_ps(_mm512_loadu_ps(row + column), f));
    if (column < upper) {
        __mmask16 mask = first_lanes(upper - column);
        _mm512_mask_storeu_ps(row + column, mask, _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, row + column), f));
    }
}

AVX512 void attn_row_scale_divide_avx512(float *row, long lower, long upper, float factor, float divisor) {
    const __m512 f = _mm512_set1_ps(factor), d = _mm512_set1_ps(divisor);
    long column = lower;
    for (; column + 16 <= upper; column += 16)
        _mm512_storeu_ps(row + column, _mm512_div_ps(_mm512_mul_ps(_mm512_loadu_ps(row + column), f), d));
    if (column < upper) {
        __mmask16 mask = first_lanes(upper - column);
        __m512 v = _mm512_maskz_loadu_ps(mask, row + column);
        _mm512_mask_storeu_ps(row + column, mask, _mm512_div_ps(_mm512_mul_ps(v, f), d));
    }
}
#endif
