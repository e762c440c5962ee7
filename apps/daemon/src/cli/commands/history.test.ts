import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createFakeClock } from "@seqd/core";
import { openStore } from "@seqd/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { createTestIo } from "../test-io.js";

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-history-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(cwd, path)), { recursive: true });
  await writeFile(join(cwd, path), content);
}

async function history(args: string[]) {
  const io = createTestIo({ cwd });
  const code = await main(["history", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A ledger with one firing of each interesting ending, written minutes apart. */
async function seedLedger(url = "sqlite:./seqd.db") {
  const clock = createFakeClock("2026-03-02T14:00:00Z");
  const store = await openStore(url, { clock, cwd });
  const claim = async (triggerId: string, occurrence: string, idempotencyKey: string, ruleId: string) => {
    const result = await store.claimFiring({
      triggerId,
      occurrence,
      idempotencyKey,
      ruleId,
      configHash: "c0ffee",
    });
    if (!result.claimed) throw new Error("claim refused");
    return result.firing;
  };
  const accepted = await claim(
    "payday-sweep",
    "2026-03-02T14:00:00.000Z",
    "payday-sweep-20260302T1400",
    "sweep",
  );
  await store.transitionFiring(accepted.id, { from: ["claimed"], to: "sent" });
  await store.recordAttempt(accepted.id, {});
  await store.transitionFiring(accepted.id, {
    from: ["sent"],
    to: "accepted",
    requestId: "b28f1d9e-8c2a-4d3e-9af1-000000000001",
  });
  clock.advance(300_000);
  const failed = await claim(
    "checking-low",
    "crossing:2026-03-02T13:50:00.000Z",
    "checking-low-x1",
    "top-up",
  );
  await store.transitionFiring(failed.id, { from: ["claimed"], to: "sent" });
  await store.recordAttempt(failed.id, { errorCode: "INVALID_API_SECRET", errorMessage: "401" });
  await store.transitionFiring(failed.id, {
    from: ["sent"],
    to: "failed",
    reason: "unauthorized",
    errorCode: "INVALID_API_SECRET",
    errorMessage:
      "trigger rule failed: POST http://127.0.0.1/remote-api/rules/ru_2/trigger → 401 INVALID_API_SECRET",
  });
  clock.advance(300_000);
  await store.claimFiring({
    triggerId: "payday-sweep",
    occurrence: "2026-03-01T14:00:00.000Z",
    idempotencyKey: "payday-sweep-20260301T1400",
    ruleId: "sweep",
    configHash: "c0ffee",
    status: "missed",
    reason: "catchUp skip: seqd was down at 2026-03-01T14:00:00Z",
  });
  await store.close();
}

const CONFIG = `version: 1
timezone: America/New_York
store: sqlite:./data/ledger.db
rules:
  sweep: { url: "https://api.getsequence.io/remote-api/rules/ru_1/trigger", secret: { env: SWEEP_SECRET } }
triggers:
  payday-sweep: { rule: sweep, schedule: { cron: "0 9 1,15 * *" } }
`;

describe("seqd history", () => {
  it("prints the ledger as a table, newest first", async () => {
    await seedLedger();
    const { code, out, err } = await history(["--store", "sqlite:./seqd.db"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "CREATED (UTC)        TRIGGER       OCCURRENCE                         RULE    STATUS    ATTEMPTS  REQUEST ID                            KEY                         DETAIL
      2026-03-02 14:10:00  payday-sweep  2026-03-01T14:00:00.000Z           sweep   missed    0         -                                     payday-sweep-20260301T1400  catchUp skip: seqd was down at 2026-03-01T14:00:00Z
      2026-03-02 14:05:00  checking-low  crossing:2026-03-02T13:50:00.000Z  top-up  failed    1         -                                     checking-low-x1             unauthorized
      2026-03-02 14:00:00  payday-sweep  2026-03-02T14:00:00.000Z           sweep   accepted  1         b28f1d9e-8c2a-4d3e-9af1-000000000001  payday-sweep-20260302T1400
      "
    `);
  });

  it("--format json: an array with the fixed fields, filtered by --trigger and cut by --limit", async () => {
    await seedLedger();
    const { code, out } = await history([
      "--store",
      "sqlite:./seqd.db",
      "--format",
      "json",
      "--trigger",
      "payday-sweep",
      "--limit",
      "1",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchInlineSnapshot(`
      [
        {
          "attempts": 0,
          "completedAt": "2026-03-02T14:10:00.000Z",
          "configHash": "c0ffee",
          "createdAt": "2026-03-02T14:10:00.000Z",
          "id": 3,
          "idempotencyKey": "payday-sweep-20260301T1400",
          "lastErrorCode": null,
          "lastErrorMessage": null,
          "nextAttemptAt": null,
          "occurrence": "2026-03-01T14:00:00.000Z",
          "reason": "catchUp skip: seqd was down at 2026-03-01T14:00:00Z",
          "requestId": null,
          "rule": "sweep",
          "sentAt": null,
          "status": "missed",
          "trigger": "payday-sweep",
          "updatedAt": "2026-03-02T14:10:00.000Z",
        },
      ]
    `);
    const all = JSON.parse(
      (await history(["--store", "sqlite:./seqd.db", "--format", "json"])).out,
    ) as unknown[];
    expect(all.map((entry) => (entry as { status: string }).status)).toEqual([
      "missed",
      "failed",
      "accepted",
    ]);
  });

  it("says when the limit cut the list", async () => {
    await seedLedger();
    const { out } = await history(["--store", "sqlite:./seqd.db", "--limit", "2"]);
    expect(out.trimEnd().split("\n").at(-1)).toBe("(the newest 2; --limit N shows more)");
  });

  it("without --store, reads the config's store: (relative to the working directory)", async () => {
    await write("configs/seqd.yaml", CONFIG);
    await mkdir(join(cwd, "data"));
    await seedLedger("sqlite:./data/ledger.db");
    const { code, out, err } = await history(["--trigger", "payday-swep"]);
    expect(code).toBe(0);
    expect(err).toBe(
      'seqd history: note: trigger "payday-swep" is not in the config (did you mean "payday-sweep"?); showing what the store has\n',
    );
    expect(out).toBe("no firings of trigger payday-swep in sqlite:./data/ledger.db\n");
  });

  it("an empty ledger is not an error", async () => {
    const store = await openStore("sqlite:./seqd.db", { cwd });
    await store.close();
    expect(await history(["--store", "sqlite:./seqd.db"])).toEqual({
      code: 0,
      out: "no firings in sqlite:./seqd.db\n",
      err: "",
    });
  });

  it("exit 1 when the store does not exist, 64 on bad usage, 78 on an invalid config", async () => {
    const missing = await history(["--store", "sqlite:./nowhere.db"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^seqd history: cannot open the store: sqlite:.*nowhere\.db: /);
    expect(missing.err).toContain("hint: has seqd run with this store yet?");
    expect((await history(["--store", "mysql://db/seqd"])).code).toBe(64);
    expect((await history(["--limit", "0"])).err).toBe(
      'seqd history: --limit must be a whole number from 1 to 10000, got "0"\n',
    );
    expect((await history(["--format", "yaml"])).code).toBe(64);
    await write("configs/seqd.yaml", "version: 1\nstore: 42\nunknown: true\n");
    const invalid = await history([]);
    expect(invalid.code).toBe(78);
    expect(invalid.err).toContain("configs/seqd.yaml:3:1: error:");
    expect(invalid.out).toBe("");
  });
});
