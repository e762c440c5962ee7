import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { createTestIo } from "./test-io.js";

describe("seqd CLI", () => {
  it("lists commands on --help and exits 0", async () => {
    const io = createTestIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out()).toContain("Usage: seqd <command> [options]");
  });

  it("exits 64 with the overview when no command is given", async () => {
    const io = createTestIo();
    expect(await main([], io)).toBe(64);
    expect(io.out()).toContain("Commands:");
  });

  it("suggests the closest command for a typo", async () => {
    const io = createTestIo();
    expect(await main(["simulatr"], io)).toBe(64);
    expect(io.err()).toContain('unknown command "simulatr"');
  });

  it("prints its version", async () => {
    const io = createTestIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.out()).toMatch(/^seqd \d+\.\d+\.\d+\n$/);
  });
});
