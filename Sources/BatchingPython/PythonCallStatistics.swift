import Foundation

/// Where a `python:` stage's time went: in the user's function (seeding included) and in
/// moving arrays to and from the worker (copies into and out of shared memory, the header
/// messages, waking the worker).
public struct PythonCallStatistics: Sendable, Hashable {
    /// Calls answered (a replay check counts two).
    public var calls = 0
    /// Seconds inside the worker's call of the function, as the worker measured them.
    public var pythonSeconds = 0.0
    /// Seconds from copying the request in to having copied the result out.
    public var roundTripSeconds = 0.0
    /// Bytes copied to the workers and back.
    public var bytesMoved = 0

    public init() {}

    /// Seconds spent moving data rather than running the function.
    public var transportSeconds: Double { max(roundTripSeconds - pythonSeconds, 0) }

    /// The share of the round trips spent in transport, from 0 to 1.
    public var transportShare: Double { roundTripSeconds > 0 ? transportSeconds / roundTripSeconds : 0 }

    /// Adds another stage's or worker's figures.
    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.calls += rhs.calls
        sum.pythonSeconds += rhs.pythonSeconds
        sum.roundTripSeconds += rhs.roundTripSeconds
        sum.bytesMoved += rhs.bytesMoved
        return sum
    }
}

/// A ``PythonCallStatistics`` that worker threads add to.
final class PythonCallTally: @unchecked Sendable {
    private let lock = NSLock()
    private var totals = PythonCallStatistics()

    func add(python: Double, roundTrip: Double, bytes: Int) {
        lock.withLock {
            totals.calls += 1
            totals.pythonSeconds += python
            totals.roundTripSeconds += roundTrip
            totals.bytesMoved += bytes
        }
    }

    var snapshot: PythonCallStatistics { lock.withLock { totals } }
}
