import type { Context, Hono } from "hono";
import { isValidKey } from "../engine/idempotency.js";
import type { TriggerEvent } from "../events.js";
import type { Runtime } from "../runtime.js";
import { bearer, bodyPreview, faultAnswer, json, jsonText, LEGACY_ERRORS, secretMatches } from "./respond.js";

/** Both trigger paths: the one every client uses and the one the help article shows. */
export const TRIGGER_PATHS = ["/remote-api/rules/:ruleId/trigger", "/rules/:ruleId/trigger"] as const;

type Answer = Pick<TriggerEvent, "outcome" | "requestId"> &
  Partial<Pick<TriggerEvent, "executionId" | "retryAfterSeconds">> & { response: Response; body: string };

/**
 * `POST …/rules/:ruleId/trigger`: checks the rule secret, dedupes by `idempotency-key`,
 * applies the per-rule rate limit, answers 200 and runs the rule afterwards.
 */
export function registerTriggerRoutes(app: Hono, runtime: Runtime): void {
  for (const path of TRIGGER_PATHS) {
    app.post(path, async (c) => {
      const ruleId = c.req.param("ruleId") ?? "";
      const key = c.req.header("idempotency-key") || null;
      const event = {
        ruleId,
        idempotencyKey: key,
        path: c.req.path,
        body: await bodyPreview(c),
      };
      const plan = runtime.faults.evaluate({ route: "trigger", ruleId });
      if (plan.latencyMs > 0) await runtime.delay(plan.latencyMs);
      const fault = plan.replace;
      if (fault && !fault.processed) {
        const wouldBe = successBody(ruleId, runtime.newId());
        const replaced = faultAnswer(c, fault, wouldBe);
        runtime.events.record({
          ...event,
          type: "trigger",
          outcome: "fault",
          requestId: null,
          status: replaced.status,
          fault: fault.kind,
          faultId: fault.id,
        });
        return replaced.response;
      }
      const answer = handle(c, runtime, ruleId, key);
      const replaced = fault ? faultAnswer(c, fault, answer.body) : null;
      const { response: _response, body: _body, ...fields } = answer;
      runtime.events.record({
        ...event,
        type: "trigger",
        ...fields,
        status: replaced ? replaced.status : answer.response.status,
        ...(fault ? { fault: fault.kind, faultId: fault.id } : {}),
      });
      return replaced ? replaced.response : answer.response;
    });
  }
}

function handle(c: Context, runtime: Runtime, ruleId: string, key: string | null): Answer {
  const given = bearer(c.req.header("x-sequence-signature"));
  if (given === null) return refuse(401, LEGACY_ERRORS.invalidApiSecret, "unauthorized");
  const rule = runtime.state.rules.find((r) => r.id === ruleId);
  if (!rule?.apiTrigger) return refuse(400, LEGACY_ERRORS.invalidRequest, "invalid");
  if (!secretMatches(given, rule.secret)) return refuse(401, LEGACY_ERRORS.invalidApiSecret, "unauthorized");
  const policy = runtime.state.idempotency;
  if (key !== null && !isValidKey(key, policy.keyFormat))
    return refuse(400, LEGACY_ERRORS.invalidRequest, "invalid");
  const nowMs = runtime.clock.now().getTime();
  const earlier = key === null ? undefined : runtime.idempotency.lookup(ruleId, key, nowMs);
  if (earlier) {
    const response =
      policy.duplicate === "replay" ? jsonText(200, earlier.body) : json(409, LEGACY_ERRORS.duplicateRequest);
    return {
      outcome: "deduplicated",
      requestId: earlier.requestId,
      executionId: earlier.executionId,
      response,
      body: earlier.body,
    };
  }
  if (rule.rateLimit) {
    const decision = runtime.limiter.check(ruleId, rule.rateLimit, nowMs);
    if (!decision.ok) {
      const body = JSON.stringify({
        code: "TOO_MANY_REQUESTS",
        message: `Rule with id ${ruleId} has been triggered too many times. Please try again later.`,
      });
      const seconds = decision.retryAfterSeconds;
      const headers: Record<string, string> = seconds === null ? {} : { "retry-after": String(seconds) };
      return {
        outcome: "rate_limited",
        requestId: null,
        ...(seconds === null ? {} : { retryAfterSeconds: seconds }),
        response: jsonText(429, body, headers),
        body,
      };
    }
    runtime.limiter.record(ruleId, nowMs);
  }
  const requestId = runtime.newId();
  const execution = runtime.executor.enqueue(rule, { requestId, idempotencyKey: key });
  const body = successBody(ruleId, requestId);
  if (key !== null) {
    runtime.idempotency.remember(ruleId, key, {
      body,
      requestId,
      executionId: execution.id,
      storedAtMs: nowMs,
    });
  }
  return { outcome: "executed", requestId, executionId: execution.id, response: jsonText(200, body), body };
}

function refuse(status: number, error: object, outcome: "unauthorized" | "invalid"): Answer {
  const body = JSON.stringify(error);
  return { outcome, requestId: null, response: jsonText(status, body), body };
}

/** The exact 200 body of an accepted trigger. */
export function successBody(ruleId: string, requestId: string): string {
  return JSON.stringify({
    code: "OK",
    message: `Rule with id ${ruleId} has been triggered`,
    data: { requestId },
  });
}
