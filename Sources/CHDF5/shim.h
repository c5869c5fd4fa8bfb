#ifndef BATCHVIEW_CHDF5_SHIM_H
#define BATCHVIEW_CHDF5_SHIM_H
#include <fcntl.h>
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

/* Marks the file descriptor under the open file `file` close-on-exec, so that a child process
   (a python worker, a helper program) does not inherit it, and with it libhdf5's lock on the
   file: libhdf5's sec2 driver opens files without O_CLOEXEC, and a lock held through a child's
   copy outlives the file's close here. 0 when done; -1 for a file on another driver (which has
   no descriptor of its own) or when the descriptor cannot be had. */
static inline int bv_set_close_on_exec(hid_t file) {
    hid_t access = H5Fget_access_plist(file);
    if (access < 0) return -1;
    hid_t driver = H5Pget_driver(access);
    H5Pclose(access);
    if (driver != H5FD_SEC2) return -1;
    void *handle = NULL;
    if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == NULL) return -1;
    int descriptor = *(int *)handle;
    int flags = fcntl(descriptor, F_GETFD);
    if (flags < 0) return -1;
    return fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) < 0 ? -1 : 0;
}

#endif
