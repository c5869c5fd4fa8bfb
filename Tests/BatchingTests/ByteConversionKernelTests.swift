import Testing

@testable import Batching

/// The C conversion kernels (`CConvert`): every kernel this CPU runs gives `x / 255 · width + offset`
/// exactly as IEEE float32 division and separately rounded arithmetic give it, from any start
/// address and for any length (the vector loops' tails and unaligned loads).
@Suite struct ByteConversionKernelTests {
    /// Bytes covering all 256 values, in a scrambled order.
    static let bytes = table(count: 1100)
    static func table(count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ $0 / 256) } }

    /// The independent truth: float32 division by 255, then the range's scale and shift.
    static func expected(_ byte: UInt8, width: Float, offset: Float) -> Float {
        let unit = Float(byte) / 255
        if width == 1 && offset == 0 { return unit }
        let stretched = unit * width
        return stretched + offset
    }

    static let kernels = _ByteScale.Kernel.allCases.filter { $0.rawValue <= _ByteScale.Kernel.best.rawValue }

    @Test(arguments: kernels)
    func everyStartAndLengthGivesTheDividedBytes(kernel: _ByteScale.Kernel) {
        for (width, offset): (Float, Float) in [(1, 0), (2, -1), (255, 0)] {
            Self.bytes.withUnsafeBufferPointer { source in
                var out = [Float](repeating: .nan, count: Self.bytes.count + 1)
                for start in 0..<17 {
                    for count in Array(0..<70) + [783, 784, 1000] where start + count <= source.count {
                        out.withUnsafeMutableBufferPointer { destination in
                            destination.initialize(repeating: .nan)
                            // `destination + 1`: the stores start unaligned too.
                            _ByteScale.convert(
                                source.baseAddress! + start, into: destination.baseAddress! + 1, count: count,
                                width: width, offset: offset, kernel: kernel)
                        }
                        let wrong = (0..<count).first {
                            out[1 + $0].bitPattern
                                != Self.expected(source[start + $0], width: width, offset: offset).bitPattern
                        }
                        #expect(wrong == nil, "\(kernel) start \(start) count \(count) range \(width)+\(offset)")
                        #expect(out[0].isNaN && (1 + count >= out.count || out[1 + count].isNaN), "wrote outside")
                    }
                }
            }
        }
    }

    @Test(arguments: kernels)
    func gatheringConvertsEachRowAtItsIndex(kernel: _ByteScale.Kernel) {
        let table = Self.table(count: 20_000)
        for rowBytes in [1, 15, 17, 784, 5000] {
            let rows = table.count / rowBytes
            let picked = (0..<37).map { ($0 * 7919 + 3) % rows } + [rows - 1, 0]
            var out = [Float](repeating: .nan, count: picked.count * rowBytes)
            table.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { destination in
                    _ByteScale.gatherRows(
                        source.baseAddress!, rowBytes: rowBytes, indices: picked, into: destination.baseAddress!,
                        width: 2, offset: -1, kernel: kernel)
                }
            }
            let expected = picked.flatMap { index in
                table[(index * rowBytes)..<((index + 1) * rowBytes)].map {
                    Self.expected($0, width: 2, offset: -1).bitPattern
                }
            }
            #expect(out.map(\.bitPattern) == expected, "\(kernel) rows of \(rowBytes) bytes")
        }
    }

    @Test func theBestKernelIsWhatConversionUses() throws {
        let tensor = Tensor(shape: [Self.bytes.count], scalars: Self.bytes)
        let floats = tensor.convertedToFloat32(scalingBytesInto: -1...1).scalars(as: Float.self)
        #expect(floats.map(\.bitPattern) == Self.bytes.map { Self.expected($0, width: 2, offset: -1).bitPattern })
    }
}
