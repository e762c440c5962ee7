import { Secret } from "@seqd/core";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdminHooks, FireOutcome, ReloadOutcome } from "./contract.js";
import { type ServerHarness, startServerHarness } from "./http-test-kit.js";
import { parsePrometheusText } from "./prometheus-text.js";

let h: ServerHarness;

beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(async () => {
  await h.close();
});

const ADMIN_TOKEN = "adm_tok_9Jd2Kx_distinctive";

async function call(method: "GET" | "POST" | "DELETE", path: string, headers: Record<string, string> = {}) {
  const res = await request(`${h.server.url}${path}`, { method, headers });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    contentType: String(res.headers["content-type"]),
    text,
    json: safeJson(text),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const auth = (token = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` });

function hooks(reload: ReloadOutcome, fire: (id: string) => FireOutcome): AdminHooks & { calls: string[] } {
  const calls: string[] = [];
  return {
    token: new Secret(ADMIN_TOKEN),
    calls,
    reload: async () => {
      calls.push("reload");
      return reload;
    },
    fire: async (id) => {
      calls.push(`fire ${id}`);
      return fire(id);
    },
  };
}

const FIRED: FireOutcome = {
  kind: "fired",
  triggerId: "payday",
  occurrence: "manual:2026-03-02T14:00:00.000Z",
  idempotencyKey: "seqd-payday-abc",
  status: "accepted",
  requestId: "req-1",
  message: "fired",
};

function fireBy(id: string): FireOutcome {
  switch (id) {
    case "payday":
      return FIRED;
    case "guarded":
      return { kind: "skipped", triggerId: id, reason: "max_per_day", message: "maxPerDay reached" };
    case "refused":
      return { kind: "refused", message: "the store is not writable" };
    default:
      return { kind: "unknown_trigger", message: `no trigger "${id}"` };
  }
}

describe("ops routes", () => {
  it("GET /healthz answers 200 while the process runs", async () => {
    expect(await call("GET", "/healthz")).toMatchObject({ status: 200, json: { ok: true } });
  });

  it("GET /readyz answers 200 or 503 with the ReadyReport", async () => {
    expect(await call("GET", "/readyz")).toMatchObject({
      status: 200,
      json: { ready: true, checks: { config: { ok: true, detail: "loaded" } } },
    });
    const notReady = { ready: false, checks: { balances: { ok: false, detail: "checking is 25m old" } } };
    h.setReady(notReady);
    expect(await call("GET", "/readyz")).toMatchObject({ status: 503, json: notReady });
  });

  it("GET /metrics is Prometheus text with the design's names", async () => {
    h.metrics.firings.inc({ trigger: "payday", outcome: "accepted" });
    h.metrics.balanceAge.set({ account: "checking" }, 12);
    h.metrics.sequenceRequests.inc({ op: "triggerRule", status: "200" });
    h.metrics.missedOccurrences.inc({ trigger: "payday", policy: "skip" });
    h.metrics.configLastReloadSuccessful.set(1);
    h.balances.set("checking", 1);
    h.balances.set("savings", 1);
    await request(`${h.server.url}/amount/top-up?token=wrong`).then((res) => res.body.dump());
    const res = await call("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    const names = new Set(parsePrometheusText(res.text).map((sample) => sample.name));
    for (const name of [
      "seqd_firings_total",
      "seqd_amount_requests_total",
      "seqd_amount_request_duration_seconds_bucket",
      "seqd_balance_age_seconds",
      "seqd_sequence_requests_total",
      "seqd_missed_occurrences_total",
      "seqd_config_last_reload_successful",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("answers unknown routes and wrong methods with 404 JSON", async () => {
    for (const [method, path] of [
      ["GET", "/nope"],
      ["DELETE", "/healthz"],
      ["GET", "/admin/reload"],
    ] as const) {
      expect(await call(method, path)).toMatchObject({
        status: 404,
        contentType: expect.stringContaining("application/json"),
        json: { error: { code: "not_found", message: expect.any(String) } },
      });
    }
  });
});

describe("admin routes", () => {
  it("do not exist without hooks (404), whatever the token", async () => {
    expect((await call("POST", "/admin/reload", auth())).status).toBe(404);
    expect((await call("POST", "/admin/triggers/payday/fire", auth())).status).toBe(404);
  });

  it("answer 401 JSON to a missing, malformed or wrong token, and call nothing", async () => {
    const admin = hooks({ ok: true, hash: "h", changed: false, message: "" }, fireBy);
    h.setAdmin(admin);
    const bad = [
      {},
      { authorization: ADMIN_TOKEN },
      { authorization: "Basic YWRtaW46YWRtaW4=" },
      auth("wrong"),
      auth(`${ADMIN_TOKEN}x`),
      auth(ADMIN_TOKEN.replace(/.$/, "Y")),
    ];
    for (const headers of bad) {
      for (const path of ["/admin/reload", "/admin/triggers/payday/fire"]) {
        expect(await call("POST", path, headers)).toMatchObject({
          status: 401,
          json: { error: { code: "unauthorized", message: expect.any(String) } },
        });
      }
    }
    expect(admin.calls).toEqual([]);
  });

  it("POST /admin/reload answers 200 when the new config is live", async () => {
    const admin = hooks(
      { ok: true, hash: "abc123", changed: true, message: "config abc123 is live" },
      fireBy,
    );
    h.setAdmin(admin);
    expect(await call("POST", "/admin/reload", auth())).toMatchObject({
      status: 200,
      json: { ok: true, hash: "abc123", changed: true, message: "config abc123 is live" },
    });
    expect(admin.calls).toEqual(["reload"]);
  });

  it("POST /admin/reload answers 422 with the positioned errors when refused", async () => {
    const errors = ['seqd.yaml:4:7: unknown account "chekcing" (did you mean "checking"?)'];
    h.setAdmin(hooks({ ok: false, errors, message: "reload refused; the old config keeps running" }, fireBy));
    expect(await call("POST", "/admin/reload", auth())).toMatchObject({
      status: 422,
      json: { error: { code: "reload_refused", message: expect.stringContaining("refused"), errors } },
    });
  });

  const fires = [
    ["payday", 200],
    ["missing", 404],
    ["guarded", 409],
    ["refused", 503],
  ] as const;
  for (const [id, status] of fires) {
    it(`POST /admin/triggers/${id}/fire answers ${status}`, async () => {
      const admin = hooks({ ok: true, hash: "h", changed: false, message: "" }, fireBy);
      h.setAdmin(admin);
      const res = await call("POST", `/admin/triggers/${id}/fire`, auth());
      expect(res.status).toBe(status);
      if (status === 200) expect(res.json).toEqual(FIRED);
      else
        expect(res.json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(admin.calls).toEqual([`fire ${id}`]);
    });
  }

  it("never logs the admin token", async () => {
    h.setAdmin(hooks({ ok: true, hash: "h", changed: false, message: "ok" }, fireBy));
    await call("POST", "/admin/reload", auth());
    await call("POST", "/admin/reload", auth("wrong"));
    expect(h.log.text()).not.toContain(ADMIN_TOKEN);
  });
});

describe("parsePrometheusText", () => {
  it("rejects what is not exposition text", () => {
    expect(() => parsePrometheusText("# TYPE a counter\na 1")).toThrow("newline");
    expect(() => parsePrometheusText("a 1\n")).toThrow("before its TYPE");
    expect(() => parsePrometheusText("# TYPE a counter\na{b=c} 1\n")).toThrow("not a Prometheus line");
    expect(() => parsePrometheusText("# TYPE a counter\n# TYPE a counter\n")).toThrow("second TYPE");
    expect(parsePrometheusText('# TYPE a counter\na_total{b="c"} 1.5\n')).toEqual([
      { name: "a_total", labels: { b: "c" }, value: 1.5 },
    ]);
  });
});
