import { writeFile } from "node:fs/promises";
import { type RunningSimulator, startSimulator } from "@seqd/simulator";
import { afterAll, describe, expect, it } from "vitest";
import type { FuzzEndpoint } from "../src/amount-fuzz/generate-request.js";
import { runAmountFuzz } from "../src/amount-fuzz/run-amount-fuzz.js";
import { type DaemonProcess, startDaemonProcess } from "../src/daemon-process/daemon-process.js";
import { FAST_SECRETS, fastConfig, fastSimState } from "../src/daemon-process/fast-config.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createTally, writeTally } from "../src/report-table.js";
import { createTempDir, type TempDir } from "../src/temp-dir.js";

// Seeded random requests against a real `seqd run` child's amount endpoints over loopback:
// never a 5xx, never a crash, never an amount without the endpoint's valid token. A finding
// names its index; SEQD_AMOUNT_FUZZ_SEED and the index replay it (requestSeed).

const mode = reliabilityMode();
const SEED = Number(process.env["SEQD_AMOUNT_FUZZ_SEED"] ?? 4_242);
const REQUESTS = Number(
  process.env["SEQD_AMOUNT_FUZZ_REQUESTS"] ?? byMode({ short: 100_000, long: 300_000 }),
);
const tally = createTally("amount-endpoint fuzz", mode);
const ENDPOINTS: FuzzEndpoint[] = [
  { id: "top-up", path: "/amount/top-up", token: FAST_SECRETS.AMOUNT_TOKEN },
  { id: "strict", path: "/amount/strict", token: FAST_SECRETS.STRICT_AMOUNT_TOKEN },
];
// Per-request lines would be most of the log: keep the rest for the assertions.
const REQUEST_LINE = /"event":"amount\.(request|answered|refused)"/;

let tmp: TempDir | undefined;
let sim: RunningSimulator | undefined;
let daemon: DaemonProcess | undefined;

afterAll(async () => {
  if (daemon?.alive()) daemon.child.kill("SIGKILL");
  await sim?.stop();
  await tmp?.remove();
  await writeTally(tally.tally());
});

describe("amount-endpoint fuzz against a running seqd", () => {
  it(
    `answers ${REQUESTS.toLocaleString("en-US")} random requests without a 5xx or an unearned amount (seed ${SEED})`,
    async () => {
      tmp = await createTempDir();
      sim = await startSimulator({ state: fastSimState() });
      const config = tmp.join("seqd.yaml");
      await writeFile(config, fastConfig({ simUrl: sim.url, storeUrl: `sqlite:${tmp.join("seqd.db")}` }));
      daemon = await startDaemonProcess({
        config,
        cwd: tmp.path,
        env: { ...FAST_SECRETS },
        keepLine: (line) => !REQUEST_LINE.test(line),
      });
      const started = Date.now();
      const report = await runAmountFuzz({
        url: daemon.url,
        endpoints: ENDPOINTS,
        rejectOnStale: new Set(["strict"]),
        seed: SEED,
        requests: REQUESTS,
        rawShare: 0.03,
        concurrency: 16,
      });
      const elapsedMs = Date.now() - started;
      tally.iterations += report.requests;
      tally.faultsInjected += report.requests;
      tally.crashes += daemon.alive() ? 0 : 1;
      const statuses = Object.entries(report.statuses)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, count]) => `${status}: ${count}`)
        .join(", ");
      tally.note = `seed ${SEED}, ${statuses}; ${report.clientRefused} refused client-side; ${Math.round(elapsedMs / 1000)} s`;
      console.info(tally.note);

      expect(report.findings.slice(0, 10)).toEqual([]);
      expect(daemon.alive()).toBe(true);
      expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
      // The real request still gets its amount: $3,000 − $2,500 in checking.
      const answer = await fetch(`${daemon.url}/amount/top-up?token=${FAST_SECRETS.AMOUNT_TOKEN}`, {
        method: "POST",
      });
      expect(await answer.json()).toEqual({ amountInCents: 50_000 });
      expect(report.requests + report.clientRefused).toBe(REQUESTS);
      expect(daemon.logs().filter((line) => line["level"] === "error" || line["level"] === "fatal")).toEqual(
        [],
      );
      expect(await daemon.stop()).toBe(0);
    },
    byMode({ short: 240_000, long: 1_200_000 }),
  );
});
