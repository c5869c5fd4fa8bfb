import Testing

@testable import BatchingHDF5

/// The chunk decoder's sentences for a deflated chunk that does not decode to one chunk's bytes.
@Suite("ChunkDecoder")
struct ChunkDecoderTests {
    /// 4 rows of 3 bytes, in chunks of 2 rows: 6 bytes a chunk, deflated.
    let decoder = ChunkDecoder(
        grid: ChunkGrid(datasetShape: [4, 3], chunkShape: [2, 3], elementSize: 1, filters: [.deflate])!,
        swapBytes: false)

    private func sentence(decoding stored: [UInt8], rows: Int? = nil) -> String? {
        do {
            _ = try stored.withUnsafeBytes {
                try decoder.decode(stored: $0, filterMask: 0, rows: rows, place: "the chunk at offset 99")
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func decodesAWholeChunkAndARowPrefix() throws {
        let stored = Deflater.compress([1, 2, 3, 4, 5, 6])
        let whole = try stored.withUnsafeBytes { try decoder.decode(stored: $0, filterMask: 0) }
        #expect(Array(UnsafeRawBufferPointer(whole.bytes)) == [1, 2, 3, 4, 5, 6])
        let firstRow = try stored.withUnsafeBytes { try decoder.decode(stored: $0, filterMask: 0, rows: 1) }
        #expect(Array(UnsafeRawBufferPointer(firstRow.bytes)) == [1, 2, 3])
    }

    @Test func aChunkThatInflatesShortOrLongSaysByHowMuch() {
        #expect(
            sentence(decoding: Deflater.compress([1, 2, 3, 4, 5]))
                == "the chunk at offset 99: the zlib stream inflates to 5 bytes, not the 6 expected; the file may be damaged"
        )
        #expect(
            sentence(decoding: Deflater.compress([1, 2, 3, 4, 5, 6, 7]))
                == "the chunk at offset 99: the zlib stream inflates to more than the 6 bytes expected; the file may be damaged"
        )
    }

    @Test func aTruncatedOrCorruptChunkNamesItsPlace() {
        let stored = Deflater.compress([1, 2, 3, 4, 5, 6])
        let truncated = sentence(decoding: Array(stored.dropLast(3)))
        #expect(truncated?.hasPrefix("the chunk at offset 99: the zlib stream stops after") == true)
        #expect(truncated?.hasSuffix("before its end; the file may be damaged") == true)
        var corrupt = stored
        corrupt[0] = 0
        #expect(
            sentence(decoding: corrupt)
                == "the chunk at offset 99: the zlib stream is corrupt after 2 compressed bytes (zlib: incorrect header check); the file may be damaged"
        )
        #expect(sentence(decoding: corrupt, rows: 1)?.contains("incorrect header check") == true)
    }
}
