#ifndef BATCHVIEW_CDEFLATE_SHIM_H
#define BATCHVIEW_CDEFLATE_SHIM_H
/* libdeflate (Debian's libdeflate-dev): its vectorised Adler-32, which checks every zlib chunk the
   HDF5 fast path inflates (BatchingHDF5's Inflater+OneShot), and, with --deflate libdeflate, its
   whole-buffer inflate of deflate-filtered chunks (DeflateChunk). */
#include <libdeflate.h>
#endif
