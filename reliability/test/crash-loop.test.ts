import { afterAll, describe, expect, it } from "vitest";
import { countCrossings } from "../src/crash-loop/balance-script.js";
import { type CrashLoopSecrets, THRESHOLD, TRIGGERS } from "../src/crash-loop/crash-loop-setup.js";
import { auditLedger } from "../src/crash-loop/ledger-audit.js";
import { type CrashLoopRun, runCrashLoop } from "../src/crash-loop/run-crash-loop.js";
import {
  distinctiveSecret,
  fileLeakSources,
  type LeakSource,
  scanForSecrets,
  sqliteFiles,
} from "../src/leak-scan.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createRandom } from "../src/random.js";
import { createTally, writeTally } from "../src/report-table.js";
import { createTempDir } from "../src/temp-dir.js";

// Suite 1 (crash loop) and suite 5 (secret leaks over a full daemon run) share one run: a real
// `seqd run` child killed and restarted N times, everything it printed and served scanned after.

const mode = reliabilityMode();
const SEED = 20_261_125;
const KILLS = byMode({ short: 20, long: 200 }, mode);
const MAX_KILL_DELAY_MS = byMode({ short: 2_000, long: 3_000 }, mode);
// Each costs over a minute of real time, so CI has none: its restarts are all on time.
const LONG_OUTAGES = byMode({ short: 0, long: 3 }, mode);
const crashTally = createTally("crash loop", mode);
const notes: string[] = [];
const leakTally = createTally("secret leaks (daemon)", mode);

const random = createRandom(SEED);
const secret = (label: string) => distinctiveSecret(label, () => random.next());
const SECRETS: CrashLoopSecrets = {
  accessToken: secret("accesstoken"),
  everySecondRule: secret("allrulesecret"),
  skipRule: secret("skiprulesecret"),
  thresholdRule: secret("lowrulesecret"),
  amountToken: secret("amounttoken"),
  adminToken: secret("admintoken"),
  webhookToken: secret("webhooktoken"),
};

