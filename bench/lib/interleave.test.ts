import { describe, expect, it } from "vitest";
import { interleave, roundOrder } from "./interleave.js";

describe("roundOrder", () => {
  it("rotates by one each round so every measurement takes every position", () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(3, round))).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [0, 1, 2],
    ]);
  });
});

describe("interleave", () => {
  it("runs one of each per round in rotating order and groups the samples per measurement", async () => {
    const calls: string[] = [];
    const measure = (name: string) => async () => {
      calls.push(name);
      return `${name}${calls.length}`;
    };
    const samples = await interleave([measure("a"), measure("b")], 3);
    expect(calls).toEqual(["a", "b", "b", "a", "a", "b"]);
    expect(samples).toEqual([
      ["a1", "a4", "a5"],
      ["b2", "b3", "b6"],
    ]);
  });
});
