/// The profiles of the config file and which one is current.
///
///     current = "prod"
///     [profiles.prod]
///     url = "https://cloud.example.com/client/api"
///     api_key = "..."
///     secret_key = "..."
///     [defaults.prod]
///     serviceoffering = "Small Instance"
///
/// Parameter defaults (`set default --save`) are kept per profile name under
/// `[defaults.NAME]`, so the built-in sandbox, which is no profile here, has them too.
/// Saving rewrites the whole file (comments are not kept), atomically, mode 0600.
public struct ProfileStore: Sendable, Equatable {
    /// Sorted by name.
    public private(set) var profiles: [Profile]
    public private(set) var current: String?
    /// Parameter defaults by profile name, then parameter name.
    public private(set) var defaults: [String: [String: String]]

    public init(profiles: [Profile] = [], current: String? = nil, defaults: [String: [String: String]] = [:]) {
        self.profiles = profiles.sorted { $0.name < $1.name }
        self.current = current
        self.defaults = defaults
    }

    /// Keeps (or, with nil, forgets) a parameter default of a profile.
    public mutating func setDefault(profile: String, name: String, value: String?) throws {
        guard Profile.isValidName(profile) else { throw ProfileError("profile name '\(profile)' is not plain") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ProfileError("'\(name)' is not a parameter name (letters and digits)")
        }
        defaults[profile, default: [:]][name] = value
        if defaults[profile]?.isEmpty ?? false { defaults[profile] = nil }
    }

    public var names: [String] { profiles.map(\.name) }

    /// The store in `path` (empty when the file does not exist) and a warning
    /// when the file is readable by others. A damaged file is an error naming
    /// `file:line:column`; nothing is written then.
    public static func load(from path: String) throws -> (store: ProfileStore, warning: String?) {
        guard let text = try SecureFile.read(path) else { return (ProfileStore(), nil) }
        return (try ConfigTOML.parse(text, file: path), SecureFile.exposureWarning(path))
    }

    public func save(to path: String) throws {
        try SecureFile.write(ConfigTOML.render(self), to: path)
    }

    public func profile(named name: String) throws -> Profile {
        guard let p = profiles.first(where: { $0.name == name }) else { throw unknown(name) }
        return p
    }

    /// The profile to use: `name` when given, else the current one; nil when
    /// neither is set (the caller falls back to the sandbox or the environment).
    public func active(named name: String? = nil) throws -> Profile? {
        guard let chosen = name ?? current else { return nil }
        return try profile(named: chosen)
    }

    /// Adds `profile`; an existing one of that name is an error unless `replacing`.
    /// The first profile becomes current.
    public mutating func add(_ profile: Profile, replacing: Bool = false) throws {
        guard Profile.isValidName(profile.name) else {
            throw ProfileError("profile name '\(profile.name)' is not plain: use letters, digits, '-', '_' or '.'")
        }
        if let (_, message) = profile.problem { throw ProfileError(message) }
        if let i = profiles.firstIndex(where: { $0.name == profile.name }) {
            guard replacing else {
                throw ProfileError("profile '\(profile.name)' exists; remove it first or replace it")
            }
            profiles[i] = profile
        } else {
            profiles.append(profile)
            profiles.sort { $0.name < $1.name }
        }
        if current == nil { current = profile.name }
    }

    public mutating func use(_ name: String) throws {
        _ = try profile(named: name)
        current = name
    }

    /// Removes a profile; removing the current one leaves no current profile.
    public mutating func remove(_ name: String) throws {
        guard let i = profiles.firstIndex(where: { $0.name == name }) else { throw unknown(name) }
        profiles.remove(at: i)
        defaults[name] = nil
        if current == name { current = nil }
    }

    /// One line per profile for `profile list`, the current one marked `*`.
    public var listLines: [String] {
        let width = profiles.map(\.name.count).max() ?? 0
        return profiles.map { p in
            (p.name == current ? "* " : "  ") + p.name + String(repeating: " ", count: width - p.name.count + 2) + p.url
        }
    }

    private func unknown(_ name: String) -> ProfileError {
        let known = names.isEmpty ? "none yet; add one with `acsh profile add`" : names.joined(separator: ", ")
        return ProfileError("no profile '\(name)'; known: \(known)")
    }
}
