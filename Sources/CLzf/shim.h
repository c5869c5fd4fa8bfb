#ifndef BATCHVIEW_CLZF_SHIM_H
#define BATCHVIEW_CLZF_SHIM_H
/* liblzf (Debian's liblzf-dev), the decoder h5py's LZF filter calls. */
#include <liblzf/lzf.h>
#endif
