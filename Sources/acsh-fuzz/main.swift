import Language
@_cdecl("LLVMFuzzerTestOneInput") public func fuzz(_ d: UnsafePointer<UInt8>, _ n: Int) -> Int32 { 0 }
@main struct M { static func main() {} }
