/* The vendored libdeflate decompressor built as one translation unit (its .c files are excluded
   from the target and included here), with every external name renamed so that it cannot clash
   with or interpose on a system libdeflate another library in the process loads. */

#define libdeflate_alloc_decompressor bv_exact_libdeflate_alloc_decompressor
#define libdeflate_free_decompressor bv_exact_libdeflate_free_decompressor
#define libdeflate_deflate_decompress bv_exact_libdeflate_deflate_decompress
#define libdeflate_deflate_decompress_ex bv_exact_libdeflate_deflate_decompress_ex
#define libdeflate_zlib_decompress bv_exact_libdeflate_zlib_decompress
#define libdeflate_zlib_decompress_ex bv_exact_libdeflate_zlib_decompress_ex
#define libdeflate_adler32 bv_exact_libdeflate_adler32
#define libdeflate_malloc bv_exact_libdeflate_malloc
#define libdeflate_free bv_exact_libdeflate_free
#define libdeflate_aligned_malloc bv_exact_libdeflate_aligned_malloc
#define libdeflate_aligned_free bv_exact_libdeflate_aligned_free
#define libdeflate_set_memory_allocator bv_exact_libdeflate_set_memory_allocator
#define libdeflate_assertion_failed bv_exact_libdeflate_assertion_failed
#define libdeflate_x86_cpu_features bv_exact_libdeflate_x86_cpu_features
#define libdeflate_init_x86_cpu_features bv_exact_libdeflate_init_x86_cpu_features
#define libdeflate_arm_cpu_features bv_exact_libdeflate_arm_cpu_features
#define libdeflate_init_arm_cpu_features bv_exact_libdeflate_init_arm_cpu_features

#include "libdeflate/lib/x86/cpu_features.c"
#include "libdeflate/lib/arm/cpu_features.c"
#include "libdeflate/lib/utils.c"
#include "libdeflate/lib/adler32.c"
#include "libdeflate/lib/deflate_decompress.c"
#include "libdeflate/lib/zlib_decompress.c"

#include "include/exact_inflate.h"

int bv_exact_zlib_inflate(const void *in, size_t in_size, void *out, size_t out_size) {
    /* The decompressor holds only decode tables (about 12 KiB), so it lives on the caller's stack:
       no allocation per chunk, nothing shared between threads. Zeroed as
       libdeflate_alloc_decompressor zeroes it. */
    struct libdeflate_decompressor decompressor;
    memset(&decompressor, 0, sizeof(decompressor));
    if (in == NULL || out == NULL) return 0;
    return libdeflate_zlib_decompress(&decompressor, in, in_size, out, out_size, NULL) == LIBDEFLATE_SUCCESS;
}

uint32_t bv_exact_adler32(uint32_t adler, const void *bytes, size_t size) {
    return libdeflate_adler32(adler, bytes, size);
}
