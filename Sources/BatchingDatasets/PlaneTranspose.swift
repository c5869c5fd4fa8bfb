/// Transposes every square `side`×`side` plane of bytes in place: the pixel at column-major
/// position (row r, column c) moves to row-major position (r, c).
///
/// STL-10's binary files and MATLAB arrays store each image plane column by column; BatchUp
/// hands them out row by row (`transpose(0, 1, 3, 2)`), and so do we.
func transposeSquarePlanesInPlace(_ bytes: UnsafeMutableRawBufferPointer, side: Int) {
    let planeBytes = side * side
    precondition(bytes.count % planeBytes == 0, "\(bytes.count) bytes are not whole \(side)×\(side) planes")
    var plane = 0
    while plane < bytes.count {
        for r in 0..<side {
            for c in (r + 1)..<side {
                bytes.swapAt(plane + r * side + c, plane + c * side + r)
            }
        }
        plane += planeBytes
    }
}
