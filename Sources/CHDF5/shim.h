#ifndef BATCHVIEW_CHDF5_SHIM_H
#define BATCHVIEW_CHDF5_SHIM_H
#include <hdf5.h>

/* Macros and library globals do not import into Swift (or are rejected as not concurrency-safe);
   these getters stand in for them. */
static inline hid_t bv_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t bv_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t bv_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline unsigned bv_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned bv_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline hid_t bv_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }

#endif
