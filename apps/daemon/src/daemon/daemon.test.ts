import { afterEach, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { createTestIo } from "../cli/test-io.js";
import { createDaemonHarness, type DaemonHarness } from "./daemon-test-kit.js";

let h: DaemonHarness;
afterEach(async () => {
  await h?.close();
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe("seqd daemon loop against the simulator", () => {
  it("fires a per-second schedule exactly once per occurrence for two minutes", async () => {
    h = await createDaemonHarness({ start: "2026-03-02T14:00:00.500Z" });
    await h.writeConfig(`triggers:
  every-second:
    rule: sweep
    schedule: { cron: "* * * * * *" }
`);
    expect((await h.start()).ok).toBe(true);
    await h.driveTo("2026-03-02T14:02:00.500Z", 5_000);
    const executions = h.executions();
    // Occurrences 14:00:01 … 14:02:00: 120 of them, each executed once with its own key.
    expect(executions).toHaveLength(120);
    const keys = countBy(executions, (event) => event.idempotencyKey ?? "none");
    expect([...keys.values()].every((count) => count === 1)).toBe(true);
    const firings = await h.firings();
    expect(firings.filter((firing) => firing.status === "accepted")).toHaveLength(120);
    expect(new Set(firings.map((firing) => firing.occurrence)).size).toBe(firings.length);
    expect(firings.every((firing) => keys.has(firing.idempotencyKey))).toBe(true);
  });

  it("fires exactly the occurrences seqd plan predicted", async () => {
    h = await createDaemonHarness({ start: "2026-03-02T14:00:00.500Z" });
    await h.writeConfig(`triggers:
  every-20s:
    rule: sweep
    schedule: { cron: "*/20 * * * * *" }
  quarter-past:
    rule: topup
    schedule: { cron: "15 1 14 * * *", timezone: UTC }
`);
    const plan = createTestIo({ cwd: h.dir });
    expect(
      await main(
        ["plan", h.configPath, "--from", "2026-03-02T14:00:00Z", "--count", "6", "--format", "json"],
        plan,
      ),
    ).toBe(0);
    const predicted = (
      JSON.parse(plan.out()) as { schedules: { trigger: string; occurrences: { utc: string }[] }[] }
    ).schedules
      .flatMap((schedule) =>
        schedule.occurrences.map((occurrence) => `${schedule.trigger} ${occurrence.utc}`),
      )
      .filter((entry) => entry.split(" ")[1]! <= "2026-03-02T14:02:00.000Z")
      .sort();
    expect(predicted).toHaveLength(7);
    expect((await h.start()).ok).toBe(true);
    await h.driveTo("2026-03-02T14:02:00.500Z");
    const fired = (await h.firings())
      .filter((firing) => firing.status === "accepted")
      .map((firing) => `${firing.triggerId} ${firing.occurrence}`)
      .sort();
    expect(fired).toEqual(predicted);
    expect(h.executions()).toHaveLength(predicted.length);
  });

  it("fires a threshold once per crossing and re-arms only past rearmAbove", async () => {
    h = await createDaemonHarness();
    await h.writeConfig(`triggers:
  checking-low:
    rule: topup
    threshold: { account: checking, below: $500, rearmAbove: $800 }
`);
    h.sim.setBalances({ "5579244": "$900" });
    expect((await h.start()).ok).toBe(true);
    h.sim.setBalances({ "5579244": "$450" });
    await h.driveUntil(() => h.executions().length === 1);
    // Still low, then back up to $700 (not past rearmAbove) and low again: no second fire.
    const steps = ["$400", "$700", "$300"];
    for (const balance of steps) {
      h.sim.setBalances({ "5579244": balance });
      const at = h.clock.now().getTime() + 10_000;
      await h.driveUntil(() => h.clock.now().getTime() >= at);
    }
    expect(h.executions()).toHaveLength(1);
    h.sim.setBalances({ "5579244": "$900" });
    let at = h.clock.now().getTime() + 10_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    h.sim.setBalances({ "5579244": "$450" });
    at = h.clock.now().getTime() + 10_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    expect(h.executions()).toHaveLength(2);
    const firings = (await h.firings()).filter((firing) => firing.triggerId === "checking-low");
    expect(firings.map((firing) => firing.status)).toEqual(["accepted", "accepted"]);
  });

  it("a reload keeps an unchanged trigger's pending state and resets a changed one", async () => {
    h = await createDaemonHarness();
    const thresholds = (forB: string) => `triggers:
  a-low:
    rule: topup
    threshold: { account: checking, below: $500, rearmAbove: $800, for: 60s }
  b-low:
    rule: sweep
    threshold: { account: savings, below: $500, rearmAbove: $800, for: ${forB} }
`;
    await h.writeConfig(thresholds("60s"));
    h.sim.setBalances({ "5579244": "$900", "5579245": "$900" });
    expect((await h.start()).ok).toBe(true);
    h.sim.setBalances({ "5579244": "$450", "5579245": "$450" });
    let at = h.clock.now().getTime() + 30_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    // Both pending for ~30 s; b's definition changes, a's does not.
    await h.writeConfig(thresholds("90s"));
    expect(await h.daemon.reload()).toMatchObject({ ok: true, changed: true });
    at = h.clock.now().getTime() + 60_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    const fired = () =>
      new Set(h.executions().map((event) => (event.type === "trigger" ? event.ruleId : "")));
    // a completed its 60 s hold across the reload; b was reset (requireCrossing: already low, no fire).
    expect(fired()).toEqual(new Set(["ru_topup"]));
    expect(
      h.logs().some((line) => line["event"] === "trigger.state_reset" && line["triggerId"] === "b-low"),
    ).toBe(true);
  });

  it("never fires on a failed balance read inside a for window", async () => {
    h = await createDaemonHarness();
    await h.writeConfig(`triggers:
  checking-low:
    rule: topup
    threshold: { account: checking, below: $500, rearmAbove: $800, for: 30s }
`);
    h.sim.setBalances({ "5579244": "$900" });
    expect((await h.start()).ok).toBe(true);
    h.sim.setBalances({ "5579244": "$450" });
    let at = h.clock.now().getTime() + 10_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    // Pending now; every read fails from here on, for longer than `for`.
    h.sim.setBalances({ "5579244": { unavailable: "Balance unavailable" } });
    at = h.clock.now().getTime() + 90_000;
    await h.driveUntil(() => h.clock.now().getTime() >= at);
    expect(h.executions()).toHaveLength(0);
    expect((await h.firings()).filter((firing) => firing.status !== "skipped")).toHaveLength(0);
  });

  it.each([
    // 14:02 … 14:11 fell while down; 14:11:00 is under a minute late at 14:11:30: on time.
    ["skip", "", 1, 9, "missed_skip_policy"],
    ["latest", "catchUp: { policy: latest, within: 1h }", 1, 9, "superseded_by_latest"],
    ["all", "catchUp: { policy: all, within: 1h, max: 4 }", 5, 5, "over_max"],
  ])(
    "after 10 minutes down, catch-up %s fires and records exactly what it promises",
    async (_policy, catchUp, fired, missed, reason) => {
      h = await createDaemonHarness({ start: "2026-03-02T14:00:30Z" });
      await h.writeConfig(`triggers:
  each-minute:
    rule: sweep
    schedule: { cron: "0 * * * * *" }
    ${catchUp}
`);
      expect((await h.start()).ok).toBe(true);
      await h.driveTo("2026-03-02T14:01:30Z");
      expect(h.executions()).toHaveLength(1);
      await h.stop();
      // Ten minutes of downtime: nothing runs, time moves on.
      h.clock.advance(10 * 60_000);
      expect((await h.start()).ok).toBe(true);
      await h.settle();
      const firings = (await h.firings()).filter((firing) => firing.occurrence > "2026-03-02T14:01:00.000Z");
      const byStatus = countBy(firings, (firing) => firing.status);
      expect(byStatus.get("accepted") ?? 0).toBe(fired);
      expect(byStatus.get("missed") ?? 0).toBe(missed);
      const reasons = firings.filter((firing) => firing.status === "missed").map((firing) => firing.reason);
      expect(new Set(reasons)).toEqual(new Set([reason]));
      // Every missed occurrence raised an alert (deduplicated per occurrence).
      const alerts = h
        .logs()
        .filter((line) => line["event"] === "alert" && line["kind"] === "occurrence_missed");
      expect(alerts).toHaveLength(missed);
      expect(h.executions()).toHaveLength(1 + fired);
    },
  );
});
