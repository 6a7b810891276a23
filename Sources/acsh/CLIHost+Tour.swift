import Language
import Profiles

/// The tour keeps its progress per profile under the XDG state directory.
extension CLIHost: TourHost {
    var tourProgressFile: String {
        // A profile name is one path component here whatever it holds.
        let safe = String(connection.name.map { $0 == "/" || $0 == "\u{0}" ? "_" : $0 })
        return paths.stateDirectory + "/tour/" + safe + ".json"
    }
}
