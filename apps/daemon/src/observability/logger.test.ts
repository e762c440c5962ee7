import { createFakeClock, Secret } from "@seqd/core";
import { describe, expect, it } from "vitest";
import { createLogger, fixedFieldsLogger } from "./logger.js";

function capture() {
  let text = "";
  return { write: (line: string) => (text += line), text: () => text };
}

describe("createLogger", () => {
  const clock = createFakeClock("2026-03-07T13:00:00Z");

  it("writes one JSON event per line with the clock's time and a level label", () => {
    const out = capture();
    const { logger } = createLogger({ destination: out, clock, pretty: false });
    logger.info({ trigger: "payday" }, "fired");
    expect(JSON.parse(out.text())).toEqual({
      level: "info",
      time: "2026-03-07T13:00:00.000Z",
      trigger: "payday",
      msg: "fired",
    });
  });

  it("redacts secret-bearing fields by path", () => {
    const out = capture();
    const { logger } = createLogger({ destination: out, clock, pretty: false });
    logger.info(
      {
        request: {
          headers: { "x-sequence-signature": "Bearer abc", authorization: "Bearer def", accept: "*/*" },
        },
        rule: { secret: "ghi", url: "http://127.0.0.1/x" },
      },
      "inbound",
    );
    const line = out.text();
    expect(line).not.toMatch(/abc|def|ghi/);
    expect(line).toContain('"accept":"*/*"');
    expect(line).toContain("<redacted>");
  });

  it("scrubs registered secret values from anywhere in a line, raw, JSON-escaped and URL-encoded", () => {
    const out = capture();
    const { logger, secrets } = createLogger({ destination: out, clock, pretty: false });
    const value = 'tok-"quoted"/9f8e7d6c';
    secrets.setSecrets([value]);
    logger.warn({ url: `http://127.0.0.1/amount?token=${encodeURIComponent(value)}` }, `bad token ${value}`);
    expect(out.text()).not.toContain("9f8e7d6c");
    expect(out.text().match(/<redacted>/g)).toHaveLength(2);
  });

  it("never prints a Secret object's value", () => {
    const out = capture();
    const { logger } = createLogger({ destination: out, clock, pretty: false });
    logger.info({ credential: new Secret("s3cr3t-zzz") }, "loaded");
    expect(out.text()).not.toContain("s3cr3t");
  });

  it("prints human-readable lines when pretty", () => {
    const out = capture();
    const { logger } = createLogger({ destination: out, clock, pretty: true });
    logger.info({ trigger: "payday", cents: 2500, note: "two words" }, "fired");
    expect(out.text()).toBe('13:00:00 INFO  fired  trigger=payday cents=2500 note="two words"\n');
  });

  it("a fixed-fields logger skips path redaction but still scrubs secret values and follows the level", () => {
    const out = capture();
    const { logger, secrets } = createLogger({ destination: out, clock, pretty: false, level: "info" });
    secrets.setSecrets(["tok-9f8e7d6c"]);
    const fixed = fixedFieldsLogger(logger);
    fixed.info({ event: "amount.answered", token: "not-a-secret", note: "tok-9f8e7d6c" }, "answered");
    fixed.debug({ event: "hidden" }, "below the level");
    expect(JSON.parse(out.text())).toEqual({
      level: "info",
      time: "2026-03-07T13:00:00.000Z",
      event: "amount.answered",
      token: "not-a-secret",
      note: "<redacted>",
      msg: "answered",
    });
  });
});
