import { StoreError, type StoreErrorCode } from "../errors.js";

/** Exact SQLSTATEs that decide the code before their class does. */
const BY_SQLSTATE: Readonly<Record<string, StoreErrorCode>> = {
  "25006": "READ_ONLY", // read_only_sql_transaction: a hot standby, or default_transaction_read_only
  "42501": "READ_ONLY", // insufficient_privilege: the role may read but not write
  "53100": "DISK_FULL",
  XX001: "CORRUPT", // data_corrupted
  XX002: "CORRUPT", // index_corrupted
  "55P03": "LOCKED", // lock_not_available
  "57014": "UNAVAILABLE", // query_canceled (statement_timeout)
  "3D000": "UNAVAILABLE", // the database does not exist
};

/** SQLSTATE classes (first two characters). */
const BY_CLASS: Readonly<Record<string, StoreErrorCode>> = {
  "08": "UNAVAILABLE", // connection exception
  "23": "CONSTRAINT", // integrity constraint violation
  "28": "UNAVAILABLE", // invalid authorization
  "40": "LOCKED", // serialization failure, deadlock
  "53": "UNAVAILABLE", // insufficient resources
  "57": "UNAVAILABLE", // operator intervention (shutdown, cannot connect now)
  "58": "IO", // system error
};

/** Socket-level failures from Node or pg before any SQLSTATE exists. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);

const NETWORK_MESSAGE = /connection terminated|timeout exceeded when trying to connect|not queryable/i;

/**
 * Turns whatever pg threw into a `StoreError` quoting the redacted location and SQLSTATE.
 * pg's own messages never contain the password.
 */
export function fromPostgresError(error: unknown, location: string): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    const mapped = BY_SQLSTATE[code] ?? BY_CLASS[code.slice(0, 2)] ?? "INTERNAL";
    return new StoreError(mapped, `${location}: ${message} (SQLSTATE ${code})`, { cause: error });
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || NETWORK_MESSAGE.test(message)) {
    return new StoreError("UNAVAILABLE", `${location}: ${message}`, { cause: error });
  }
  return new StoreError("INTERNAL", `${location}: ${message}`, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
