import { describe, expect, it } from "vitest";
import { createLineBatcher } from "./line-batcher.js";

function sink() {
  const writes: string[] = [];
  return { write: (text: string) => writes.push(text), writes };
}

/** A schedule the test runs by hand: the end of the event-loop turn. */
function manualTurn() {
  const queued: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => queued.push(flush),
    endTurn: () => {
      for (const flush of queued.splice(0)) flush();
    },
  };
}

describe("createLineBatcher", () => {
  it("writes the lines of one turn together, in order, at the end of the turn", () => {
    const out = sink();
    const turn = manualTurn();
    const lines = createLineBatcher(out, { schedule: turn.schedule });
    lines.write("a\n");
    lines.write("b\n");
    expect(out.writes).toEqual([]);
    turn.endTurn();
    lines.write("c\n");
    turn.endTurn();
    expect(out.writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("writes at once past the size cap, and flush() writes what is pending", () => {
    const out = sink();
    const turn = manualTurn();
    const lines = createLineBatcher(out, { schedule: turn.schedule, maxChars: 4 });
    lines.write("ab\n");
    lines.write("cd\n");
    expect(out.writes).toEqual(["ab\ncd\n"]);
    lines.write("e\n");
    lines.flush();
    turn.endTurn();
    expect(out.writes).toEqual(["ab\ncd\n", "e\n"]);
  });
});
