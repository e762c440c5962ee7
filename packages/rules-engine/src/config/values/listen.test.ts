import { describe, expect, it } from "vitest";
import { parseListen } from "./listen.js";

describe("parseListen", () => {
  it.each([
    ["127.0.0.1:8787", "127.0.0.1", 8787],
    ["0.0.0.0:80", "0.0.0.0", 80],
    ["[::1]:8787", "::1", 8787],
    ["localhost:0", "localhost", 0],
  ])("%s → %s port %i", (text, host, port) => {
    expect(parseListen(text)).toEqual({ ok: true, host, port });
  });

  it.each([
    ["8787", 'write "127.0.0.1:8787"'],
    ["127.0.0.1", "write it like 127.0.0.1:8787 or [::1]:8787"],
    ["::1:8787", "write it like 127.0.0.1:8787 or [::1]:8787"],
  ])("refuses %s", (text, hint) => {
    expect(parseListen(text)).toEqual({ ok: false, message: `"${text}" is not a host:port address`, hint });
  });

  it("refuses ports above 65535", () => {
    expect(parseListen("127.0.0.1:70000")).toEqual({
      ok: false,
      message: "port 70000 is out of range (0–65535)",
    });
  });
});
