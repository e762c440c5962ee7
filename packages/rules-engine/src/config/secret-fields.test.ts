import { describe, expect, it } from "vitest";
import { loadConfig } from "./load-config.js";
import { listSecretRefs } from "./secret-fields.js";

describe("listSecretRefs", () => {
  it("lists every secret reference with the field it fills", () => {
    const text = `version: 1
sequence: { accessToken: { env: SEQ } }
server: { adminToken: { file: ./admin.token } }
alerts: { webhook: { url: https://hooks.example.com/x, token: { env: HOOK } } }
rules:
  r: { url: https://api.getsequence.io/remote-api/rules/ru_1/trigger, secret: { env: R } }
amounts:
  a: { path: /a, token: { env: A }, formula: $5, max: $5 }
`;
    const result = loadConfig([{ path: "f.yaml", text }], { now: new Date("2026-03-01T00:00:00Z") });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(listSecretRefs(result.config).map(({ field, ref }) => [field, ref.kind, ref.pos.line])).toEqual([
      ["sequence.accessToken", "env", 2],
      ["server.adminToken", "file", 3],
      ["alerts.webhook.token", "env", 4],
      ["rules.r.secret", "env", 6],
      ["amounts.a.token", "env", 8],
    ]);
  });
});
