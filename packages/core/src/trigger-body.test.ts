import { describe, expect, it } from "vitest";
import { parseTriggerBody } from "./trigger-body.js";

describe("parseTriggerBody", () => {
  it("reads the request id from data first, then from the top level", () => {
    expect(
      parseTriggerBody({
        code: "OK",
        message: "Rule with id ru_12345 has been triggered",
        data: { requestId: "b28f1d9e" },
        requestId: "outer",
      }),
    ).toEqual({ requestId: "b28f1d9e", message: "Rule with id ru_12345 has been triggered" });
    expect(parseTriggerBody({ requestId: "top" })).toEqual({ requestId: "top" });
  });

  it("answers nothing for bodies without usable fields", () => {
    for (const body of [undefined, null, "OK", [], {}, { data: { requestId: 42 }, message: "" }]) {
      expect(parseTriggerBody(body)).toEqual({});
    }
  });
});
