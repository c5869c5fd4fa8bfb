import CHDF5

/// Owns one libhdf5 identifier and releases it when the last reference goes away.
///
/// libhdf5 here is built thread-safe (one global lock), so an identifier may be used from any
/// thread; the handle itself never changes after creation.
final class HDF5Handle: @unchecked Sendable {
    /// The raw identifier.
    let id: hid_t

    /// Takes ownership of `id`, which must be valid (≥ 0): every caller checks the library's
    /// result first (``HDF5Library/handle(_:_:)`` turns a negative one into an ``HDF5Error``).
    init(_ id: hid_t) {
        precondition(id >= 0, "an HDF5 handle needs a valid identifier")
        self.id = id
    }

    deinit {
        HDF5Library.prepareThread()
        switch H5Iget_type(id) {
        case H5I_FILE: H5Fclose(id)
        case H5I_GROUP, H5I_DATASET: H5Oclose(id)
        case H5I_DATATYPE: H5Tclose(id)
        case H5I_DATASPACE: H5Sclose(id)
        case H5I_ATTR: H5Aclose(id)
        case H5I_GENPROP_LST: H5Pclose(id)
        default: H5Idec_ref(id)
        }
    }
}
