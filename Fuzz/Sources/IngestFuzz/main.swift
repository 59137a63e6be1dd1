import Glibc
// SwiftPM gives an executable its own main, so libFuzzer's main is not used: hand control to
// libFuzzer's driver with our callback instead (LLVMFuzzerRunDriver, libFuzzer 13+).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argc, &argv) { data, size in fuzzOne(data, size) }
exit(status)
