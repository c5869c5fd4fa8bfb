import CConvert

extension Tensor {
    /// The elements converted to `float32`.
    ///
    /// `uint8` data is scaled from [0, 255] into `range` (BatchUp's default is [0, 1]); every other
    /// type is converted value for value, and `range` is ignored. A `float32` tensor is returned
    /// as it is, sharing its storage. With `threads` above 1, a large tensor is converted in parts
    /// on that many threads (see ``convertToFloat32(into:scalingBytesInto:threads:)``).
    public func convertedToFloat32(scalingBytesInto range: ClosedRange<Float> = 0...1, threads: Int = 1) -> Tensor {
        if dtype == .float32 { return self }
        var out = Tensor(uninitialized: .float32, shape: shape)
        convertToFloat32(into: &out, scalingBytesInto: range, threads: threads)
        return out
    }

    /// Writes the elements, converted as ``convertedToFloat32(scalingBytesInto:)`` does, into
    /// `destination`, a `float32` tensor of the same element count.
    ///
    /// With `threads` above 1, large tensors (a whole batch file) are converted in parts on that
    /// many threads at once; the result is the same bytes.
    public func convertToFloat32(
        into destination: inout Tensor, scalingBytesInto range: ClosedRange<Float> = 0...1,
        threads: Int = 1
    ) {
        precondition(
            destination.dtype == .float32 && destination.elementCount == elementCount,
            "float32 destination \(destination.shape) does not fit \(shape)")
        let dtype = self.dtype
        let parts = Self.conversionParts(count: elementCount, threads: threads)
        if parts.count == 1 { // the common case (a batch of small samples): no threads, no hops
            destination.withUnsafeMutableBufferPointer(of: Float.self) { out in
                guard let out = out.baseAddress else { return }
                dtype.convertToFloat32(
                    UnsafeRawPointer(storage.bytes), into: out, count: elementCount, scalingBytesInto: range)
            }
            return
        }
        // Addresses as integers: pointers are not Sendable, and `self` and `destination` outlive the work.
        let source = Int(bitPattern: storage.bytes)
        destination.withUnsafeMutableBufferPointer(of: Float.self) { out in
            guard let out = out.baseAddress else { return }
            let target = Int(bitPattern: out)
            // The parts cannot fail, so there is no error to lose.
            try? ParallelWork(width: threads).run(count: parts.count) { part in
                let elements = parts[part]
                // Never nil: both addresses were taken from non-null pointers above.
                dtype.convertToFloat32(
                    UnsafeRawPointer(bitPattern: source)! + elements.lowerBound * dtype.byteWidth,
                    into: UnsafeMutablePointer<Float>(bitPattern: target)! + elements.lowerBound,
                    count: elements.count, scalingBytesInto: range)
            }
        }
    }

    /// Element ranges of about 1 MiB of output each (a single range when `threads` is 1 or the
    /// tensor is small), so that threads share the work evenly.
    static func conversionParts(count: Int, threads: Int) -> [Range<Int>] {
        let partElements = 1 << 18
        guard threads > 1, count > partElements else { return [0..<count] }
        return stride(from: 0, to: count, by: partElements).map { $0..<min($0 + partElements, count) }
    }

    /// The element at flat (row-major) position `index`, widened to `Double`.
    public func doubleValue(atElement index: Int) -> Double {
        precondition(index >= 0 && index < elementCount, "element \(index) outside 0..<\(elementCount)")
        return dtype.doubleValue(at: UnsafeRawPointer(storage.bytes), element: index)
    }

    /// The element at flat position `index` as an integer, for label and index columns.
    ///
    /// A float counts only when it is a whole number (`3.0`); `nil` for `0.5`, NaN, infinities and
    /// values outside `Int`'s range, so that fractional "labels" are never silently truncated.
    public func integerValue(atElement index: Int) -> Int? {
        precondition(index >= 0 && index < elementCount, "element \(index) outside 0..<\(elementCount)")
        let raw = UnsafeRawPointer(storage.bytes)
        switch dtype {
        case .int64: return Int(raw.load(fromByteOffset: index * 8, as: Int64.self))
        case .uint64:
            let value = raw.load(fromByteOffset: index * 8, as: UInt64.self)
            return value <= UInt64(Int.max) ? Int(value) : nil
        case .float32, .float64:
            let value = doubleValue(atElement: index)
            return value.isFinite && abs(value) < 9.2e18 && value.rounded(.towardZero) == value ? Int(value) : nil
        default: return Int(doubleValue(atElement: index))
        }
    }

    /// Every element as an integer (see ``integerValue(atElement:)``), or `nil` if any is not one.
    public func integerScalars() -> [Int]? {
        var out = [Int]()
        out.reserveCapacity(elementCount)
        for i in 0..<elementCount {
            guard let value = integerValue(atElement: i) else { return nil }
            out.append(value)
        }
        return out
    }
}