describe(`crash loop: seqd run SIGKILLed ${KILLS} times (seed ${SEED})`, () => {
  let run: CrashLoopRun;
  let leakSources: LeakSource[] = [];
  afterAll(async () => {
    crashTally.note = notes.join(", ");
    await writeTally(crashTally.tally());
    await writeTally(leakTally.tally());
  });

  it(
    "runs, is killed and restarted, and stops cleanly at the end",
    async () => {
      const tmp = await createTempDir("seqd-crash-loop-");
      try {
        run = await runCrashLoop({
          seed: SEED,
          kills: KILLS,
          maxKillDelayMs: MAX_KILL_DELAY_MS,
          longOutages: LONG_OUTAGES,
          secrets: SECRETS,
          tmp,
        });
        // Sources are read before the directory goes.
        leakSources = await collectLeakSources(run);
      } finally {
        await tmp.remove();
      }
      const killed = run.processes.filter((child) => child.ended !== "final");
      // Any child that ended other than by our SIGKILL died on its own: a crash.
      const crashes = killed.filter((child) => child.exit.signal !== "SIGKILL");
      const final = run.processes.at(-1);
      crashTally.iterations = killed.length;
      crashTally.faultsInjected = killed.length;
      crashTally.crashes = crashes.length + (final?.exit.code === 0 ? 0 : 1);
      notes.push(`${killed.filter((p) => p.ended === "boot").length} kills during boot`);
      expect(crashes.map((child) => child.lines.slice(-5))).toEqual([]);
      expect(killed).toHaveLength(KILLS);
      expect(final?.exit).toEqual({ code: 0, signal: null });
      expect(final?.lines.some((line) => line.includes('"event":"daemon.stopped"'))).toBe(true);
      expect(
        run.processes.some((child) =>
          child.lines.some((line) => line.includes('"event":"lease.taken_over"')),
        ),
      ).toBe(true);
    },
    KILLS * 15_000 + 60_000,
  );

  it("executes nothing twice, nothing without a claim, and loses no occurrence silently", () => {
    const alertLines = run.processes.flatMap((child) =>
      child.lines.filter((line) => line.includes('"event":"alert"')),
    );
    const audit = auditLedger({
      firings: run.firings,
      triggerEvents: run.triggerEvents,
      spans: [
        { triggerId: TRIGGERS.all, policy: "all", ...run.cursors.get(TRIGGERS.all)! },
        { triggerId: TRIGGERS.skip, policy: "skip", ...run.cursors.get(TRIGGERS.skip)! },
      ],
      alertLines,
    });
    notes.push(
      `${audit.expectedOccurrences} per-second occurrences audited, ledger ${Object.entries(audit.statuses)
        .map(([status, count]) => `${count} ${status}`)
        .join(" / ")}`,
    );
    crashTally.duplicates = audit.keysExecutedTwice.length + audit.occurrencesExecutedTwice.length;
    crashTally.losses =
      audit.lost.length + audit.acceptedNotExecuted.length + audit.executedWithoutClaim.length;
    expect({
      keysExecutedTwice: audit.keysExecutedTwice,
      occurrencesExecutedTwice: audit.occurrencesExecutedTwice,
      executedWithoutClaim: audit.executedWithoutClaim,
      acceptedNotExecuted: audit.acceptedNotExecuted,
      lost: audit.lost,
    }).toEqual({
      keysExecutedTwice: [],
      occurrencesExecutedTwice: [],
      executedWithoutClaim: [],
      acceptedNotExecuted: [],
      lost: [],
    });
    // The loop really ran: seconds of schedule; outages past a minute the skip policy recorded.
    expect(audit.expectedOccurrences).toBeGreaterThan(KILLS * 2);
    const missed = run.firings.filter((firing) => firing.status === "missed");
    expect(missed.every((firing) => firing.triggerId === TRIGGERS.skip)).toBe(true);
    if (LONG_OUTAGES > 0) {
      expect(missed.length).toBeGreaterThanOrEqual(LONG_OUTAGES);
      expect(alertLines.some((line) => line.includes('"kind":"occurrence_missed"'))).toBe(true);
    } else {
      expect(missed).toEqual([]);
    }
  });

  it("fires the threshold at most once per crossing of the scripted balance", () => {
    const fired = run.firings.filter(
      (firing) =>
        firing.triggerId === TRIGGERS.threshold && firing.status !== "missed" && firing.status !== "skipped",
    );
    const crossings = countCrossings(
      run.balances.map((balance) => balance.cents),
      THRESHOLD,
    );
    notes.push(`threshold fired ${fired.length} times on ${crossings} scripted crossings`);
    if (fired.length > crossings) crashTally.duplicates += fired.length - crossings;
    expect(fired.length).toBeLessThanOrEqual(crossings);
    expect(new Set(fired.map((firing) => firing.occurrence)).size).toBe(fired.length);
    expect(fired.length).toBeGreaterThan(0);
  });

  it("served amounts and readiness while it ran, and the CLI worked on the same store", () => {
    const amounts = run.probes.filter((probe) => probe.name.startsWith("amount (token"));
    expect(amounts.length).toBeGreaterThan(0);
    for (const answer of amounts.filter((probe) => probe.status !== 0)) {
      expect(answer.status).toBe(200);
      expect(
        Number.isSafeInteger((JSON.parse(answer.body) as { amountInCents: unknown }).amountInCents),
      ).toBe(true);
    }
    expect(
      run.probes
        .filter((probe) => probe.name === "amount (wrong token)" && probe.status !== 0)
        .every((probe) => probe.status === 401),
    ).toBe(true);
    expect(
      run.probes.some((probe) => probe.name === "metrics" && probe.body.includes("seqd_firings_total")),
    ).toBe(true);
    expect(run.cli.map((cli) => [cli.args[0], cli.code])).toEqual([
      ["history", 0],
      ["accounts", 0],
      ["validate", 0],
    ]);
  });

  it("leaks no secret: logs, CLI output, webhook payloads, /metrics, /readyz, amounts, the store files", () => {
    for (const kind of ["account_unresolved", "amount_degraded"]) {
      expect(run.webhookBodies.some((body) => body.includes(`"${kind}"`))).toBe(true);
    }
    const hits = scanForSecrets(Object.values(SECRETS), leakSources);
    leakTally.iterations = leakSources.length;
    leakTally.leaks = hits.length;
    leakTally.note = `${Object.keys(SECRETS).length} secrets × ${leakSources.length} sources`;
    expect(hits).toEqual([]);
  });
});

async function collectLeakSources(run: CrashLoopRun): Promise<LeakSource[]> {
  return [
    ...run.processes.map((child, i) => ({
      name: `seqd run #${i + 1} output`,
      content: child.lines.join("\n"),
    })),
    ...run.cli.map((cli) => ({ name: `seqd ${cli.args.join(" ")}`, content: cli.output })),
    ...run.webhookBodies.map((body, i) => ({ name: `webhook body #${i + 1}`, content: body })),
    ...run.probes.map((probe, i) => ({ name: `${probe.name} #${i + 1}`, content: probe.body })),
    ...(await fileLeakSources(sqliteFiles(run.storePath))),
  ];
}
