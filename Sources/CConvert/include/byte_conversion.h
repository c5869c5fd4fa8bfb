#ifndef BATCHVIEW_BYTE_CONVERSION_H
#define BATCHVIEW_BYTE_CONVERSION_H

#include <stddef.h>
#include <stdint.h>

/// The instruction sets a byte conversion may use, widest last.
typedef enum {
    BVByteConversionPortable = 0, ///< plain C, whatever the compiler makes of it (SSE2 on x86-64)
    BVByteConversionAVX2 = 1,     ///< 8 bytes per step
    BVByteConversionAVX512 = 2,   ///< 16 bytes per step (AVX-512 F, BW and VL)
} BVByteConversionLevel;

/// The widest level this CPU runs (checked once, at the first call).
BVByteConversionLevel bv_byte_conversion_best_level(void);

/// Writes `(x * high + x * low) * width + offset` in float32 for each of `count` bytes at `source`,
/// each product and sum rounded on its own (never fused into one multiply-add), so the bytes are
/// the same at every level. With `width == 1 && offset == 0` the last step is skipped (it changes
/// no bit of a non-negative value). `level` above `bv_byte_conversion_best_level()` is lowered to it.
void bv_convert_bytes_to_float32(
    const uint8_t *source, float *destination, size_t count, float high, float low, float width, float offset,
    BVByteConversionLevel level);

/// Writes the rows at `indices` (each below the caller's row count: not checked here) of the byte
/// table at `base`, `row_bytes` bytes each, one after another at `destination`, converted as
/// `bv_convert_bytes_to_float32` converts, in one pass: each row is converted from where it lies
/// while the next few rows are being fetched (software prefetch), so the random rows' memory
/// latency overlaps the conversion instead of adding to it, and no gathered copy is written.
void bv_gather_bytes_to_float32(
    const uint8_t *base, size_t row_bytes, const intptr_t *indices, size_t count, float *destination, float high,
    float low, float width, float offset, BVByteConversionLevel level);

#endif
