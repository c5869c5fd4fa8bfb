// uint8 -> float32 scaling kernels, one per instruction set, picked at run time.
//
// Every level computes, per byte x, v = (float)x; r = v * high + v * low; then r * width + offset
// unless the range is [0, 1], with each operation rounded separately, exactly as the Swift loop in
// Tensor+Conversion.swift does. Contraction into fused multiply-adds would change bits, so it is off.
#include "byte_conversion.h"

#pragma clang fp contract(off)

static void convert_portable(
    const uint8_t *source, float *destination, size_t count, float high, float low, float width, float offset) {
    if (width == 1.0f && offset == 0.0f) {
        for (size_t i = 0; i < count; i++) {
            float value = (float)source[i];
            float scaled = value * high;
            destination[i] = scaled + value * low;
        }
        return;
    }
    for (size_t i = 0; i < count; i++) {
        float value = (float)source[i];
        float scaled = value * high;
        float unit = scaled + value * low;
        float stretched = unit * width;
        destination[i] = stretched + offset;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>
#include <string.h>

__attribute__((target("avx2"))) static void convert_avx2(
    const uint8_t *source, float *destination, size_t count, float high, float low, float width, float offset) {
    const __m256 highs = _mm256_set1_ps(high), lows = _mm256_set1_ps(low);
    const __m256 widths = _mm256_set1_ps(width), offsets = _mm256_set1_ps(offset);
    const int unit = width == 1.0f && offset == 0.0f;
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        long long eight;
        memcpy(&eight, source + i, 8);
        __m256 value = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_cvtsi64_si128(eight)));
        __m256 result = _mm256_add_ps(_mm256_mul_ps(value, highs), _mm256_mul_ps(value, lows));
        if (!unit) result = _mm256_add_ps(_mm256_mul_ps(result, widths), offsets);
        _mm256_storeu_ps(destination + i, result);
    }
    convert_portable(source + i, destination + i, count - i, high, low, width, offset);
}

__attribute__((target("avx512f,avx512bw,avx512vl"))) static void convert_avx512(
    const uint8_t *source, float *destination, size_t count, float high, float low, float width, float offset) {
    const __m512 highs = _mm512_set1_ps(high), lows = _mm512_set1_ps(low);
    const __m512 widths = _mm512_set1_ps(width), offsets = _mm512_set1_ps(offset);
    const int unit = width == 1.0f && offset == 0.0f;
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 value = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(source + i))));
        __m512 result = _mm512_add_ps(_mm512_mul_ps(value, highs), _mm512_mul_ps(value, lows));
        if (!unit) result = _mm512_add_ps(_mm512_mul_ps(result, widths), offsets);
        _mm512_storeu_ps(destination + i, result);
    }
    if (i < count) { // the last 1-15 bytes under a mask, so no scalar tail
        __mmask16 mask = (__mmask16)((1u << (count - i)) - 1);
        __m512 value = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask, source + i)));
        __m512 result = _mm512_add_ps(_mm512_mul_ps(value, highs), _mm512_mul_ps(value, lows));
        if (!unit) result = _mm512_add_ps(_mm512_mul_ps(result, widths), offsets);
        _mm512_mask_storeu_ps(destination + i, mask, result);
    }
}

static BVByteConversionLevel detect_level(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) return BVByteConversionAVX512;
    if (__builtin_cpu_supports("avx2")) return BVByteConversionAVX2;
    return BVByteConversionPortable;
}
#else
static BVByteConversionLevel detect_level(void) { return BVByteConversionPortable; }
#endif

// -1 until the first call; every thread computes the same value, so a race only repeats the check.
static volatile int best_level = -1;

BVByteConversionLevel bv_byte_conversion_best_level(void) {
    int level = best_level;
    if (level < 0) {
        level = (int)detect_level();
        best_level = level;
    }
    return (BVByteConversionLevel)level;
}

typedef void (*Kernel)(const uint8_t *, float *, size_t, float, float, float, float);

static Kernel kernel_at(BVByteConversionLevel level) {
    BVByteConversionLevel best = bv_byte_conversion_best_level();
    if (level > best) level = best;
    switch (level) {
#if defined(__x86_64__)
    case BVByteConversionAVX512: return convert_avx512;
    case BVByteConversionAVX2: return convert_avx2;
#endif
    default: return convert_portable;
    }
}

void bv_convert_bytes_to_float32(
    const uint8_t *source, float *destination, size_t count, float high, float low, float width, float offset,
    BVByteConversionLevel level) {
    kernel_at(level)(source, destination, count, high, low, width, offset);
}

// Bytes of a row fetched ahead at most (the hardware prefetcher follows a row once it is read),
// and how far ahead: about 4 KiB of rows, which measured best for 784-byte rows (4 rows ahead:
// 25 % more samples per CPU-second than gathering 20 rows with memcpy and converting them).
enum { PREFETCH_ROW_BYTES = 4096, PREFETCH_AHEAD_BYTES = 4096, PREFETCH_MOST_ROWS = 16 };

static inline void prefetch_row(const uint8_t *row, size_t row_bytes) {
    size_t bytes = row_bytes < PREFETCH_ROW_BYTES ? row_bytes : PREFETCH_ROW_BYTES;
    for (size_t line = 0; line < bytes; line += 64) __builtin_prefetch(row + line, 0, 3);
}

void bv_gather_bytes_to_float32(
    const uint8_t *base, size_t row_bytes, const intptr_t *indices, size_t count, float *destination, float high,
    float low, float width, float offset, BVByteConversionLevel level) {
    Kernel kernel = kernel_at(level);
    size_t ahead = row_bytes == 0 ? 1 : PREFETCH_AHEAD_BYTES / row_bytes;
    if (ahead < 1) ahead = 1;
    if (ahead > PREFETCH_MOST_ROWS) ahead = PREFETCH_MOST_ROWS;
    for (size_t row = 0; row < ahead && row < count; row++) prefetch_row(base + (size_t)indices[row] * row_bytes, row_bytes);
    for (size_t row = 0; row < count; row++) {
        if (row + ahead < count) prefetch_row(base + (size_t)indices[row + ahead] * row_bytes, row_bytes);
        kernel(base + (size_t)indices[row] * row_bytes, destination + row * row_bytes, row_bytes, high, low, width,
            offset);
    }
}
