import APICatalog

/// What `sync` says changed: against the catalog used until now (the bundled one or
/// the last sync). A sync that changed something keeps the catalog it replaced next
/// to the cache, so `sync -v` later still lists the last upgrade's changes.
enum SyncReport {
    /// `.../catalog.json` -> `.../catalog.previous.json`.
    static func previousPath(_ cache: String) -> String {
        (cache.hasSuffix(".json") ? String(cache.dropLast(5)) : cache) + ".previous.json"
    }

    static func changes(from old: Catalog, to new: Catalog, previousPath: String, verbose: Bool) -> String {
        let diff = CatalogDiff(from: old, to: new)
        let before = old.source == "bundled" ? "the bundled catalog" : "the previous sync"
        if !diff.isEmpty {
            // Best effort: the report stands even if the old catalog cannot be kept.
            try? old.writeCache(to: previousPath)
            return "against \(before): " + (verbose ? diff.details : diff.summary + " (sync -v lists them)")
        }
        var out = "against \(before): \(diff.summary)"
        if verbose, let last = try? Catalog.load(cachedAt: previousPath) {
            out +=
                "\nthe sync that last changed it, against the catalog before: "
                + CatalogDiff(from: last, to: new).details
        }
        return out
    }
}
