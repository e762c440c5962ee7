import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSimulator, startSimulator } from "@seqd/simulator";
import { type Firing, openStore } from "@seqd/store";
import { afterEach, describe, expect, it } from "vitest";
import { SIM_STATE } from "../runtime/runtime-test-kit.js";

// A real `seqd run` child process, SIGKILLed after Sequence has executed a firing but before
// the daemon could record the answer. On restart it must resend with the same key, and the
// simulator must have executed it once. The restarted process sees that the lease holder is dead
// and takes the lease at once. CI runs three rounds; SEQD_CRASH_ITERATIONS=20 locally.

const SEQD = fileURLToPath(new URL("../../bin/seqd.mjs", import.meta.url));
const ITERATIONS = Number(process.env["SEQD_CRASH_ITERATIONS"] ?? 3);
const ENV = { SEQUENCE_ACCESS_TOKEN: "access-tok-1", SWEEP_SECRET: "rule-secret-sweep" };

let sim: RunningSimulator | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await sim?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** Polls `read` (real I/O, bounded) until it returns something defined. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined> | T | undefined,
  limitMs = 30_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function startDaemonProcess(configPath: string, cwd: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SEQD, "run", configPath], {
    cwd,
    env: { ...process.env, ...ENV, SEQD_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function firings(storePath: string): Promise<Firing[]> {
  const store = await openStore(`sqlite:${storePath}`, { readOnly: true });
  try {
    return await store.listFirings({ limit: 10_000 });
  } finally {
    await store.close();
  }
}

describe("a daemon killed after Sequence executed a firing", () => {
  it(
    `resends with the same key on restart and Sequence executes it once (${ITERATIONS}×)`,
    async () => {
      for (let iteration = 0; iteration < ITERATIONS; iteration++) {
        await sim?.stop();
        if (dir !== undefined) await rm(dir, { recursive: true, force: true });
        dir = await mkdtemp(join(tmpdir(), "seqd-crash-"));
        // The first trigger runs the rule, then answers 500: the daemon backs off to retry.
        sim = await startSimulator({
          state: { ...SIM_STATE, faults: [{ kind: "status", status: 500, processed: true, times: 1 }] },
        });
        const storePath = join(dir, "seqd.db");
        const configPath = join(dir, "seqd.yaml");
        await writeFile(
          configPath,
          `version: 1
timezone: UTC
store: sqlite:${storePath}
server: { listen: "127.0.0.1:0" }
rules:
  sweep:
    url: ${sim.url}/remote-api/rules/ru_sweep/trigger
    secret: { env: SWEEP_SECRET }
triggers:
  every-second:
    rule: sweep
    schedule: { cron: "* * * * * *" }
`,
        );
        const first = startDaemonProcess(configPath, dir);
        const executed = await waitFor("the first execution", () =>
          sim?.events({ type: "trigger" }).find((event) => event.type === "trigger" && event.status === 500),
        );
        first.child.kill("SIGKILL");
        await exited(first.child);
        const key = executed.type === "trigger" ? executed.idempotencyKey : null;
        expect(key).not.toBeNull();
        const before = (await firings(storePath)).find((firing) => firing.idempotencyKey === key);
        // Killed before it could learn the outcome: the ledger says it may have been sent.
        expect(before?.status).toBe("sent");

        const second = startDaemonProcess(configPath, dir);
        const after = await waitFor(
          "the resend to be accepted",
          async () =>
            (await firings(storePath)).find(
              (firing) => firing.idempotencyKey === key && firing.status === "accepted",
            ),
          60_000,
        );
        expect(after.occurrence).toBe(before?.occurrence);
        second.child.kill("SIGTERM");
        expect(await exited(second.child)).toBe(0);

        const triggers = sim.events({ type: "trigger" }).filter((event) => event.type === "trigger");
        const executions = triggers.filter((event) => event.outcome === "executed");
        const perKey = new Map<string, number>();
        for (const event of executions) {
          const id = event.type === "trigger" ? (event.idempotencyKey ?? "none") : "none";
          perKey.set(id, (perKey.get(id) ?? 0) + 1);
        }
        expect(perKey.get(key ?? "")).toBe(1);
        expect([...perKey.values()].every((count) => count === 1)).toBe(true);
        // Replays of the key were answered from Sequence's idempotency record, not executed again.
        expect(
          triggers.some(
            (event) =>
              event.type === "trigger" && event.idempotencyKey === key && event.outcome === "deduplicated",
          ),
        ).toBe(true);
        expect(second.output()).toContain("recovery");
        expect(second.output()).toContain('"event":"lease.taken_over"');
      }
    },
    30_000 + ITERATIONS * 60_000,
  );
});
