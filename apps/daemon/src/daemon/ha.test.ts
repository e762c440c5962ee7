import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../observability/logger.js";
import { LEASE_TTL_MS } from "../runtime/leadership.js";
import { type Daemon, startDaemon } from "./daemon.js";
import { createDaemonHarness, type DaemonHarness, TEST_ENV } from "./daemon-test-kit.js";

// Design §7: two daemons on one Postgres store. Only the lease holder fires; when it stops the
// standby takes over; no occurrence fires twice. The project's machines run Postgres on
// 127.0.0.1:5432 (trust auth, database test); SEQD_TEST_PG_URL overrides it.

const URL_BASE = process.env["SEQD_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `seqd_ha_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Pool({ connectionString: URL_BASE, max: 1 });

let h: DaemonHarness;
let standby: Daemon | undefined;
afterEach(async () => {
  await standby?.stop();
  standby = undefined;
  await h?.close();
});
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

describe("two daemons on one Postgres store", () => {
  it("only the leader fires; the standby takes over when it stops; no occurrence twice", async () => {
    h = await createDaemonHarness({ start: "2026-03-02T14:00:00.500Z" });
    await h.writeConfig(`triggers:
  every-second:
    rule: sweep
    schedule: { cron: "* * * * * *" }
`);
    const storeUrl = `${URL_BASE}?schema=${schema}`;
    expect((await h.start({ storeUrl, random: () => 0.25 })).ok).toBe(true);
    const second = await startDaemon({
      configPath: h.configPath,
      cwd: h.dir,
      env: TEST_ENV,
      clock: h.clock,
      timers: h.timers,
      log: createLogger({ destination: { write: () => true }, pretty: false, clock: h.clock }),
      metrics: h.metrics,
      storeUrl,
      dryRun: false,
      lastGood: false,
      random: () => 0.75,
    });
    if (!second.ok) throw new Error("the standby did not start");
    standby = second.daemon;
    h.alsoSettle(standby);
    expect(h.daemon.leadership.isLeader()).toBe(true);
    expect(standby.leadership.isLeader()).toBe(false);

    await h.driveTo("2026-03-02T14:00:20.500Z");
    await h.stop();
    // The leader is gone (its lease released on stop): the standby leads and goes on firing.
    await h.driveTo(new Date(Date.parse("2026-03-02T14:00:20.500Z") + LEASE_TTL_MS + 20_000).toISOString());
    expect(standby.leadership.isLeader()).toBe(true);

    const executions = h.executions();
    const keys = executions.map((event) => (event.type === "trigger" ? event.idempotencyKey : ""));
    expect(new Set(keys).size).toBe(keys.length);
    const firings = await standby.store.listFirings({ limit: 10_000 });
    const occurrences = firings.map((firing) => firing.occurrence);
    expect(new Set(occurrences).size).toBe(occurrences.length);
    // Every second from 14:00:01 on fired, the hand-over's seconds too (under a minute late is on time).
    const accepted = firings
      .filter((firing) => firing.status === "accepted")
      .map((firing) => Date.parse(firing.occurrence))
      .sort((a, b) => a - b);
    expect(accepted[0]).toBe(Date.parse("2026-03-02T14:00:01Z"));
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    expect(accepted.every((at, index) => at === accepted[0]! + index * 1_000)).toBe(true);
    expect(firings.filter((firing) => firing.status === "accepted").length).toBe(executions.length);
  });
});
