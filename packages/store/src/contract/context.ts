import type { Clock, FakeClock } from "@seqd/core";
import { expect } from "vitest";
import { StoreError, type StoreErrorCode } from "../errors.js";
import type { Store } from "../store.js";
import type { ClaimFiringInput } from "../types.js";

/** One fresh database for one test, and the ways to reach it. */
export interface StoreHarness {
  open(options: { clock: Clock; readOnly?: boolean }): Promise<Store>;
  /** Runs SQL on the database behind the store's back (to tamper with it); shared harnesses only. */
  raw(sql: string): Promise<Record<string, unknown>[]>;
  /** Deletes the database. */
  destroy(): Promise<void>;
}

/** What each contract section gets: the current test's store, clock and harness. */
export interface ContractContext {
  /** True when a second `open` reaches the same database (false for `sqlite::memory:`). */
  readonly shared: boolean;
  readonly store: Store;
  readonly clock: FakeClock;
  readonly harness: StoreHarness;
  /** Opens another store on the same database; closed after the test. */
  open(options?: { clock?: Clock; readOnly?: boolean }): Promise<Store>;
}

/** Where every contract test's fake clock starts. */
export const CONTRACT_START = "2026-03-01T12:00:00.000Z";

/** A valid claim, with overrides. */
export function claimInput(overrides: Partial<ClaimFiringInput> = {}): ClaimFiringInput {
  return {
    triggerId: "payday-sweep",
    occurrence: "2026-03-01T15:00:00.000Z",
    idempotencyKey: "payday-sweep:20260301T1500",
    ruleId: "sweep-to-savings",
    configHash: "cfg-1",
    ...overrides,
  };
}

/** Awaits a rejection and checks it is a `StoreError` with `code`. */
export async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

/** `ms` milliseconds after {@link CONTRACT_START}. */
export function at(ms: number): Date {
  return new Date(Date.parse(CONTRACT_START) + ms);
}
