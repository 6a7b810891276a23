/// Checks every API request passes before anyone looks at who sent it: no control characters
/// in a value (the server refuses them), a command named. Answers the command's handler (nil
/// when the simulator does not model it: the catalog check decides what to say then).
enum Admission {
    static func run(_ x: Exchange) throws(APIError) -> Handler? {
        if let bad = x.params.controlCharacterParam {
            throw APIError(
                431, "Received value for parameter \(bad) contains control characters, which are not allowed", cs: 4350)
        }
        guard !x.command.isEmpty else { throw APIAccess.notAvailable }
        return Registry.handler(x.command)
    }
}
