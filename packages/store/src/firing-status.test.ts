import { describe, expect, it } from "vitest";
import { StoreError } from "./errors.js";
import {
  assertTransitions,
  canTransition,
  FIRING_STATUSES,
  type FiringStatus,
  isFiringStatus,
  isTerminalStatus,
} from "./firing-status.js";

describe("firing statuses", () => {
  it("allows exactly these moves", () => {
    const legal = FIRING_STATUSES.flatMap((from) =>
      FIRING_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(legal).toEqual([
      "claimed→sent",
      "claimed→failed",
      "claimed→ambiguous",
      "claimed→missed",
      "claimed→skipped",
      "sent→accepted",
      "sent→failed",
      "sent→ambiguous",
    ]);
  });

  it("only claimed and sent are unfinished", () => {
    expect(FIRING_STATUSES.filter((status) => !isTerminalStatus(status))).toEqual(["claimed", "sent"]);
  });

  it("explains an illegal transition, naming what is allowed", () => {
    expect(() => assertTransitions(["claimed"], "accepted")).toThrow(
      'illegal firing transition claimed → accepted ("claimed" may move to sent, failed, skipped, missed, ambiguous)',
    );
    expect(() => assertTransitions(["sent", "accepted"], "failed")).toThrow('"accepted" is terminal');
    expect(() => assertTransitions(["bogus" as FiringStatus], "sent")).toThrow(StoreError);
    expect(() => assertTransitions(["claimed", "sent"], "ambiguous")).not.toThrow();
  });

  it("recognises status strings from the database", () => {
    expect(isFiringStatus("dry-run")).toBe(true);
    expect(isFiringStatus("DRY-RUN")).toBe(false);
    expect(isFiringStatus(3)).toBe(false);
  });
});
