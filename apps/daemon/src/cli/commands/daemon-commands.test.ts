import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@seqd/simulator";
import { openStore } from "@seqd/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configHead, TEST_ENV } from "../../daemon/daemon-test-kit.js";
import { SIM_STATE } from "../../runtime/runtime-test-kit.js";
import { main } from "../main.js";
import { createTestIo } from "../test-io.js";

// `seqd run`, `seqd trigger` and `seqd accounts` in-process on the real clock, against a real
// simulator on loopback and a real SQLite file.

let sim: RunningSimulator;
let dir: string;
let configPath: string;

beforeEach(async () => {
  sim = await startSimulator({ state: SIM_STATE });
  dir = await mkdtemp(join(tmpdir(), "seqd-cli-"));
  configPath = join(dir, "seqd.yaml");
});
afterEach(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(body: string): Promise<void> {
  await writeFile(configPath, configHead(sim.url, join(dir, "seqd.db")) + body);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A per-second schedule of the simulator's sweep rule. */
const EVERY_SECOND = `triggers:
  every-second:
    rule: sweep
    schedule: { cron: "* * * * * *" }
`;

const executed = () =>
  sim.events({ type: "trigger" }).filter((event) => event.type === "trigger" && event.outcome === "executed");

describe("seqd run", () => {
  it("fires a per-second schedule, stops cleanly on SIGTERM, and seqd history shows it", async () => {
    await writeConfig(EVERY_SECOND);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    const running = main(["run", configPath], io);
    await until(() => executed().length >= 2, "two executions");
    io.stop("SIGTERM");
    expect(await running).toBe(0);
    expect(io.out()).toContain('"event":"daemon.started"');
    expect(io.out()).toContain('"event":"daemon.stopped"');
    const history = createTestIo({ cwd: dir });
    expect(await main(["history", configPath, "--format", "json"], history)).toBe(0);
    const rows = JSON.parse(history.out()) as { trigger: string; status: string; idempotencyKey: string }[];
    const accepted = rows.filter((row) => row.status === "accepted");
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    const keys = new Set(executed().map((event) => (event.type === "trigger" ? event.idempotencyKey : "")));
    for (const row of accepted) expect(keys.has(row.idempotencyKey)).toBe(true);
  });

  it("refuses an invalid config with exit 78 and positioned errors, starting nothing", async () => {
    await writeConfig(`triggers:
  broken:
    rule: no-such-rule
    schedule: { cron: "* * * * * *" }
`);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["run", configPath], io)).toBe(78);
    expect(io.err()).toMatch(/seqd\.yaml:\d+:\d+: error: .*no-such-rule/);
    expect(executed()).toHaveLength(0);
  });

  it("--watch reloads when the config file changes", async () => {
    await writeConfig(EVERY_SECOND);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    const running = main(["run", configPath, "--watch"], io);
    await until(() => executed().length >= 1, "a first execution");
    await writeConfig(EVERY_SECOND.replace("rule: sweep", "rule: topup"));
    await until(() => io.out().includes('"event":"config.reloaded"'), "the watched reload");
    await until(
      () => executed().some((event) => event.type === "trigger" && event.ruleId === "ru_topup"),
      "the new rule firing",
    );
    io.stop();
    expect(await running).toBe(0);
    expect(io.out()).toContain("config files changed");
  });

  it("--last-good boots the stored last-known-good config when the given one is invalid", async () => {
    await writeConfig(EVERY_SECOND);
    const first = createTestIo({ env: TEST_ENV, cwd: dir });
    const running = main(["run", configPath], first);
    await until(() => executed().length >= 1, "a first execution");
    first.stop();
    expect(await running).toBe(0);
    await writeFile(configPath, "version: 1\ntriggers: [oops\n");
    const plain = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["run", configPath], plain)).toBe(78);
    const fallback = createTestIo({ env: TEST_ENV, cwd: dir });
    const again = main(
      ["run", configPath, "--last-good", "--store", `sqlite:${join(dir, "seqd.db")}`],
      fallback,
    );
    const count = executed().length;
    await until(() => executed().length > count, "firing on the last-known-good config");
    fallback.stop();
    expect(await again).toBe(0);
    expect(fallback.out()).toContain('"kind":"config_last_good"');
  });

  it("names a missing secret with its position and never prints the others", async () => {
    await writeConfig("");
    const { SWEEP_SECRET: _missing, ...env } = TEST_ENV;
    const io = createTestIo({ env, cwd: dir });
    expect(await main(["run", configPath], io)).toBe(78);
    expect(io.err()).toContain("SWEEP_SECRET");
    expect(io.err() + io.out()).not.toContain(TEST_ENV.TOPUP_SECRET);
  });

  it("reloads on SIGHUP: a valid change applies, an invalid one is refused and the old config keeps firing", async () => {
    await writeConfig(EVERY_SECOND);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    const running = main(["run", configPath], io);
    await until(() => executed().length >= 1, "a first execution");
    await writeConfig(`triggers:
  every-second:
    rule: topup
    schedule: { cron: "* * * * * *" }
`);
    io.reload();
    await until(
      () => executed().some((event) => event.type === "trigger" && event.ruleId === "ru_topup"),
      "the new rule firing",
    );
    await writeFile(configPath, "version: 1\ntriggers: [oops\n");
    io.reload();
    await until(() => io.out().includes('"event":"config.reload_refused"'), "the refusal");
    const count = executed().length;
    await until(() => executed().length > count + 1, "firing to go on");
    io.stop();
    expect(await running).toBe(0);
    expect(io.out()).toMatch(/seqd\.yaml:3:1: error: bad indentation/);
  });
});

