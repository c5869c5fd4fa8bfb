#ifndef BATCHVIEW_CHDF5_SHIM_H
#define BATCHVIEW_CHDF5_SHIM_H
#include <hdf5.h>

/* Macros and library globals do not import into Swift (or are rejected as not concurrency-safe);
   these getters stand in for them. Only BatchingHDF5's own Swift layer calls them. */
static inline hid_t bv_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t bv_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t bv_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline unsigned bv_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned bv_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline unsigned bv_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }
static inline size_t bv_H5T_VARIABLE(void) { return H5T_VARIABLE; }
static inline hsize_t bv_H5S_UNLIMITED(void) { return H5S_UNLIMITED; }
static inline haddr_t bv_HADDR_UNDEF(void) { return HADDR_UNDEF; }
static inline unsigned bv_H5O_INFO_BASIC(void) { return H5O_INFO_BASIC; }
static inline unsigned bv_H5O_INFO_NUM_ATTRS(void) { return H5O_INFO_NUM_ATTRS; }
static inline unsigned bv_H5O_INFO_HDR(void) { return H5O_INFO_HDR; }
static inline int bv_H5Z_CLASS_T_VERS(void) { return H5Z_CLASS_T_VERS; }
static inline unsigned bv_H5Z_FLAG_REVERSE(void) { return H5Z_FLAG_REVERSE; }

static inline hid_t bv_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t bv_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t bv_H5P_DATASET_ACCESS(void) { return H5P_DATASET_ACCESS; }
static inline hid_t bv_H5P_LINK_CREATE(void) { return H5P_LINK_CREATE; }

static inline hid_t bv_H5T_C_S1(void) { return H5T_C_S1; }
static inline hid_t bv_H5T_NATIVE_INT8(void) { return H5T_NATIVE_INT8; }
static inline hid_t bv_H5T_NATIVE_INT16(void) { return H5T_NATIVE_INT16; }
static inline hid_t bv_H5T_NATIVE_INT32(void) { return H5T_NATIVE_INT32; }
static inline hid_t bv_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t bv_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t bv_H5T_NATIVE_UINT16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t bv_H5T_NATIVE_UINT32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t bv_H5T_NATIVE_UINT64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t bv_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t bv_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }

#endif
