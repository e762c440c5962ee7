import { describe, expect, it } from "vitest";
import { configOf } from "../engine/engine-test-kit.js";
import { runConfigTests } from "./run-tests.js";

const TRIGGERS = `triggers:
  checking-low:
    rule: top-up
    threshold: { account: checking, below: $500, rearmAbove: $800, for: 15m }
  hourly:
    rule: sweep
    schedule: { cron: "0 * * * *" }
    catchUp: { policy: latest, within: 2h }
  daily:
    rule: sweep
    schedule: { cron: "0 9 * * *" }
tests:
`;

function run(tests: string) {
  return runConfigTests(configOf(TRIGGERS + tests)).map((outcome) => ({
    name: outcome.name,
    failures: outcome.failures.map(
      (f) =>
        `step ${f.step} ${f.check}: expected ${f.expected}, got ${f.actual}${f.notes.map((n) => ` | ${n}`).join("")}`,
    ),
  }));
}

describe("runConfigTests", () => {
  it("evaluates at the end of a hold between steps, while the reading is still fresh", () => {
    // The hold ends at 08:20; the reading (08:05) goes stale at 08:25; the step is at 08:40.
    // A daemon ticking between steps fires at 08:20: so does the simulation.
    expect(
      run(`  - name: fires at the hold's end
    start: 2026-03-07T08:00:00
    steps:
      - at: +0m
        balances: { checking: $900 }
      - at: +5m
        balances: { checking: $450 }
      - at: +40m
        expect: { fired: [checking-low], state: { checking-low: disarmed } }
`),
    ).toEqual([{ name: "fires at the hold's end", failures: [] }]);
  });

  it("fired counts each fire: a trigger firing twice must be listed twice", () => {
    expect(
      run(`  - name: two hours
    start: 2026-03-07T08:30:00
    steps:
      - at: +2h
        expect: { fired: [hourly, daily] }
`),
    ).toEqual([
      {
        name: "two hours",
        failures: [
          "step 1 fired: expected [hourly, daily], got [hourly, daily, hourly] | hourly fired at 2026-03-07T09:00:00-05:00 (schedule, on_time) | hourly fired at 2026-03-07T10:00:00-05:00 (schedule, on_time)",
        ],
      },
    ]);
  });

  it("down: nothing runs between the steps, and the step applies the catch-up policy", () => {
    const outage = (down: boolean) => `  - name: down ${down}
    start: 2026-03-07T08:30:00
    steps:
      - at: +3h
        down: ${down}
        expect: { fired: [hourly] }
`;
    expect(run(outage(true) + outage(false))).toEqual([
      // 09:00 is outside the 2h window, 10:00 superseded, 11:00 caught up; daily's 09:00 is missed (skip).
      { name: "down true", failures: [] },
      {
        name: "down false",
        failures: [
          "step 1 fired: expected [hourly], got [hourly, daily, hourly, hourly] | hourly fired at 2026-03-07T09:00:00-05:00 (schedule, on_time) | hourly fired at 2026-03-07T10:00:00-05:00 (schedule, on_time) | hourly fired at 2026-03-07T11:00:00-05:00 (schedule, on_time) | daily fired at 2026-03-07T09:00:00-05:00 (schedule, on_time)",
        ],
      },
    ]);
  });

  it("explains a missing fire with the recorded decision", () => {
    expect(
      run(`  - name: outage
    start: 2026-03-07T08:30:00
    steps:
      - at: +1h
        down: true
        expect: { fired: [daily] }
`),
    ).toEqual([
      {
        name: "outage",
        failures: [
          "step 1 fired: expected [daily], got [hourly] | daily not fired: missed, missed_skip_policy: missed (the daemon was down or late); catchUp policy skip records it and does not fire; 1800s late | hourly fired at 2026-03-07T09:30:00-05:00 (schedule, catch_up_latest)",
        ],
      },
    ]);
  });

  it("restart round-trips state through the store format without changing what happens", () => {
    const steps = (restart: boolean) => `  - name: restart ${restart}
    start: 2026-03-07T08:00:00
    steps:
      - at: +0m
        balances: { checking: $900 }
      - at: +5m
        balances: { checking: $450 }
      - at: +10m
        restart: ${restart}
        balances: { checking: $450 }
        expect: { state: { checking-low: pending } }
      - at: +19m
        restart: ${restart}
        expect: { fired: [], state: { checking-low: pending } }
      - at: +20m
        restart: ${restart}
        expect: { fired: [checking-low] }
`;
    expect(run(steps(false) + steps(true))).toEqual([
      { name: "restart false", failures: [] },
      { name: "restart true", failures: [] },
    ]);
  });

  it("a failed read is never a balance: a hold completes only on a fresh reading still past", () => {
    const [outcome] = run(`  - name: failed read
    start: 2026-03-07T08:00:00
    steps:
      - at: +0m
        balances: { checking: $900 }
      - at: +5m
        balances: { checking: $450 }
      - at: +10m
        balances: { checking: unavailable }
      - at: +40m
        expect: { fired: [], state: { checking-low: pending } }
      - at: +45m
        balances: { checking: $440 }
        expect: { fired: [checking-low] }
`);
    expect(outcome?.failures).toEqual([]);
  });
});
