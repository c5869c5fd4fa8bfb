import Batching
import Synchronization

/// Spare buffers for the direct path's chunk work — decoded chunks the cache dropped, and the
/// scratch that holds a chunk's stored bytes while it decodes — handed out again instead of
/// mapping fresh pages for every chunk.
///
/// A freshly mapped buffer costs a page fault per 4 KiB on its first write and a `munmap` when
/// freed; one taken from here is already resident. The pool holds at most ``byteBound`` bytes of
/// spare buffers (32 MiB for a source's cache): this memory is *not* part of the cache's
/// `--cache-mb` budget, it is bounded on its own, and a buffer given back beyond the bound is
/// freed at once. A request takes a spare buffer whose size is between the bytes asked for and a
/// quarter more, so that a small ask never pins a large buffer. Only mapped buffers (64 KiB and
/// up) are kept, so the pool never lists more than 512: smaller ones come from `malloc` and go
/// back to it. Safe to use from any thread.
///
/// ```swift
/// let pool = ChunkBufferPool(byteBound: 32 << 20)
/// let memory = pool.take(byteCount: 196_608)   // a spare of 196,608...245,760 bytes, or new pages
/// pool.give(memory)                             // kept for the next take, or freed
/// ```
public final class ChunkBufferPool: Sendable {
    /// The most bytes of spare buffers held at once.
    public let byteBound: Int
    private let spares = Mutex<(buffers: [PageAllocation], bytes: Int)>(([], 0))

    /// A pool holding at most `byteBound` bytes of spare buffers (0: every buffer is freed).
    public init(byteBound: Int) {
        self.byteBound = max(byteBound, 0)
    }

    /// Bytes of spare buffers held now.
    public var bytesHeld: Int { spares.withLock { $0.bytes } }

    /// Memory for at least `byteCount` bytes (uninitialised): a spare buffer of up to a quarter
    /// more, or a new allocation (``PageAllocation/Policy/decodedChunks``).
    public func take(byteCount: Int) -> PageAllocation {
        guard byteCount >= PageAllocation.Policy.decodedChunks.threshold else {
            return PageAllocation(byteCount: byteCount, policy: .decodedChunks)
        }
        let spare = spares.withLock { state -> PageAllocation? in
            guard
                let index = state.buffers.lastIndex(where: {
                    $0.byteCount >= byteCount && $0.byteCount - byteCount <= byteCount / 4
                })
            else { return nil }
            let buffer = state.buffers.remove(at: index)
            state.bytes -= buffer.byteCount
            return buffer
        }
        return spare ?? PageAllocation(byteCount: byteCount, policy: .decodedChunks)
    }

    /// Keeps `memory` for a later ``take(byteCount:)`` when it is mapped and the bound allows,
    /// else frees it; it must not be used afterwards.
    public func give(_ memory: PageAllocation) {
        let kept = spares.withLock { state -> Bool in
            guard memory.mappedLength > 0, state.bytes + memory.byteCount <= byteBound else { return false }
            state.buffers.append(memory)
            state.bytes += memory.byteCount
            return true
        }
        if !kept { memory.free() }
    }

    /// Frees every spare buffer.
    public func removeAll() {
        let buffers = spares.withLock { state in
            defer { state = ([], 0) }
            return state.buffers
        }
        for buffer in buffers { buffer.free() }
    }

    deinit { removeAll() }
}
