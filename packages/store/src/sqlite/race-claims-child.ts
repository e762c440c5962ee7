/**
 * Test helper run as a child process (`node --import tsx race-claims-child.ts <file> <name> [desc]`):
 * opens the SQLite store at <file>, prints "ready", waits for "go" on stdin, claims
 * occurrences occ-0…occ-99 (in reverse with `desc`, so two children meet in the middle) and
 * prints the ones it won as JSON. Two of these racing on one
 * file prove the claim is exclusive across processes, not just across calls.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { openStore } from "../open-store.js";

const [file, name = "child", order = "asc"] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: race-claims-child.ts <db file> <name>");

const store = await openStore(`sqlite:${file}`, { sqlite: { busyTimeoutMs: 30_000 } });
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
await once(lines, "line");
lines.close();

const indexes = Array.from({ length: 100 }, (_, i) => (order === "desc" ? 99 - i : i));
const results = await Promise.all(
  indexes.map((i) =>
    store.claimFiring({
      triggerId: "race",
      occurrence: `occ-${i}`,
      idempotencyKey: `race-${i}`,
      ruleId: "rule",
      configHash: name,
    }),
  ),
);
const won = results.flatMap((result) => (result.claimed ? [result.firing.occurrence] : []));
process.stdout.write(`${JSON.stringify({ won })}\n`);
await store.close();
