import Values
import OrderedCollections

/// Rows a fresh CloudStack install has in families only the generic engine serves, so their
/// lists start as a real server's do: the four default roles (the local region comes with seedPlatform).
extension Store {
    func seedGenericDefaults() {
        let roles = [("Root Admin", "Admin", "Default root admin role"),
                     ("Resource Admin", "ResourceAdmin", "Default resource admin role"),
                     ("Domain Admin", "DomainAdmin", "Default domain admin role"),
                     ("User", "User", "Default user role")]
        for (name, type, description) in roles {
            insert("role", ["name": .string(name), "type": .string(type), "description": .string(description),
                            "isdefault": .bool(true)])
        }
    }
}
