#ifndef BATCHVIEW_CLZ4_SHIM_H
#define BATCHVIEW_CLZ4_SHIM_H
/* liblz4's block API (Debian's liblz4-dev): the LZ4 HDF5 filter stores LZ4 blocks. */
#include <lz4.h>
#endif
