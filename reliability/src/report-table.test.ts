import { describe, expect, it } from "vitest";
import { createTally, renderReportTable } from "./report-table.js";

describe("renderReportTable", () => {
  it("renders one markdown row per suite, with its note", () => {
    const fuzz = createTally("config fuzz", "long");
    fuzz.iterations = 100_000;
    fuzz.faultsInjected = 160_000;
    const pending = createTally("crash loop", "short");
    pending.note = "pending: needs seqd run";
    expect(renderReportTable([fuzz.tally(), pending.tally()])).toMatchInlineSnapshot(`
      "| suite | mode | iterations | faults injected | duplicates | losses | crashes | leaks |
      |---|---|---|---|---|---|---|---|
      | config fuzz | long | 100,000 | 160,000 | 0 | 0 | 0 | 0 |
      | crash loop (pending: needs seqd run) | short | 0 | 0 | 0 | 0 | 0 | 0 |
      "
    `);
  });
});
