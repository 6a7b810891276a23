/// What changed in the store since the state file was last written. The store's
/// tables report every insert, update and remove here (one hook per table type,
/// not per API); StateFile.flush writes the rows named and clears it.
final class Journal {
    /// Entity ids per noun: written when the entity still exists, deleted otherwise.
    var entities: [String: Set<String>] = [:]
    var vms: Set<String> = []
    var jobs: Set<String> = []
    /// Tags and principals are small lists, rewritten whole when they change.
    var tags = false
    var principals = false

    func changed(_ noun: String, _ id: String) { entities[noun, default: []].insert(id) }

    var isEmpty: Bool { entities.isEmpty && vms.isEmpty && jobs.isEmpty && !tags && !principals }

    func clear() {
        entities = [:]
        vms = []
        jobs = []
        tags = false
        principals = false
    }
}
