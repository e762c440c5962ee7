import { defineConfig } from "vitest/config";

/**
 * Schedules must not depend on the host time zone, so their suite runs three times, under
 * process time zones chosen to expose a leak: UTC, Pacific/Kiritimati (UTC+14, the furthest
 * ahead) and America/Los_Angeles (behind UTC, with its own DST dates). process-time-zone.test.ts
 * proves each run really had its zone. Everything else runs once, in the default project.
 */
const SCHEDULE_TESTS = "src/schedule/**/*.test.ts";
const PROCESS_TIME_ZONES = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"] as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "rules-engine",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [SCHEDULE_TESTS],
        },
      },
      ...PROCESS_TIME_ZONES.map((timeZone) => ({
        test: {
          name: `schedule TZ=${timeZone}`,
          include: [SCHEDULE_TESTS],
          env: { TZ: timeZone },
          provide: { processTimeZone: timeZone },
        },
      })),
    ],
  },
});
