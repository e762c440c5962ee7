import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { loadConfig } from "@seqd/rules-engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveSecrets } from "./resolve-secrets.js";

const DISTINCTIVE = "sk_live_zebra_7Q4v_distinctive";
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "seqd-secrets-"));
  await mkdir(join(cwd, "configs/secrets"), { recursive: true });
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function configWith(rules: string) {
  const text = `version: 1\nsequence: { accessToken: { env: SEQ_TOKEN } }\nrules:\n${rules}`;
  const loaded = loadConfig([{ path: "configs/seqd.yaml", text }], { now: new Date("2026-03-01T00:00:00Z") });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.config;
}

const URL = "https://api.getsequence.io/remote-api/rules/ru_1/trigger";

describe("resolveSecrets", () => {
  it("reads env vars and files (relative to the config file), trimming one trailing newline", async () => {
    await writeFile(join(cwd, "configs/secrets/rule"), `${DISTINCTIVE}\n`);
    const config = configWith(`  r: { url: ${URL}, secret: { file: secrets/rule } }\n`);
    const result = await resolveSecrets(config, { cwd, env: { SEQ_TOKEN: "token-1" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.secrets.get("rules.r.secret")?.reveal()).toBe(DISTINCTIVE);
    expect(result.secrets.get("sequence.accessToken")?.reveal()).toBe("token-1");
    expect(inspect(result)).not.toContain(DISTINCTIVE);
    expect(JSON.stringify([...result.secrets])).not.toContain(DISTINCTIVE);
  });

  it("reports each unresolved reference at its position, naming the variable or file", async () => {
    await writeFile(join(cwd, "configs/secrets/empty"), "\n");
    const config = configWith(
      [
        `  a: { url: ${URL}, secret: { env: A_SECRET } }`,
        `  b: { url: ${URL.replace("ru_1", "ru_2")}, secret: { env: B_SECRET } }`,
        `  c: { url: ${URL.replace("ru_1", "ru_3")}, secret: { file: secrets/missing } }`,
        `  d: { url: ${URL.replace("ru_1", "ru_4")}, secret: { file: secrets/empty } }`,
        `  e: { url: ${URL.replace("ru_1", "ru_5")}, secret: { file: secrets } }`,
        "",
      ].join("\n"),
    );
    const result = await resolveSecrets(config, { cwd, env: { SEQ_TOKEN: DISTINCTIVE, B_SECRET: "" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.line}:${i.col} ${i.code} ${i.message}`)).toEqual([
      "4:79 unresolved-secret rules.a.secret: environment variable A_SECRET is not set",
      "5:79 unresolved-secret rules.b.secret: environment variable B_SECRET is empty",
      "6:79 unresolved-secret rules.c.secret: secret file secrets/missing does not exist",
      "7:79 unresolved-secret rules.d.secret: secret file secrets/empty is empty",
      "8:79 unresolved-secret rules.e.secret: secret file secrets is a directory",
    ]);
    expect(result.issues[2]?.hint).toBe(
      "looked for configs/secrets/missing (relative paths start at the config file's directory)",
    );
    expect(JSON.stringify(result)).not.toContain(DISTINCTIVE);
  });
});
