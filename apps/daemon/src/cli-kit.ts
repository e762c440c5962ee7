// The CLI's pieces for harnesses outside this package (the reliability fuzzers): the same
// `seqd validate` path and report, without spawning a process per case.
export { judge, renderText } from "./cli/commands/validate-report.js";
export { EXIT, type Io } from "./cli/io.js";
export { main } from "./cli/main.js";
export { createTestIo, type TestIo } from "./cli/test-io.js";
