import { describe, expect, it } from "vitest";
import { isAlertDue } from "./alert-due.js";
import type { Alert } from "./types.js";

const base: Alert = {
  key: "stale:checking",
  kind: "stale-balance",
  severity: "warning",
  message: "checking is stale",
  details: null,
  status: "open",
  firstSeenAt: new Date("2026-03-01T12:00:00Z"),
  lastSeenAt: new Date("2026-03-01T12:00:00Z"),
  count: 1,
  lastSentAt: undefined,
  resolvedAt: undefined,
};
const hour = 3_600_000;

describe("isAlertDue", () => {
  it("an open alert never sent is due at once", () => {
    expect(isAlertDue(base, { now: base.firstSeenAt, repeatEveryMs: hour })).toBe(true);
  });

  it("a sent alert is due again exactly repeatEvery after the last delivery", () => {
    const sent = { ...base, lastSentAt: new Date("2026-03-01T12:00:00Z") };
    expect(isAlertDue(sent, { now: new Date("2026-03-01T12:59:59.999Z"), repeatEveryMs: hour })).toBe(false);
    expect(isAlertDue(sent, { now: new Date("2026-03-01T13:00:00Z"), repeatEveryMs: hour })).toBe(true);
  });

  it("a resolved alert is never due", () => {
    expect(isAlertDue({ ...base, status: "resolved" }, { now: base.firstSeenAt, repeatEveryMs: 0 })).toBe(
      false,
    );
  });
});
