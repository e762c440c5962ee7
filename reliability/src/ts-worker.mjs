// Worker entry: Node 20 does not apply `--import tsx` to a worker's own entry file, so this
// plain module registers tsx and then imports the TypeScript worker named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
