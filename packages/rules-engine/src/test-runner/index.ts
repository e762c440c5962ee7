export { runConfigTests } from "./run-tests.js";
export type { CheckKind, TestFailure, TestOutcome } from "./types.js";
