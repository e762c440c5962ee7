import { StoreError } from "./errors.js";

/**
 * The life of a firing. `claimed` is written before anything is sent; `sent` is written
 * before each HTTP request may leave, so a restart knows whether Sequence could have seen it.
 */
export const FIRING_STATUSES = [
  "claimed",
  "sent",
  "accepted",
  "failed",
  "ambiguous",
  "missed",
  "skipped",
  "dry-run",
] as const;

/** One of {@link FIRING_STATUSES}. */
export type FiringStatus = (typeof FIRING_STATUSES)[number];

/** Statuses a firing can be created with: `claimed` to fire, or a record-only decision. */
export const CLAIM_STATUSES = ["claimed", "missed", "skipped", "dry-run"] as const;

/** One of {@link CLAIM_STATUSES}. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Statuses that still need work after a restart (resend with the same key, or mark ambiguous). */
export const UNFINISHED_STATUSES = ["claimed", "sent"] as const satisfies readonly FiringStatus[];

/**
 * Statuses counted by `countFired` (the `maxPerDay` guard): everything that may have moved
 * money. `ambiguous` counts because Sequence may have executed it; `failed` does not because a
 * definite 4xx means nothing moved.
 */
export const MAY_HAVE_MOVED_MONEY = [
  "claimed",
  "sent",
  "accepted",
  "ambiguous",
] as const satisfies readonly FiringStatus[];

/** Statuses that require a `reason` (what was decided and why). */
export const REASON_REQUIRED: ReadonlySet<FiringStatus> = new Set<FiringStatus>(["missed", "skipped"]);

/**
 * Legal moves. Nothing leaves a terminal status. `claimed` cannot jump to `accepted`: a request
 * may only go out after `sent` is durable, otherwise a crash mid-call would look "never sent".
 */
const TRANSITIONS: Readonly<Record<FiringStatus, readonly FiringStatus[]>> = {
  claimed: ["sent", "failed", "skipped", "missed", "ambiguous"],
  sent: ["accepted", "failed", "ambiguous"],
  accepted: [],
  failed: [],
  ambiguous: [],
  missed: [],
  skipped: [],
  "dry-run": [],
};

/** Whether a firing in this status is finished for good. */
export function isTerminalStatus(status: FiringStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Whether `from → to` is ever legal. */
export function canTransition(from: FiringStatus, to: FiringStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `INVALID_TRANSITION` unless every `from → to` pair is legal. */
export function assertTransitions(from: readonly FiringStatus[], to: FiringStatus): void {
  if (from.length === 0) {
    throw new StoreError("INVALID_TRANSITION", `transition to "${to}" names no "from" status`);
  }
  for (const status of from) {
    if (!isFiringStatus(status)) {
      throw new StoreError("INVALID_TRANSITION", `unknown firing status "${String(status)}"`);
    }
    if (!canTransition(status, to)) {
      const allowed = TRANSITIONS[status];
      const hint =
        allowed.length === 0 ? `"${status}" is terminal` : `"${status}" may move to ${allowed.join(", ")}`;
      throw new StoreError("INVALID_TRANSITION", `illegal firing transition ${status} → ${to} (${hint})`);
    }
  }
}

/** Narrows an unknown value (e.g. a database column) to a firing status. */
export function isFiringStatus(value: unknown): value is FiringStatus {
  return typeof value === "string" && (FIRING_STATUSES as readonly string[]).includes(value);
}
