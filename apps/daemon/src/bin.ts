import { main } from "./cli/main.js";
import { createProcessIo } from "./cli/process-io.js";

process.exitCode = await main(process.argv.slice(2), createProcessIo());
