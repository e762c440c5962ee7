/** 401 answers in a row, per rule, that open its circuit. */
export const CIRCUIT_OPEN_AFTER_401S = 2;

/**
 * Per-rule circuit for rejected secrets. Two 401s in a row for one rule mean its secret is
 * wrong or revoked; calling again only repeats the refusal (and may look like an attack to
 * Sequence). While open, the rule's firings are recorded `failed` (reason `circuit_open`)
 * without calling Sequence. It closes on a changed rule config (reload) or an operator reset.
 */
export interface RuleCircuit {
  /** Records a 401; true when this one opened the circuit. */
  recordUnauthorized(ruleId: string): boolean;
  /** Any answer that passed authentication (2xx, 409, 429, 5xx…) clears the count. */
  recordAuthenticated(ruleId: string): void;
  isOpen(ruleId: string): boolean;
  /** Closes the circuit and clears the count; true when it was open. */
  reset(ruleId: string): boolean;
  /** Rules whose circuit is open. */
  open(): string[];
}

/** Creates an all-closed {@link RuleCircuit}. */
export function createRuleCircuit(threshold = CIRCUIT_OPEN_AFTER_401S): RuleCircuit {
  const counts = new Map<string, number>();
  const opened = new Set<string>();
  return {
    recordUnauthorized(ruleId) {
      const count = (counts.get(ruleId) ?? 0) + 1;
      counts.set(ruleId, count);
      if (count < threshold || opened.has(ruleId)) return false;
      opened.add(ruleId);
      return true;
    },
    recordAuthenticated(ruleId) {
      counts.delete(ruleId);
    },
    isOpen: (ruleId) => opened.has(ruleId),
    reset(ruleId) {
      counts.delete(ruleId);
      return opened.delete(ruleId);
    },
    open: () => [...opened],
  };
}
