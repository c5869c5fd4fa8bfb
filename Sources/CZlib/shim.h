#ifndef BATCHVIEW_CZLIB_SHIM_H
#define BATCHVIEW_CZLIB_SHIM_H
#include <zlib.h>
#endif
