import { loadConfig } from "@seqd/rules-engine";
import { describe, expect, it } from "vitest";
import { benchConfig, SEQD_ENDPOINT_ID } from "./seqd-server.js";
import { AMOUNT_REQUEST } from "./servers.js";

describe("the bench config seqd runs", () => {
  const text = benchConfig({
    apiUrl: "http://127.0.0.1:9",
    port: 4321,
    storePath: "/tmp/seqd-bench.db",
    path: AMOUNT_REQUEST.path,
  });

  it("is a valid config with one amount endpoint at the request's path, listening where told", () => {
    const result = loadConfig([{ path: "seqd-bench.yaml", text }], { now: new Date("2026-03-07T12:00:00Z") });
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
    expect(text).toContain("listen: 127.0.0.1:4321");
    expect(text).toContain(`path: ${AMOUNT_REQUEST.path}`);
    expect(text).toContain(`  ${SEQD_ENDPOINT_ID}:`);
  });
});
