import Batching
import Testing

@testable import BatchViewCore

/// The inspector's timed float32 conversion reports the bytes of the float32 copy a model is
/// fed, for a batch smaller than one part, one split over threads, and one already float32.
@Suite struct ScratchConversionTests {
    @Test func reportsTheFloatCopysBytesForEverySize() {
        let conversion = ScratchConversion(threads: 2)
        let sizes = [0, 1, 1000, ScratchConversion.partElements + 1, 3 * ScratchConversion.partElements - 7]
        for count in sizes {
            let bytes = Tensor(zeros: .uint8, shape: [count])
            #expect(conversion.convert(bytes) == count * 4, "\(count) bytes")
            #expect(conversion.convert(bytes) == bytes.convertedToFloat32().byteCount)
        }
        let words = Tensor(zeros: .int16, shape: [3, ScratchConversion.partElements])
        #expect(conversion.convert(words) == words.convertedToFloat32().byteCount)
        let floats = Tensor(zeros: .float32, shape: [5, 7])
        #expect(conversion.convert(floats) == floats.byteCount)
    }

    /// A tensor of up to `timedElements` is timed whole; a larger one by its first
    /// `timedElements`, scaled by its size (the clock below advances 1,000 ns a reading).
    @Test func timesALargeTensorByItsFirstPartScaled() {
        let conversion = ScratchConversion(threads: 2)
        let clock = FixedClock(step: 1000)
        let small = Tensor(zeros: .uint8, shape: [1000])
        let whole = conversion.timed(small, clock: clock.next)
        #expect(whole.nanoseconds == 1000)
        #expect(whole.bytes == 4000)
        let large = Tensor(zeros: .uint8, shape: [4, ScratchConversion.timedElements])
        let timed = conversion.timed(large, clock: clock.next)
        #expect(timed.nanoseconds == 4000)
        #expect(timed.bytes == large.convertedToFloat32().byteCount)
    }
}