/// `x / 255` for a byte `x`, bit for bit as NumPy's `x / 255` in float32, without a division.
///
/// 1/255 is split into `high`, which has only 12 significant bits so that `x · high` is exact for
/// every byte, and the small remainder `low`. `x · high + x · low` then rounds once, and for all
/// 256 bytes that single rounding lands on the correctly rounded quotient (a test checks every
/// one). Two multiplies and an add vectorise on any x86-64, where a division is about four times
/// slower. The loops are C (`Sources/CConvert`): AVX-512 (16 bytes a step) or AVX2 (8), picked at
/// run time, since this package's baseline x86-64 build vectorises Swift only 4 wide (SSE2);
/// every kernel rounds each product and sum on its own, so all give the same bits.
extension DType {
    /// Converts `count` elements of this type at `source` to `float32` at `destination`, as
    /// ``Tensor/convertedToFloat32(scalingBytesInto:)`` does: `uint8` scaled from [0, 255] into
    /// `range`, every other type value for value.
    public func convertToFloat32(
        _ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int,
        scalingBytesInto range: ClosedRange<Float> = 0...1
    ) {
        switch self {
        case .uint8:
            _ByteScale.convert(
                source.assumingMemoryBound(to: UInt8.self), into: destination, count: count,
                width: range.upperBound - range.lowerBound, offset: range.lowerBound)
        case .float32:
            destination.update(from: source.assumingMemoryBound(to: Float.self), count: count)
        default:
            for i in 0..<count { destination[i] = Float(doubleValue(at: source, element: i)) }
        }
    }

    /// The element at position `index` of the elements of this type at `raw`, widened to `Double`.
    func doubleValue(at raw: UnsafeRawPointer, element index: Int) -> Double {
        switch self {
        case .bool: return raw.load(fromByteOffset: index, as: UInt8.self) != 0 ? 1 : 0
        case .int8: return Double(raw.load(fromByteOffset: index, as: Int8.self))
        case .uint8: return Double(raw.load(fromByteOffset: index, as: UInt8.self))
        case .int16: return Double(raw.load(fromByteOffset: index * 2, as: Int16.self))
        case .uint16: return Double(raw.load(fromByteOffset: index * 2, as: UInt16.self))
        case .int32: return Double(raw.load(fromByteOffset: index * 4, as: Int32.self))
        case .uint32: return Double(raw.load(fromByteOffset: index * 4, as: UInt32.self))
        case .int64: return Double(raw.load(fromByteOffset: index * 8, as: Int64.self))
        case .uint64: return Double(raw.load(fromByteOffset: index * 8, as: UInt64.self))
        case .float32: return Double(raw.load(fromByteOffset: index * 4, as: Float.self))
        case .float64: return raw.load(fromByteOffset: index * 8, as: Double.self)
        }
    }
}

enum _ByteScale {
    static let high = Float(bitPattern: Float(1.0 / 255.0).bitPattern & 0xFFFF_F000)
    static let low = Float(1.0 / 255.0 - Double(high))

    /// The instruction sets the conversion can use, widest last (the C kernels in `CConvert`).
    enum Kernel: Int, CaseIterable {
        case portable, avx2, avx512

        /// The widest kernel this CPU runs.
        static var best: Kernel { Kernel(rawValue: Int(bv_byte_conversion_best_level().rawValue)) ?? .portable }
    }

    /// Writes `x / 255 · width + offset` for each of `count` bytes, with the widest kernel this
    /// CPU runs unless `kernel` names a narrower one (tests compare them all).
    static func convert(
        _ source: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<Float>, count: Int,
        width: Float, offset: Float, kernel: Kernel = .avx512
    ) {
        bv_convert_bytes_to_float32(
            source, out, count, high, low, width, offset, BVByteConversionLevel(UInt32(kernel.rawValue)))
    }

    /// Writes the rows at `indices` of the byte table at `base` (`rowBytes` bytes a row; every
    /// index checked by the caller) converted as ``convert(_:into:count:width:offset:kernel:)``
    /// does, one after another into `out`: one pass, each row converted from where it lies while
    /// the next rows are prefetched.
    static func gatherRows(
        _ base: UnsafePointer<UInt8>, rowBytes: Int, indices: [Int], into out: UnsafeMutablePointer<Float>,
        width: Float, offset: Float, kernel: Kernel = .avx512
    ) {
        indices.withUnsafeBufferPointer { indices in
            bv_gather_bytes_to_float32(
                base, rowBytes, indices.baseAddress, indices.count, out, high, low, width, offset,
                BVByteConversionLevel(UInt32(kernel.rawValue)))
        }
    }
}
