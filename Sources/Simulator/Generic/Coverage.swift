import APICatalog

/// How much of the 4.18 catalog the simulator models: by a hand-written handler, by the
/// generic engine, or not at all (those answer 432). CoverageTests prints it; README shows it.
struct Coverage {
    var hand: [String] = []
    var generic: [String] = []
    var none: [String] = []

    static var current: Coverage {
        var c = Coverage()
        for name in Catalog.bundled.apiNames {
            if Registry.all[name] != nil {
                c.hand.append(name)
            } else if Generic.handlers[name] != nil {
                c.generic.append(name)
            } else {
                c.none.append(name)
            }
        }
        return c
    }

    var summary: String {
        let total = hand.count + generic.count + none.count
        return "\(total) catalog APIs: \(hand.count) modelled by hand, \(generic.count) by the generic engine, "
            + "\(none.count) not modelled (432)"
    }
}
