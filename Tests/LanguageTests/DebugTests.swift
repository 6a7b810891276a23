import Testing
@testable import Language

@Test func debugScratch() async throws {
    let p = try Parser.parse(SourceFile(name: "t", text: "x = [1] | each -p 4 { $it * 2 }\nz = zones[0]"))
    print("AST:", p.statements)
    let r = await run("zones = []\nz = zones[0]\nprint z")
    print("OUT:", r.out, "ERR:", r.err, r.code)
}
