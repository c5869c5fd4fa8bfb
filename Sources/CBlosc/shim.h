#ifndef BATCHVIEW_CBLOSC_SHIM_H
#define BATCHVIEW_CBLOSC_SHIM_H
/* libblosc 1.x (Debian's libblosc-dev), whose context functions need no global lock. */
#include <blosc.h>
#endif
