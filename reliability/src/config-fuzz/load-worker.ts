import { parentPort } from "node:worker_threads";
import { judgeCase } from "./judge-case.js";

// One fuzz worker: judges each case it is sent. The parent's watchdog terminates it when a case
// runs over its budget, which is how a hang is told apart from a slow case.
export interface CaseRequest {
  id: number;
  path: string;
  text: string;
  nowMs: number;
}

parentPort?.postMessage("ready");
parentPort?.on("message", (request: CaseRequest) => {
  const outcome = judgeCase(request.path, request.text, new Date(request.nowMs));
  parentPort?.postMessage({ id: request.id, outcome });
});
