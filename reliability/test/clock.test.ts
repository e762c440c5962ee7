import { createFakeClock, type FakeClock } from "@seqd/core";
import { compileRuntime, loadConfig, type Runtime } from "@seqd/rules-engine";
import { openStore, type Store } from "@seqd/store";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createEngineLoop } from "../src/clock-suite/engine-loop.js";
import { byMode, reliabilityMode } from "../src/mode.js";
import { createRandom } from "../src/random.js";
import { createTally, writeTally } from "../src/report-table.js";
import { createTempDir, type TempDir } from "../src/temp-dir.js";

const SCHEDULES = { sec: { cron: "* * * * * *", stepMs: 1_000 }, min: { cron: "* * * * *", stepMs: 60_000 } };
const POLICIES = {
  skip: "",
  latest: ", catchUp: { policy: latest, within: 6h }",
  all: ", catchUp: { policy: all, within: 6h, max: 10 }",
};
const HOUR = 3_600_000;
/** What each policy may decide, fired and missed. */
const EXPECTED: Record<string, { fires: string[]; missed: string[] }> = {
  skip: { fires: ["on_time"], missed: ["missed_skip_policy"] },
  latest: { fires: ["on_time"], missed: ["superseded_by_latest"] },
  all: { fires: ["on_time", "catch_up_all"], missed: ["over_max"] },
};

function configText(): string {
  const triggers = Object.entries(SCHEDULES).flatMap(([kind, schedule]) =>
    Object.entries(POLICIES).map(
      ([policy, catchUp]) =>
        `  ${kind}-${policy}: { rule: r, schedule: { cron: "${schedule.cron}" }${catchUp} }`,
    ),
  );
  return `version: 1
timezone: UTC
sequence: { accessToken: { env: T } }
rules:
  r: { url: https://api.getsequence.io/remote-api/rules/ru_1/trigger, secret: { env: R } }
triggers:
${triggers.join("\n")}
`;
}

function runtimeOf(now: Date): Runtime {
  const loaded = loadConfig([{ path: "clock.yaml", text: configText() }], { now });
  if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join("\n"));
  return compileRuntime(loaded.config);
}

const mode = reliabilityMode();
const tally = createTally("clock jumps", mode);

describe("clock: wall jumps and a stalled loop never fire twice and lose nothing", () => {
  let dir: TempDir;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await dir?.remove();
  });
  afterAll(async () => {
    await writeTally(tally.tally());
  });

  it("forward 2 h, back 1 h, a 40 s stall, per-second and per-minute schedules, every catch-up policy", async () => {
    dir = await createTempDir();
    const clock: FakeClock = createFakeClock("2026-03-02T14:00:00Z");
    store = await openStore(`sqlite:${dir.join("seqd.db")}`, { clock, sqlite: { synchronous: "normal" } });
    const loop = createEngineLoop({ runtime: runtimeOf(clock.now()), store, clock });
    const random = createRandom(6_000);
    const started = clock.now().getTime();
    let maxWall = started;
    let forwardJumps = 0;

    const tick = async () => {
      await loop.tick();
      tally.iterations += 1;
      maxWall = Math.max(maxWall, clock.now().getTime());
    };
    const ticks = async (count: number, everyMs: () => number) => {
      for (let i = 0; i < count; i++) {
        clock.advance(everyMs());
        await tick();
      }
    };

    await tick();
    const cycles = byMode({ short: 1, long: 12 }, mode);
    for (let cycle = 0; cycle < cycles; cycle++) {
      // The daemon ticks at most every 30 s; in long mode the spacing varies.
      const spacing = () => (cycle === 0 ? 30_000 : random.between(1, 30) * 1_000);
      await ticks(6, spacing);
      clock.advance(40_000); // the event loop blocked for 40 s
      tally.faultsInjected += 1;
      await tick();
      await ticks(4, spacing);
      clock.setWall(new Date(clock.now().getTime() + 2 * HOUR)); // NTP steps forward 2 h
      tally.faultsInjected += 1;
      forwardJumps += 1;
      await tick();
      await ticks(4, spacing);
      clock.setWall(new Date(clock.now().getTime() - HOUR)); // and back 1 h
      tally.faultsInjected += 1;
      await tick();
      // Until the wall clock is past where it was, nothing is due again.
      const until = maxWall + 5 * 60_000;
      while (clock.now().getTime() <= until) {
        clock.advance(spacing());
        await tick();
      }
    }

    const end = maxWall;
    for (const [kind, schedule] of Object.entries(SCHEDULES)) {
      for (const policy of Object.keys(POLICIES)) {
        const id = `${kind}-${policy}`;
        const ledger = loop.ledger(id);
        // Never decided twice: the engine's cursor kept it from proposing a decided occurrence again.
        expect(ledger.refused, id).toBe(0);
        const fired = new Set(ledger.fired);
        const duplicates = ledger.fired.length - fired.size;
        tally.duplicates += duplicates + ledger.refused;
        expect(duplicates, id).toBe(0);
        // Claims only move forward in time, even while the wall clock went back.
        const order = ledger.fired.map((occurrence) => Date.parse(occurrence));
        expect(
          order.every((ms, i) => i === 0 || ms > order[i - 1]!),
          id,
        ).toBe(true);
        // No loss: every scheduled instant after the first tick is fired or recorded, once.
        const expected = Math.floor(end / schedule.stepMs) - Math.floor(started / schedule.stepMs);
        const accounted =
          ledger.fired.length +
          ledger.recorded.length +
          ledger.summaries.reduce((sum, summary) => sum + summary.count, 0);
        tally.losses += Math.max(0, expected - accounted);
        expect(accounted, id).toBe(expected);
        expect(
          ledger.recorded.filter((occurrence) => fired.has(occurrence)),
          id,
        ).toEqual([]);
        // The catch-up policy decided the 2 h gap. An on-time run is due at every jump (both
        // schedules run at least once a minute), so `latest` supersedes the gap (design.md §4).
        const fires = Object.fromEntries(ledger.fireReasons);
        const missed = Object.fromEntries(ledger.missedReasons);
        const gapFires = forwardJumps * Math.min(10, (2 * HOUR) / schedule.stepMs - 1);
        expect({ fires: Object.keys(fires), missed: Object.keys(missed) }, id).toEqual(EXPECTED[policy]);
        if (policy === "all") expect(fires["catch_up_all"], id).toBe(gapFires);
      }
    }
    // The store agrees: one row per occurrence.
    const rows = await store.listFirings({ limit: 10_000 });
    const identities = rows.map((row) => `${row.triggerId} ${row.occurrence}`);
    expect(new Set(identities).size).toBe(identities.length);
  }, 600_000);
});
