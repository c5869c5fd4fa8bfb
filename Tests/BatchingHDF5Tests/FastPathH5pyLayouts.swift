import Batching
import Foundation

@testable import BatchingHDF5

/// Test support: files and their layouts as h5py (a third-party writer and reader) describes them,
/// so the direct readers are checked against libhdf5's own view of where the bytes are.
enum FastPathH5py {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs a Python snippet (with `h5py`, `numpy as np`, `json` imported) and returns its stdout.
    static func run(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import h5py, json, numpy as np\n" + script]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed: " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The layout h5py reports for `dataset` of `file` (`nil` when not contiguous-or-chunked with
    /// deflate/shuffle only, which the direct path leaves to libhdf5).
    static func layout(file: String, dataset: String) throws -> DirectLayout? {
        let json = try run(
            """
            f = h5py.File(\(pythonString(file)), 'r'); d = f[\(pythonString(dataset))]
            dcpl = d.id.get_create_plist()
            out = dict(shape=list(d.shape), kind=d.dtype.kind, size=d.dtype.itemsize,
                       big=d.dtype.byteorder == '>', layout=dcpl.get_layout(),
                       filters=[dcpl.get_filter(i)[0] for i in range(dcpl.get_nfilters())])
            if d.chunks is None:
                out['offset'] = d.id.get_offset()
            else:
                out['chunkShape'] = list(d.chunks)
                out['chunks'] = [dict(origin=list(c.chunk_offset), offset=c.byte_offset, size=c.size, mask=c.filter_mask)
                                 for c in (d.id.get_chunk_info(i) for i in range(d.id.get_num_chunks()))]
            print(json.dumps(out))
            """)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let shape = object["shape"] as! [Int]
        let size = object["size"] as! Int
        let dtype: DType
        switch (object["kind"] as! String, size) {
        case ("u", 1): dtype = .uint8
        case ("u", 2): dtype = .uint16
        case ("i", 2): dtype = .int16
        case ("i", 4): dtype = .int32
        case ("i", 8): dtype = .int64
        case ("f", 4): dtype = .float32
        case ("f", 8): dtype = .float64
        default: throw Failure(description: "unexpected dtype in \(file)")
        }
        let swap = object["big"] as! Bool
        if let offset = object["offset"] as? UInt64 {
            return DirectLayout(
                filePath: file, datasetPath: dataset, dtype: dtype, swapBytes: swap, shape: shape,
                storage: .contiguous(fileOffset: offset))
        }
        guard let chunkShape = object["chunkShape"] as? [Int] else { return nil }
        var filters = [ChunkFilter]()
        for id in object["filters"] as! [Int] {
            guard let filter = ChunkFilter(id: id, elementSize: size) else { return nil }
            filters.append(filter)
        }
        let chunks = (object["chunks"] as! [[String: Any]]).map { chunk in
            (
                origin: chunk["origin"] as! [Int],
                location: ChunkLocation(
                    fileOffset: chunk["offset"] as! UInt64, storedSize: chunk["size"] as! Int,
                    filterMask: UInt32(chunk["mask"] as! Int))
            )
        }
        guard let grid = ChunkGrid(datasetShape: shape, chunkShape: chunkShape, elementSize: size, filters: filters),
            let locations = grid.locations(of: chunks)
        else { return nil }
        return DirectLayout(
            filePath: file, datasetPath: dataset, dtype: dtype, swapBytes: swap, shape: shape,
            storage: .chunked(grid, .located(locations)))
    }

    /// Writes `images` of shape `shape` following the fixture formula with h5py; `options` are
    /// extra `create_dataset` keyword arguments and `dtype` a NumPy type string (`'u1'`, `'>f4'`).
    /// Float types hold formula/255.
    static func writeFormulaFile(_ path: String, shape: [Int], dtype: String = "u1", options: String = "") throws {
        _ = try run(
            """
            shape = \(shape)
            grids = np.indices(shape)
            i = grids[0]; r = grids[1] if len(shape) > 1 else 0; c = grids[2] if len(shape) > 2 else 0
            ch = grids[3] if len(shape) > 3 else 0
            v = (7 * i + 3 * r + c + 11 * ch) % 256
            dt = np.dtype('\(dtype)')
            data = (v / 255.0).astype(dt) if dt.kind == 'f' else v.astype(dt)
            with h5py.File(\(pythonString(path)), 'w') as f:
                f.create_dataset('images', data=data\(options.isEmpty ? "" : ", " + options))
            """)
    }

    static func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

/// The fixture formula: value(i, r, c, ch) = (7i + 3r + c + 11ch) mod 256.
func fixtureValue(_ i: Int, _ r: Int, _ c: Int, _ ch: Int = 0) -> UInt8 {
    UInt8((7 * i + 3 * r + c + 11 * ch) % 256)
}

/// The expected row `i` of a formula dataset of row shape `rowShape`, row-major.
func fixtureRow(_ i: Int, rowShape: [Int]) -> [UInt8] {
    let count = rowShape.reduce(1, *)
    return (0..<count).map { flat in
        var rest = flat
        var coordinates = [Int](repeating: 0, count: 3)
        for axis in stride(from: rowShape.count - 1, through: 0, by: -1) {
            coordinates[axis] = rest % rowShape[axis]
            rest /= rowShape[axis]
        }
        return fixtureValue(i, coordinates[0], coordinates[1], coordinates[2])
    }
}
