import { expect, inject, it } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    processTimeZone: string;
  }
}

// Guards the proof in vitest.config.ts: if the project's TZ were not applied, the schedule
// suite would silently run three times under one zone.
it("runs under the process time zone its vitest project sets", () => {
  const expected = inject("processTimeZone");
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
  const januaryOffsetMinutes: Record<string, number> = {
    UTC: 0,
    "Pacific/Kiritimati": -840,
    "America/Los_Angeles": 480,
  };
  expect(new Date("2026-01-15T00:00:00Z").getTimezoneOffset()).toBe(januaryOffsetMinutes[expected]);
});
