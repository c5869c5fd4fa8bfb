import Testing

@testable import Batching

@Suite struct TensorTests {
    /// A 5-row tensor whose row i holds i*10 … i*10+3.
    let table = Tensor(shape: [5, 2, 2], scalars: (0..<5).flatMap { i in (0..<4).map { Int32(i * 10 + $0) } })

    @Test func gatherReturnsRowsInTheOrderAsked() throws {
        let picked = try table.gatherRows([3, 0, 3, 4])
        #expect(picked.shape == [4, 2, 2])
        #expect(picked.scalars(as: Int32.self) == [30, 31, 32, 33, 0, 1, 2, 3, 30, 31, 32, 33, 40, 41, 42, 43])
    }

    @Test func gatherOfOneScalarRowsMatchesPickingEachValue() throws {
        let picked = [4, 0, 4, 2, 1, 3]
        let values = [3, 250, 7, 128, 99]
        let columns = [
            Tensor(values.map(UInt8.init)), Tensor(values.map { Int16($0) * -3 }), Tensor(values.map { Float($0) / 7 }),
            Tensor(values.map { Int64($0) << 40 }), Tensor(shape: [5, 1], scalars: values.map(Int32.init)),
        ]
        for column in columns {
            let gathered = try column.gatherRows(picked)
            #expect(gathered.shape == [picked.count] + column.rowShape)
            for (row, index) in picked.enumerated() {
                #expect(gathered.doubleValue(atElement: row) == column.doubleValue(atElement: index), "\(column.dtype)")
            }
        }
    }

    @Test func gatherRejectsIndicesOutsideTheRows() {
        #expect(throws: BatchingError.indexOutOfRange(index: 5, count: 5)) { try table.gatherRows([0, 5]) }
        #expect(throws: BatchingError.indexOutOfRange(index: -1, count: 5)) { try table.gatherRows([-1]) }
    }

    @Test func gatherIntoReusesTheDestination() throws {
        var destination = Tensor(zeros: .int32, shape: [2, 2, 2])
        try table.gatherRows([1, 2], into: &destination)
        #expect(destination.scalars(as: Int32.self) == [10, 11, 12, 13, 20, 21, 22, 23])
    }

    @Test func rowsSliceTheFirstAxis() {
        #expect(table.rows(1..<3).scalars(as: Int32.self) == [10, 11, 12, 13, 20, 21, 22, 23])
        #expect(table.rows(2..<2).shape == [0, 2, 2])
    }

    @Test func bytesScaleIntoTheUnitRangeByDefault() {
        let bytes = Tensor(shape: [4], scalars: [UInt8(0), 51, 102, 255])
        let floats = bytes.convertedToFloat32().scalars(as: Float.self)
        #expect(floats == [0, 0.2, 0.4, 1])
    }

    @Test func everyByteScalesExactlyAsNumPyDividesBy255() {
        let bytes = Tensor((0...255).map(UInt8.init))
        let floats = bytes.convertedToFloat32().scalars(as: Float.self)
        for byte in 0...255 { #expect(floats[byte] == Float(byte) / 255, "byte \(byte)") }
    }

    @Test func bytesScaleIntoAnyRange() {
        let bytes = Tensor(shape: [3], scalars: [UInt8(0), 255, 51])
        let floats = bytes.convertedToFloat32(scalingBytesInto: -1...1).scalars(as: Float.self)
        #expect(floats[0] == -1 && floats[1] == 1)
        #expect(abs(floats[2] - (-0.6)) < 1e-6)
    }

    @Test func otherTypesConvertValueForValue() {
        let values = Tensor(shape: [3], scalars: [Int16(-3), 0, 300])
        #expect(values.convertedToFloat32().scalars(as: Float.self) == [-3, 0, 300])
    }

    @Test func copiesDoNotSeeEachOthersWrites() {
        let original = Tensor(shape: [2], scalars: [Float(1), 2])
        var copy = original
        copy.withUnsafeMutableBufferPointer(of: Float.self) { $0[0] = 9 }
        #expect(original.scalars(as: Float.self) == [1, 2])
        #expect(copy.scalars(as: Float.self) == [9, 2])
    }

    @Test func concatenationJoinsRows() throws {
        let joined = try Tensor.concatenating([table.rows(0..<1), table.rows(4..<5)])
        #expect(joined.scalars(as: Int32.self) == [0, 1, 2, 3, 40, 41, 42, 43])
        #expect(throws: BatchingError.self) { try Tensor.concatenating([table, Tensor([Float(1)])]) }
    }

    @Test func integerValuesReadEveryWidth() {
        #expect(Tensor([UInt64(7), 9]).integerScalars() == [7, 9])
        #expect(Tensor([Int8(-2)]).integerScalars() == [-2])
        #expect(Tensor([Float.nan]).integerScalars() == nil)
        #expect(Tensor([Float(3), -2]).integerScalars() == [3, -2])
        #expect(Tensor([Double(0.5556)]).integerScalars() == nil, "a fraction is not a class number")
    }
}
