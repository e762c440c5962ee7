import { describe, expect, it } from "vitest";
import { REPO_DIR } from "./commands.js";
import { sampleRounds, sequentially, timeExit } from "./sampling.js";

describe("sampleRounds", () => {
  it("rotates the order each round, maps times back to their measurement and drops warm-up rounds", async () => {
    const orders: number[][] = [];
    let round = 0;
    const samples = await sampleRounds(2, { warmup: 1, runs: 2 }, (order) => {
      orders.push([...order]);
      round += 1;
      // time = 100 × round + measurement index, so each sample says where it came from
      return order.map((index) => 100 * round + index);
    });
    expect(orders).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(samples).toEqual([
      [200, 300],
      [201, 301],
    ]);
  });

  it("refuses a round that returns the wrong number of times", async () => {
    await expect(sampleRounds(2, { warmup: 0, runs: 1 }, () => [1])).rejects.toThrow(
      "round 0: 1 times for 2",
    );
  });
});

describe("sequentially", () => {
  it("runs the timings one at a time in the round's order", async () => {
    const calls: number[] = [];
    const timing = (index: number) => async () => {
      calls.push(index);
      return index * 10;
    };
    const round = sequentially([timing(0), timing(1), timing(2)]);
    expect(await round([2, 0, 1])).toEqual([20, 0, 10]);
    expect(calls).toEqual([2, 0, 1]);
  });
});

describe("timeExit", () => {
  it("times a command to its exit", async () => {
    expect(await timeExit({ id: "node", label: "node -e 0", args: ["-e", "0"] }, REPO_DIR)).toBeGreaterThan(
      1,
    );
  });

  it("rejects a command that fails, so a broken command is never timed", async () => {
    await expect(
      timeExit({ id: "fail", label: "node -e exit(3)", args: ["-e", "process.exit(3)"] }, REPO_DIR),
    ).rejects.toThrow("node -e exit(3) exited with 3");
  });
});
