extension HDF5Error {
    /// The error for a dataset whose elements cannot become a tensor: labels say they are not
    /// numbers, anything else is ``unsupportedType(file:dataset:type:)``.
    static func unreadableElements(file: String, dataset info: HDF5DatasetInfo, asLabels: Bool = false) -> HDF5Error {
        if asLabels { return .labelsNotNumeric(file: file, dataset: info.path, type: info.elementType.prose) }
        return .unsupportedType(file: file, dataset: info.path, type: info.elementType.prose)
    }
}
