/// Spaces, tabs and line ends off both ends: config lines, cookie pairs, fault specs, blank-line checks.
extension StringProtocol {
    public func trimmingSpaces() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
