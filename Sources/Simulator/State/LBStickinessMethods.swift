import OrderedCollections
import Values

/// The stickiness methods the virtual router's HAProxy offers (VirtualRouterElement): createLBStickinessPolicy
/// accepts their parameters, and a network's Lb service shows them as the SupportedStickinessMethods capability,
/// a JSON document as Gson writes it. The server blanks each parameter's description (LbStickinessMethod keeps
/// the capability short for the UI), so only the methods' own descriptions are shown.
enum LBStickinessMethods {
    struct Method {
        let name: String
        let description: String
        /// In the order the server lists them; a flag takes no value.
        let params: [(name: String, isFlag: Bool)]
    }

    static let virtualRouter: [Method] = [
        Method(
            name: "LbCookie", description: "This is loadbalancer cookie based stickiness method.",
            params: [
                ("cookie-name", false), ("mode", false), ("nocache", true), ("indirect", true), ("postonly", true),
                ("domain", false),
            ]),
        Method(
            name: "AppCookie",
            description: "This is App session based sticky method. Define session stickiness on an existing "
                + "application cookie. It can be used only for a specific http traffic",
            params: [
                ("cookie-name", false), ("length", false), ("holdtime", false), ("request-learn", true),
                ("prefix", true), ("mode", false),
            ]),
        Method(
            name: "SourceBased",
            description: "This is source based Stickiness method, it can be used for any type of protocol.",
            params: [("tablesize", false), ("expire", false)]),
    ]

    /// Each method's parameter names, for createLBStickinessPolicy's check.
    static let parameters: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: virtualRouter.map { ($0.name, Set($0.params.map(\.name))) })

    /// The SupportedStickinessMethods capability's value.
    static let capabilityValue: String = JSONWriter.compact(
        .list(
            virtualRouter.map { m in
                .record([
                    "methodname": .string(m.name),
                    "paramlist": .list(
                        m.params.map { p in
                            .record([
                                "paramname": .string(p.name), "required": .bool(false), "isflag": .bool(p.isFlag),
                                "description": .string(" "),
                            ])
                        }),
                    "description": .string(m.description),
                ])
            }))
}
