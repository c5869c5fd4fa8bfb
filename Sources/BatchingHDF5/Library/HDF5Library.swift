import Batching
import CHDF5
import Foundation

/// The module's one door into libhdf5: per-thread setup, error-stack capture and the native
/// memory types. Every other file calls the library only through these helpers and the handle
/// types built on them.
enum HDF5Library {
    /// Turns off the library's automatic error printing on the calling thread.
    ///
    /// A thread-safe libhdf5 keeps one error stack (and its printing switch) per thread, so this
    /// runs on every thread before its first call; later calls cost one thread-local lookup.
    static func prepareThread() {
        if pthread_getspecific(preparedKey) != nil { return }
        H5Eset_auto2(bv_H5E_DEFAULT(), nil, nil)
        HDF5Plugins.prepare()
        pthread_setspecific(preparedKey, UnsafeRawPointer(bitPattern: 1))
    }

    private static let preparedKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The innermost message on the calling thread's error stack (the one nearest the cause),
    /// then clears the stack; `nil` when the stack is empty.
    static func takeErrorMessage() -> String? {
        final class Collector { var messages = [String]() }
        let collector = Collector()
        let walk: H5E_walk2_t = { _, description, data in
            guard let description, let data, let text = description.pointee.desc else { return 0 }
            Unmanaged<Collector>.fromOpaque(data).takeUnretainedValue().messages.append(String(cString: text))
            return 0
        }
        _ = withExtendedLifetime(collector) {
            H5Ewalk2(bv_H5E_DEFAULT(), H5E_WALK_DOWNWARD, walk, Unmanaged.passUnretained(collector).toOpaque())
        }
        H5Eclear2(bv_H5E_DEFAULT())
        return collector.messages.last(where: { !$0.isEmpty })
    }

    /// Calls `body` with the thread prepared and a clean error stack.
    static func call<R>(_ body: () throws -> R) rethrows -> R {
        prepareThread()
        H5Eclear2(bv_H5E_DEFAULT())
        return try body()
    }

    /// `id` wrapped in a handle, or the error `failure(message)` when the call failed.
    static func handle(_ id: hid_t, _ failure: (String) -> HDF5Error) throws -> HDF5Handle {
        guard id >= 0 else { throw failure(takeErrorMessage() ?? "unknown libhdf5 error") }
        return HDF5Handle(id)
    }

    /// Throws `failure(message)` when a status is negative.
    static func check(_ status: herr_t, _ failure: (String) -> HDF5Error) throws {
        if status < 0 { throw failure(takeErrorMessage() ?? "unknown libhdf5 error") }
    }

    /// The library's native memory type for `dtype`, owned by the library (never closed).
    static func nativeType(_ dtype: DType) -> hid_t {
        switch dtype {
        case .bool, .uint8: bv_H5T_NATIVE_UINT8()
        case .int8: bv_H5T_NATIVE_INT8()
        case .int16: bv_H5T_NATIVE_INT16()
        case .uint16: bv_H5T_NATIVE_UINT16()
        case .int32: bv_H5T_NATIVE_INT32()
        case .uint32: bv_H5T_NATIVE_UINT32()
        case .int64: bv_H5T_NATIVE_INT64()
        case .uint64: bv_H5T_NATIVE_UINT64()
        case .float32: bv_H5T_NATIVE_FLOAT()
        case .float64: bv_H5T_NATIVE_DOUBLE()
        }
    }

    /// A C string read by a libhdf5 "name" function that takes a buffer and returns the length.
    static func string(_ fill: (UnsafeMutablePointer<CChar>?, Int) -> Int) -> String? {
        let length = fill(nil, 0)
        guard length >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: length + 1)
        let written = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress, length + 1) }
        guard written >= 0 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