describe("seqd trigger", () => {
  it("fires now with a manual occurrence and records it in the ledger", async () => {
    await writeConfig(`triggers:
  payday:
    rule: sweep
    schedule: { cron: "0 9 1 * *" }
`);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["trigger", "payday", configPath], io)).toBe(0);
    expect(io.out()).toMatch(/accepted by Sequence/);
    expect(io.out()).toMatch(/occurrence manual:\d{4}-/);
    expect(executed()).toHaveLength(1);
    const store = await openStore(`sqlite:${join(dir, "seqd.db")}`, { readOnly: true });
    const [firing] = await store.listFirings({ limit: 10 });
    await store.close();
    expect(firing?.status).toBe("accepted");
    expect(firing?.occurrence.startsWith("manual:")).toBe(true);
  });

  it("--dry-run records without calling Sequence; an unknown trigger suggests the right one", async () => {
    await writeConfig(`triggers:
  payday:
    rule: sweep
    schedule: { cron: "0 9 1 * *" }
`);
    const dry = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["trigger", "payday", configPath, "--dry-run"], dry)).toBe(0);
    expect(dry.out()).toContain("dry run");
    expect(executed()).toHaveLength(0);
    const typo = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["trigger", "paydya", configPath], typo)).toBe(1);
    expect(typo.err()).toContain('did you mean "payday"');
  });

  it("a when: condition false on fresh balances skips the fire (exit 1)", async () => {
    await writeConfig(`triggers:
  payday:
    rule: sweep
    schedule: { cron: "0 9 1 * *" }
    when: balance(checking) > $1_000_000
`);
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["trigger", "payday", configPath], io)).toBe(1);
    expect(io.err()).toMatch(/false/);
    expect(executed()).toHaveLength(0);
  });
});

describe("seqd accounts", () => {
  it("maps aliases to Sequence accounts with balances, and lists the unused ones", async () => {
    await writeConfig("");
    const io = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["accounts", configPath], io)).toBe(0);
    expect(io.out()).toMatch(/checking\s+5579244\s+Checking\s+Account\s+\$2,500\.00/);
    expect(io.out()).toMatch(/savings\s+5579245\s+Savings Pod\s+Pod\s+\$10,000\.00/);
    const json = createTestIo({ env: TEST_ENV, cwd: dir });
    expect(await main(["accounts", configPath, "--format", "json"], json)).toBe(0);
    const parsed = JSON.parse(json.out()) as { aliases: { alias: string; balanceCents: number }[] };
    expect(parsed.aliases.find((row) => row.alias === "checking")?.balanceCents).toBe(250_000);
  });

  it("a rejected token exits 1 and does not print it", async () => {
    await writeConfig("");
    const io = createTestIo({ env: { ...TEST_ENV, SEQUENCE_ACCESS_TOKEN: "wrong-token-91c2" }, cwd: dir });
    expect(await main(["accounts", configPath], io)).toBe(1);
    expect(io.err()).toContain("seqd accounts:");
    expect(io.err() + io.out()).not.toContain("wrong-token-91c2");
  });
});
