/// How the axes of one image row are arranged.
///
/// ```swift
/// ChannelLayout.infer(rowShape: [3, 16, 16]).layout   // .nchw
/// ChannelLayout.infer(rowShape: [32, 32, 3]).layout   // .nhwc
/// ChannelLayout.nchw.geometry(rowShape: [3, 16, 16])  // (height: 16, width: 16, channels: 3)
/// ```
public enum ChannelLayout: String, Sendable, Hashable, CaseIterable, Codable {
    /// Grey images: height × width.
    case nhw
    /// Height × width × channels (TensorFlow, NumPy, h5py exports).
    case nhwc
    /// Channels × height × width (PyTorch).
    case nchw
    /// A time series: time steps × channels.
    case ntc
    /// One flat feature vector per sample.
    case flat

    /// The number of axes a row of this layout has.
    public var rowRank: Int {
        switch self {
        case .flat: 1
        case .nhw, .ntc: 2
        case .nhwc, .nchw: 3
        }
    }

    /// Height, width and channels of a row of `rowShape` in this layout (a time series reports
    /// time as width and its channels as channels, height 1; a flat row is 1 × length).
    public func geometry(rowShape: [Int]) -> (height: Int, width: Int, channels: Int) {
        let s = rowShape + [1, 1, 1]
        switch self {
        case .flat: return (1, s[0], 1)
        case .nhw: return (s[0], s[1], 1)
        case .ntc: return (1, s[0], s[1])
        case .nhwc where rowShape.count > 3:
            // Shown as its first image plane: the last three axes are height, width and channels.
            return (s[rowShape.count - 3], s[rowShape.count - 2], s[rowShape.count - 1])
        case .nhwc: return (s[0], s[1], s[2])
        case .nchw: return (s[1], s[2], s[0])
        }
    }

    /// The layout rows of `rowShape` most likely have, and why.
    public static func infer(rowShape: [Int]) -> (layout: ChannelLayout, reason: String) {
        let channelCounts: Set<Int> = [1, 2, 3, 4]
        switch rowShape.count {
        case 0, 1:
            return (.flat, "rows of \(rowShape) are flat vectors")
        case 2:
            let (a, b) = (rowShape[0], rowShape[1])
            if b <= 8 && a >= 4 * b && a >= 16 {
                return (.ntc, "rows of \(a)×\(b): many steps of few channels, a time series")
            }
            return (.nhw, "rows of \(a)×\(b) are grey images")
        case 3:
            let (a, c) = (rowShape[0], rowShape[2])
            if channelCounts.contains(c) { return (.nhwc, "the last axis (\(c)) is a channel count") }
            if channelCounts.contains(a) { return (.nchw, "the first row axis (\(a)) is a channel count") }
            return (.nhwc, "no axis looks like channels; assuming channels last")
        default:
            return (.nhwc, "rows of rank \(rowShape.count) are shown as their first image plane, channels last")
        }
    }

    /// Whether rows of `rowShape` can be read in this layout.
    public func fits(rowShape: [Int]) -> Bool {
        rowShape.count == rowRank || (rowShape.count > 3 && self == .nhwc)
    }
}
