/// An n-dimensional array with a run-time element type and contiguous row-major storage.
///
/// The first axis is the sample axis: a tensor of shape `[60000, 28, 28]` holds 60,000 rows of
/// 28×28 elements. Copies share storage until one of them is written (copy on write).
///
/// ```swift
/// let images = Tensor(shape: [2, 2], scalars: [UInt8(0), 255, 51, 102])
/// let picked = try images.gatherRows([1, 0])           // rows in the order asked for
/// let scaled = picked.convertedToFloat32()             // [0.2, 0.4, 0, 1]
/// ```
public struct Tensor: Sendable {
    /// The element type.
    public let dtype: DType
    /// The extent of each axis, first axis first.
    public let shape: [Int]
    var storage: _TensorStorage

    /// A tensor of the given type and shape with every byte zero.
    public init(zeros dtype: DType, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "a tensor's shape cannot have negative extents")
        self.dtype = dtype
        self.shape = shape
        let count = shape.reduce(1, *) * dtype.byteWidth
        storage = _TensorStorage(byteCount: count)
        if !storage.isZeroed { storage.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: count) }
    }

    /// A tensor whose storage is uninitialised; every byte must be written before it is read.
    init(uninitialized dtype: DType, shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
        storage = _TensorStorage(byteCount: shape.reduce(1, *) * dtype.byteWidth)
    }

    /// A tensor holding `scalars` in row-major order.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init<T: TensorElement>(shape: [Int], scalars: [T]) {
        precondition(
            scalars.count == shape.reduce(1, *),
            "\(scalars.count) scalars do not fill a tensor of shape \(shape)")
        dtype = T.dtype
        self.shape = shape
        storage = scalars.withUnsafeBytes { _TensorStorage(copying: $0) }
    }

    /// A one-dimensional tensor holding `scalars`.
    public init<T: TensorElement>(_ scalars: [T]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A tensor that copies `byteCount` raw bytes laid out as `dtype` elements of `shape`.
    public init(dtype: DType, shape: [Int], copyingBytes source: UnsafeRawBufferPointer) {
        precondition(
            source.count == shape.reduce(1, *) * dtype.byteWidth,
            "\(source.count) bytes do not fill a \(dtype) tensor of shape \(shape)")
        self.dtype = dtype
        self.shape = shape
        storage = _TensorStorage(copying: source)
    }

    /// The number of rows (the extent of the first axis); 1 for a scalar tensor.
    public var rowCount: Int { shape.first ?? 1 }
    /// The shape of one row: every axis but the first.
    public var rowShape: [Int] { Array(shape.dropFirst()) }
    /// The number of elements in one row.
    public var elementsPerRow: Int { rowShape.reduce(1, *) }
    /// The number of bytes in one row.
    public var bytesPerRow: Int { elementsPerRow * dtype.byteWidth }
    /// The number of elements in the whole tensor.
    public var elementCount: Int { shape.reduce(1, *) }
    /// The number of bytes in the whole tensor.
    public var byteCount: Int { elementCount * dtype.byteWidth }

    /// Calls `body` with the tensor's bytes, without copying.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.bytes, count: byteCount))
    }

    /// Calls `body` with the tensor's bytes for writing, copying them first if another tensor
    /// shares them.
    public mutating func withUnsafeMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) rethrows -> R {
        makeStorageUnique()
        return try body(UnsafeMutableRawBufferPointer(start: storage.bytes, count: byteCount))
    }

    /// Whether no other tensor shares this tensor's bytes, so that a write goes in place rather
    /// than into a copy (a pool of reusable buffers takes only such tensors).
    public mutating func holdsStorageAlone() -> Bool { isKnownUniquelyReferenced(&storage) }

    /// Copies the bytes into storage of this tensor's own if another tensor shares them.
    private mutating func makeStorageUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = _TensorStorage(copying: UnsafeRawBufferPointer(start: storage.bytes, count: byteCount))
        }
    }

    /// Calls `body` with the elements typed as `T`, without copying.
    ///
    /// - Precondition: `T.dtype == dtype`.
    public func withUnsafeBufferPointer<T: TensorElement, R>(
        of type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.dtype == dtype, "a \(dtype) tensor read as \(T.dtype)")
        let typed = storage.bytes.bindMemory(to: T.self, capacity: elementCount)
        return try body(UnsafeBufferPointer(start: typed, count: elementCount))
    }

    /// Calls `body` with the elements typed as `T` for writing (copy on write).
    ///
    /// - Precondition: `T.dtype == dtype`.
    public mutating func withUnsafeMutableBufferPointer<T: TensorElement, R>(
        of type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(T.dtype == dtype, "a \(dtype) tensor written as \(T.dtype)")
        let count = elementCount
        makeStorageUnique()
        return try body(
            UnsafeMutableBufferPointer(start: storage.bytes.bindMemory(to: T.self, capacity: count), count: count))
    }

    /// The elements as a Swift array of `T`.
    ///
    /// - Precondition: `T.dtype == dtype`.
    public func scalars<T: TensorElement>(as type: T.Type) -> [T] {
        withUnsafeBufferPointer(of: T.self) { Array($0) }
    }

    /// The same elements viewed with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(
            newShape.reduce(1, *) == elementCount,
            "cannot reshape \(shape) (\(elementCount) elements) to \(newShape)")
        return Tensor(dtype: dtype, shape: newShape, storage: storage)
    }

    init(dtype: DType, shape: [Int], storage: _TensorStorage) {
        self.dtype = dtype
        self.shape = shape
        self.storage = storage
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when their types, shapes and bytes are equal.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.dtype == rhs.dtype, lhs.shape == rhs.shape else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }
}
