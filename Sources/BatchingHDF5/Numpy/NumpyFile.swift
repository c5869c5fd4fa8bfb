import Batching
import Foundation

/// Reads and writes NumPy `.npy` files (format 1.0 headers; 2.0 and 3.0 are read too).
///
/// Written arrays are C-ordered and little-endian, so `numpy.load` gives back the same values.
///
/// ```swift
/// try NumpyFile.write(Tensor([Int64(3), 1, 2]), to: "indices.npy")
/// let back = try NumpyFile.read("indices.npy")   // int64 [3]
/// ```
public enum NumpyFile {
    /// The bytes of an `.npy` file holding `tensor`.
    public static func encode(_ tensor: Tensor) -> Data {
        let shape =
            tensor.shape.count == 1
            ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(tensor.dtype.numpyDescriptor)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        tensor.withUnsafeBytes { bytes in
            if HDF5ByteOrder.native == .little || tensor.dtype.byteWidth == 1 {
                data.append(contentsOf: bytes)
            } else {
                data.append(contentsOf: swapped(bytes, width: tensor.dtype.byteWidth))
            }
        }
        return data
    }

    /// Writes `tensor` to `path` as `.npy`.
    ///
    /// - Throws: ``HDF5Error/writeFailed(path:detail:)``.
    public static func write(_ tensor: Tensor, to path: String) throws {
        do {
            try encode(tensor).write(to: URL(fileURLWithPath: path))
        } catch {
            throw HDF5Error.writeFailed(path: path, detail: error.localizedDescription)
        }
    }

    /// Reads the `.npy` file at `path`.
    ///
    /// - Throws: ``HDF5Error/fileNotFound(path:)``, or ``HDF5Error/invalidArgument(_:)`` with a
    ///   sentence naming the file when it is not a C-ordered numeric `.npy` array.
    public static func read(_ path: String) throws -> Tensor {
        guard let data = FileManager.default.contents(atPath: path) else { throw HDF5Error.fileNotFound(path: path) }
        return try decode(data, name: path)
    }

    /// The array in the `.npy` bytes `data`; `name` is used in error messages.
    public static func decode(_ data: Data, name: String = "the .npy data") throws -> Tensor {
        let bytes = [UInt8](data)
        func bad(_ why: String) -> HDF5Error {
            .invalidArgument("\(name) is not a usable .npy file (\(why)); save it with numpy.save from a numeric array")
        }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw bad("no NumPy signature")
        }
        let major = bytes[6]
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw bad("the header is cut short") }
        let headerLength = bytes[8..<(8 + lengthBytes)].reversed().reduce(0) { $0 << 8 | Int($1) }
        let start = 8 + lengthBytes
        guard bytes.count >= start + headerLength else { throw bad("the header is cut short") }
        let header = String(decoding: bytes[start..<(start + headerLength)], as: UTF8.self)
        guard let descr = value(of: "descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        else {
            throw bad("the header has no descr")
        }
        if value(of: "fortran_order", in: header)?.contains("True") == true { throw bad("it is Fortran-ordered") }
        guard let shapeText = value(of: "shape", in: header) else { throw bad("the header has no shape") }
        let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() ")).split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let code = descr.drop { "<>|=".contains($0) }
        guard let dtype = DType.allCases.first(where: { $0.numpyDescriptor.dropFirst() == code }) else {
            throw bad("its element type \(descr) is not a plain number type")
        }
        let count = shape.reduce(1, *) * dtype.byteWidth
        let body = start + headerLength
        guard bytes.count >= body + count else { throw bad("it holds fewer bytes than its shape \(shape) needs") }
        let big = descr.hasPrefix(">") && dtype.byteWidth > 1
        let payload = Array(bytes[body..<(body + count)])
        let ordered =
            big != (HDF5ByteOrder.native == .big)
            ? payload.withUnsafeBytes { swapped($0, width: dtype.byteWidth) } : payload
        return ordered.withUnsafeBytes { Tensor(dtype: dtype, shape: shape, copyingBytes: $0) }
    }

    private static func value(of key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        let rest = header[keyRange.upperBound...].drop { $0 == ":" || $0 == " " }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        return String(rest.prefix { $0 != "," && $0 != "}" })
    }

    private static func swapped(_ bytes: UnsafeRawBufferPointer, width: Int) -> [UInt8] {
        var out = [UInt8](bytes)
        guard width > 1 else { return out }
        for start in stride(from: 0, to: out.count, by: width) { out[start..<(start + width)].reverse() }
        return out
    }
}
