import { createPrng, type Prng } from "../prng.js";
import type { FaultSpec } from "../state/types.js";

/** A fault in force: its spec plus an id and how often it has struck. */
export interface ActiveFault extends FaultSpec {
  id: string;
  applied: number;
  /** Strikes left before it recovers; null = no limit. */
  remaining: number | null;
}

/** What the faults decided for one request. */
export interface FaultPlan {
  latencyMs: number;
  /** The first `status`/`reset`/`malformed` fault that struck: it replaces the answer. */
  replace: ActiveFault | null;
  /** `nullBalance`/`legacyShape` faults that struck: they reshape a successful accounts answer. */
  reshape: ActiveFault[];
  latency: ActiveFault[];
}

export interface FaultRegistry {
  add(spec: FaultSpec): ActiveFault;
  remove(id: string): boolean;
  clear(): void;
  list(): ActiveFault[];
  /** Decides which faults strike a request now; consumes `times` and PRNG draws. */
  evaluate(request: { route: "accounts" | "trigger"; ruleId: string | null }): FaultPlan;
}

/** A registry whose probabilistic faults draw from a PRNG seeded with `seed`. */
export function createFaultRegistry(seed: number): FaultRegistry {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  const prng: Prng = createPrng(seed);
  const strikes = (fault: ActiveFault): boolean => {
    if (fault.remaining === 0) return false;
    if (fault.probability < 1 && prng.next() >= fault.probability) return false;
    fault.applied += 1;
    if (fault.remaining !== null) fault.remaining -= 1;
    return true;
  };
  return {
    add(spec) {
      const fault: ActiveFault = { ...spec, id: `f${nextId++}`, applied: 0, remaining: spec.times };
      faults.push(fault);
      return fault;
    },
    remove(id) {
      const before = faults.length;
      faults = faults.filter((fault) => fault.id !== id);
      return faults.length < before;
    },
    clear() {
      faults = [];
    },
    list: () => faults.map((fault) => ({ ...fault })),
    evaluate({ route, ruleId }) {
      const plan: FaultPlan = { latencyMs: 0, replace: null, reshape: [], latency: [] };
      for (const fault of faults) {
        if (fault.route !== "any" && fault.route !== route) continue;
        if (fault.ruleId !== null && fault.ruleId !== ruleId) continue;
        switch (fault.kind) {
          case "latency":
            if (strikes(fault)) {
              plan.latencyMs += fault.latencyMs;
              plan.latency.push(fault);
            }
            break;
          case "status":
          case "reset":
          case "malformed":
            // Only one fault can replace the answer; later ones keep their count for later requests.
            if (plan.replace === null && strikes(fault)) plan.replace = fault;
            break;
          case "nullBalance":
          case "legacyShape":
            if (strikes(fault)) plan.reshape.push(fault);
            break;
        }
      }
      return plan;
    },
  };
}
