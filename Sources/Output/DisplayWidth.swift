/// Columns a string takes in a terminal: East Asian wide and fullwidth
/// characters and emoji take two, combining marks and format characters none,
/// everything else one. Measured per grapheme (an emoji ZWJ sequence or a flag
/// is one glyph of width two), the way current terminals draw them.
public func displayWidth(_ s: String) -> Int {
    // Fast path: printable ASCII is one column per byte.
    var ascii = true
    for b in s.utf8 where b < 0x20 || b > 0x7E { ascii = false; break }
    if ascii { return s.utf8.count }
    var width = 0
    for ch in s { width += displayWidth(ch) }
    return width
}

/// Columns one grapheme takes (0, 1 or 2).
public func displayWidth(_ ch: Character) -> Int {
    let scalars = ch.unicodeScalars
    guard let base = scalars.first else { return 0 }
    let v = base.value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if v < 0x300 { return 1 }
    switch base.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if WideRanges.contains(v) || base.properties.isEmojiPresentation { return 2 }
    // A text-style symbol asked to show as emoji (U+FE0F), or with a skin tone or ZWJ.
    if scalars.count > 1, base.properties.isEmoji,
        scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) })
    {
        return 2
    }
    return 1
}

/// Cuts `s` to at most `width` columns, ending with `…` when something was cut.
public func ellipsize(_ s: String, toWidth width: Int) -> String {
    guard displayWidth(s) > width else { return s }
    guard width > 0 else { return "" }
    var out = ""
    var used = 0
    for ch in s {
        let w = displayWidth(ch)
        if used + w > width - 1 { break }
        out.append(ch)
        used += w
    }
    return out + "…"
}

/// East Asian Wide (W) and Fullwidth (F) blocks, merged into ranges. Emoji are
/// found through the standard library's Emoji_Presentation property instead.
enum WideRanges {
    static let ranges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func contains(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < ranges[mid].lowerBound {
                hi = mid - 1
            } else if v > ranges[mid].upperBound {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
