/// How the axes of an image dataset are ordered: samples first, then height and width, with
/// the channels last (NHWC), first (NCHW) or absent (NHW).
///
/// ```swift
/// ImageLayout.infer(rowShape: [28, 28])        // .nhw
/// ImageLayout.infer(rowShape: [32, 32, 3])     // .nhwc
/// ImageLayout.infer(rowShape: [3, 16, 16])     // .nchw
/// ```
public enum ImageLayout: String, Sendable, Hashable, CaseIterable {
    /// `[N, H, W]`: one channel.
    case nhw = "NHW"
    /// `[N, H, W, C]`: channels last.
    case nhwc = "NHWC"
    /// `[N, C, H, W]`: channels first.
    case nchw = "NCHW"
    /// `[N, T, C]`: a time series of `T` steps of `C` features, shown as a strip of `C` rows by
    /// `T` columns.
    case ntc = "NTC"

    /// The layout a row of shape `rowShape` most likely has, or `nil` when it is not an image
    /// (one axis, or more than three).
    ///
    /// Two axes are H×W. Three axes are channels-first when the first axis is small (≤ 4) and the
    /// last is not, channels-last otherwise.
    public static func infer(rowShape: [Int]) -> ImageLayout? {
        switch rowShape.count {
        case 2: return .nhw
        case 3:
            let first = rowShape[0]
            let last = rowShape[2]
            return first <= 4 && last > 4 ? .nchw : .nhwc
        default: return nil
        }
    }

    /// Height, width and channel count of a row of shape `rowShape`. A channels-last row of more
    /// than three axes is shown as its first image plane: its last three axes are height, width
    /// and channels, and the image is the row's first height × width × channels values.
    public func geometry(rowShape: [Int]) -> (height: Int, width: Int, channels: Int) {
        switch self {
        case .nhw: (rowShape.count > 0 ? rowShape[0] : 1, rowShape.count > 1 ? rowShape[1] : 1, 1)
        case .nhwc where rowShape.count > 3:
            (rowShape[rowShape.count - 3], rowShape[rowShape.count - 2], rowShape[rowShape.count - 1])
        case .nhwc: (rowShape[0], rowShape[1], rowShape.count > 2 ? rowShape[2] : 1)
        case .nchw: (rowShape[1], rowShape[2], rowShape[0])
        case .ntc: (rowShape.count > 1 ? rowShape[1] : 1, rowShape[0], 1)
        }
    }
}
