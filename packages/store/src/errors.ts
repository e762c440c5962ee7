/**
 * Every failure the store reports carries one of these codes. The table is closed:
 * callers switch on it exhaustively (see {@link isRetryableStoreError}).
 */
export const STORE_ERROR_CODES = [
  /** The store URL is malformed or names an unsupported backend. */
  "INVALID_URL",
  /** A caller passed a value the store refuses to persist (empty id, fractional cents…). */
  "INVALID_INPUT",
  /** A firing status change that is never legal (from a terminal status, or skipping `sent`). */
  "INVALID_TRANSITION",
  /** A referenced row does not exist (e.g. marking an unknown config snapshot as last known good). */
  "NOT_FOUND",
  /** A write carried a fencing token older than the lease's current one: this instance was deposed. */
  "FENCED",
  /** The store was closed. */
  "CLOSED",
  /** The database refuses writes (read-only file or mount, hot standby, read-only open). */
  "READ_ONLY",
  /** The disk or the database's size limit is full. */
  "DISK_FULL",
  /** The database file or an index is damaged, or the file is not a database. */
  "CORRUPT",
  /** Another connection holds a lock for longer than the busy timeout; or a deadlock/serialization abort. */
  "LOCKED",
  /** The database cannot be reached or opened (connection refused, missing directory, auth, shutdown). */
  "UNAVAILABLE",
  /** A database constraint rejected a write outside the cases the store handles itself. */
  "CONSTRAINT",
  /** The schema cannot be brought to the version this code needs (newer schema, failed migration). */
  "MIGRATION",
  /** The operating system reported an I/O error. */
  "IO",
  /** Anything else: a bug in seqd or an unexpected database answer. */
  "INTERNAL",
] as const;

/** One of {@link STORE_ERROR_CODES}. */
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/**
 * The one error class `@seqd/store` throws. Messages never contain secrets (store URLs
 * are redacted before they are quoted).
 *
 * @example
 * try { await store.claimFiring(input) } catch (e) {
 *   if (e instanceof StoreError && e.code === "READ_ONLY") refuseToFire(e.message);
 * }
 */
export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Whether retrying the same operation later can succeed without anyone fixing anything:
 * lock contention and lost connections clear up; a full disk or a corrupt file do not.
 */
export function isRetryableStoreError(code: StoreErrorCode): boolean {
  switch (code) {
    case "LOCKED":
    case "UNAVAILABLE":
      return true;
    case "INVALID_URL":
    case "INVALID_INPUT":
    case "INVALID_TRANSITION":
    case "NOT_FOUND":
    case "FENCED":
    case "CLOSED":
    case "READ_ONLY":
    case "DISK_FULL":
    case "CORRUPT":
    case "CONSTRAINT":
    case "MIGRATION":
    case "IO":
    case "INTERNAL":
      return false;
    default:
      return assertNever(code);
  }
}

/** Compile-time exhaustiveness for switches over closed tables. */
export function assertNever(value: never): never {
  throw new StoreError("INTERNAL", `unhandled case: ${String(value)}`);
}
