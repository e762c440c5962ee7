import { describe, expect, it } from "vitest";
import { distinctiveSecret, scanForSecrets } from "./leak-scan.js";
import { createRandom } from "./random.js";

const secret = { label: "rule secret", value: "rs-LEAKCANARY-k2m9/q+z&x" };

describe("scanForSecrets", () => {
  it("finds a secret in plain text, URL-encoded, hex, and base64 at every alignment", () => {
    const raw = Buffer.from(secret.value);
    const sources = [
      { name: "plain", content: `{"msg":"calling ${secret.value}"}` },
      { name: "url", content: `GET /x?token=${encodeURIComponent(secret.value)}` },
      { name: "hex", content: `blob ${raw.toString("hex")}` },
      ...[0, 1, 2].map((shift) => ({
        name: `base64+${shift}`,
        content: Buffer.concat([Buffer.from("Basic ".slice(0, shift + 1)), raw, Buffer.from("!")]).toString(
          "base64",
        ),
      })),
      { name: "base64url", content: Buffer.concat([Buffer.from("ab"), raw]).toString("base64url") },
      { name: "bytes", content: new Uint8Array(Buffer.concat([Buffer.from([0, 1, 2]), raw])) },
    ];
    const hits = scanForSecrets([secret], sources);
    expect(new Set(hits.map((hit) => hit.source))).toEqual(new Set(sources.map((source) => source.name)));
    expect(hits.find((hit) => hit.source === "url")?.form).toBe("url-encoded");
  });

  it("finds nothing in text that only mentions the label or a redaction", () => {
    const hits = scanForSecrets(
      [secret],
      [{ name: "log", content: `{"secret":"<secret>","label":"rule secret","tail":"k2m9"}` }],
    );
    expect(hits).toEqual([]);
  });

  it("makes distinct, replayable canaries", () => {
    const a = distinctiveSecret("token", createRandom(1).next);
    expect(distinctiveSecret("token", createRandom(1).next)).toEqual(a);
    expect(distinctiveSecret("token", createRandom(2).next).value).not.toBe(a.value);
    expect(a.value).toMatch(/^token-LEAKCANARY-[a-z2-9]{24}$/);
  });
});
