import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { createTestIo, type TestIo } from "../test-io.js";

/** Starts `seqd simulator …` and resolves with the first stdout line once it is written. */
function launch(args: string[], io: TestIo): { exit: Promise<number>; firstLine: Promise<string> } {
  const write = io.stdout.write.bind(io.stdout);
  let announce: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => (announce = resolve));
  io.stdout = {
    write: (text: string) => {
      const result = write(text);
      const out = io.out();
      if (out.includes("\n")) announce(out.slice(0, out.indexOf("\n")));
      return result;
    },
  };
  return { exit: main(["simulator", ...args], io), firstLine };
}

/** Resolves once stdout contains `text` (checked on every write). */
function printed(io: TestIo, text: string): Promise<void> {
  const write = io.stdout.write.bind(io.stdout);
  return new Promise((resolve) => {
    io.stdout = {
      write: (chunk: string) => {
        const result = write(chunk);
        if (io.out().includes(text)) resolve();
        return result;
      },
    };
  });
}

describe("seqd simulator", () => {
  it("prints its URL first, logs each request, and stops cleanly", async () => {
    const io = createTestIo();
    const { exit, firstLine } = launch(["--port", "0"], io);
    const line = await firstLine;
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url).toBeDefined();
    expect(line).toBe(`seqd simulator listening on ${url} (state: built-in demo state)`);
    const logged = printed(io, "trigger ru_sweep → 200 executed");
    const reply = await request(`${url}/remote-api/rules/ru_sweep/trigger`, {
      method: "POST",
      headers: { "x-sequence-signature": "Bearer demo-sweep-secret", "content-type": "application/json" },
      body: "{}",
    });
    expect(reply.statusCode).toBe(200);
    await reply.body.text();
    await logged;
    io.stop("SIGINT");
    expect(await exit).toBe(0);
    const lines = io.out().trimEnd().split("\n");
    expect(lines[1]).toBe(`3 accounts, 1 tokens, 2 rules; control API at ${url}/__sim/state`);
    expect(lines.some((l) => /^\S+Z transfer ru_sweep#0 \$320\.00 5579246 → 5579245/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("seqd simulator stopped (SIGINT)");
    expect(io.out()).not.toContain("demo-sweep-secret");
  });

  it("serves a --state file resolved against the working directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seqd-cli-"));
    await writeFile(
      join(dir, "sim.yaml"),
      'accounts:\n  - { id: "1", name: Solo, type: Pod, balance: $1 }\ntokens:\n  - { token: t }\n',
    );
    const io = createTestIo({ cwd: dir });
    const { exit, firstLine } = launch(["--port", "0", "--state", "sim.yaml"], io);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine)?.[0];
    const reply = await request(`${url}/accounts`, {
      method: "POST",
      headers: { "x-sequence-access-token": "Bearer t" },
      body: "{}",
    });
    expect(JSON.parse(await reply.body.text()).data.accounts).toEqual([
      { id: "1", name: "Solo", balance: { amountInDollars: 1, error: null }, type: "Pod" },
    ]);
    io.stop();
    expect(await exit).toBe(0);
    expect(io.out()).toContain("(state: sim.yaml)");
  });

  it("exits 78 with file:line:col problems for an invalid state file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "seqd-cli-"));
    await writeFile(join(dir, "bad.yaml"), "rules:\n  - { id: r }\n");
    const io = createTestIo({ cwd: dir });
    expect(await main(["simulator", "--state", "bad.yaml"], io)).toBe(78);
    expect(io.err()).toBe(`${join(dir, "bad.yaml")}:2:5: rule needs "secret"\n`);
  });

  it("exits 64 for a bad port", async () => {
    const io = createTestIo();
    expect(await main(["simulator", "--port", "http"], io)).toBe(64);
    expect(io.err()).toContain('--port must be a whole number from 0 to 65535, got "http"');
  });

  it("exits 1 when the port is taken", async () => {
    const first = createTestIo();
    const running = launch(["--port", "0"], first);
    const port = /:(\d+)/.exec(await running.firstLine)?.[1] ?? "";
    const second = createTestIo();
    expect(await main(["simulator", "--port", port], second)).toBe(1);
    expect(second.err()).toBe(`seqd simulator: cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`);
    first.stop();
    expect(await running.exit).toBe(0);
  });
});
