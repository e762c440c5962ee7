import type { Config, ConfigTest, TestStep } from "../config/index.js";
import { formatInstant } from "../schedule/index.js";
import { checkStep } from "./check-step.js";
import { SimulatedDaemon, type SimulatedEvaluation } from "./simulation.js";
import type { TestFailure, TestOutcome } from "./types.js";

/**
 * Runs a config's `tests:` on a fake clock through the decision engine — the code the daemon
 * runs, not a second implementation. Pure: no network, no timers, no secrets.
 *
 * Each test starts a simulated daemon at `start` (a first evaluation there: schedules start
 * from it, never before). Before each step the daemon runs punctually up to the step's time
 * (every schedule occurrence, every threshold hold or cooldown ending), unless the step says
 * `down: true` (it was down since the previous step; the step starts it again, so catch-up
 * applies). `restart: true` sends all state through the store's JSON format first. Then the
 * step's balances are read (at the step's time) and the daemon evaluates at that time; the
 * expectations are checked against the fires and decisions since the previous step.
 *
 * @example for (const outcome of runConfigTests(config)) console.log(outcome.passed ? "✓" : "✗", outcome.name);
 */
export function runConfigTests(config: Config): TestOutcome[] {
  return config.tests.map((test) => runTest(config, test));
}

function runTest(config: Config, test: ConfigTest): TestOutcome {
  const daemon = new SimulatedDaemon(config, test.start);
  let window: SimulatedEvaluation[] = [daemon.evaluateAt(test.start)];
  const failures: TestFailure[] = [];
  for (const [index, step] of test.steps.entries()) {
    if (step.restart || step.down) daemon.restart();
    if (!step.down) window.push(...daemon.runUntil(step.at));
    applyBalances(daemon, step);
    window.push(daemon.evaluateAt(step.at));
    if (step.expect) {
      for (const found of checkStep(config, step.expect, window, daemon)) {
        failures.push({
          step: index + 1,
          at: formatInstant(step.at, config.timezone),
          pos: step.pos,
          ...found,
        });
      }
    }
    window = [];
  }
  return { name: test.name, pos: test.pos, passed: failures.length === 0, failures };
}

function applyBalances(daemon: SimulatedDaemon, step: TestStep): void {
  for (const [alias, value] of step.balances) {
    daemon.setBalance(
      alias,
      value === "unavailable"
        ? { status: "unavailable", reason: "unavailable in this test step", at: step.at }
        : { status: "ok", cents: value, at: step.at },
    );
  }
}
