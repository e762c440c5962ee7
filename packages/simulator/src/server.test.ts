import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeClock } from "@seqd/core";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { demoStatePath } from "./demo.js";
import { ListenError, StateError } from "./errors.js";
import type { SimEvent } from "./events.js";
import { type RunningSimulator, startSimulator } from "./server.js";

const started: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.stop()));
});

async function start(options: Parameters<typeof startSimulator>[0]) {
  const sim = await startSimulator(options);
  started.push(sim);
  return sim;
}

describe("startSimulator", () => {
  it("serves a state file on 127.0.0.1 and a random port", async () => {
    const sim = await start({ statePath: demoStatePath });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.port).toBeGreaterThan(0);
    const reply = await request(`${sim.url}/accounts`, {
      method: "POST",
      headers: { "x-sequence-access-token": "Bearer demo-access-token" },
      body: "{}",
    });
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(await reply.body.text()).data.accounts).toHaveLength(3);
  });

  it("throws a StateError with positions for an invalid state file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seqd-sim-"));
    const path = join(dir, "bad.yaml");
    await writeFile(path, "accounts:\n  - { id: a, name: A, type: Pod, balance: 12.50 }\n");
    const error = await startSimulator({ statePath: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).message).toContain(
      `${path}:2:43: balance: a number with a decimal point is not money`,
    );
  });

  it("throws a ListenError when the port is taken", async () => {
    const first = await start({});
    const error = await startSimulator({ port: first.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as Error).message).toBe(`cannot listen on 127.0.0.1:${first.port}: EADDRINUSE`);
  });

  it("applies scripted drift on its own timer, reading the injected clock", async () => {
    const clock = createFakeClock("2026-03-01T12:00:00Z");
    let drifted: (event: SimEvent) => void = () => {};
    const firstDrift = new Promise<SimEvent>((resolve) => (drifted = resolve));
    const sim = await start({
      clock,
      driftCheckMs: 5,
      state: {
        accounts: [{ id: "a", name: "A", type: "Pod", balance: "$10" }],
        drift: [{ account: "a", every: "1h", by: "-$1" }],
      },
      onEvent: (event) => event.type === "drift" && drifted(event),
    });
    clock.advance(3_600_000);
    expect(await firstDrift).toMatchObject({
      type: "drift",
      account: "a",
      byInCents: -100,
      balanceInCents: 900,
    });
    expect(sim.balances()).toEqual({ a: 900 });
  });

  it("stop() closes the port and keep-alive connections", async () => {
    const sim = await startSimulator({});
    await request(`${sim.url}/accounts`, { method: "POST", body: "{}" }).then((r) => r.body.text());
    await sim.stop();
    await expect(request(`${sim.url}/accounts`, { method: "POST", body: "{}" })).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});
