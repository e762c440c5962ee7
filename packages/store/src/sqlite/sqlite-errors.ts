import { StoreError, type StoreErrorCode } from "../errors.js";

/**
 * SQLite primary result codes (better-sqlite3 reports extended ones such as
 * `SQLITE_READONLY_DBMOVED`; the prefix decides) → store codes.
 */
const BY_PRIMARY_CODE: Readonly<Record<string, StoreErrorCode>> = {
  SQLITE_READONLY: "READ_ONLY",
  SQLITE_PERM: "READ_ONLY",
  SQLITE_FULL: "DISK_FULL",
  SQLITE_CORRUPT: "CORRUPT",
  SQLITE_NOTADB: "CORRUPT",
  SQLITE_BUSY: "LOCKED",
  SQLITE_LOCKED: "LOCKED",
  SQLITE_PROTOCOL: "LOCKED",
  SQLITE_CANTOPEN: "UNAVAILABLE",
  SQLITE_IOERR: "IO",
  SQLITE_CONSTRAINT: "CONSTRAINT",
};

/**
 * Turns whatever better-sqlite3 threw into a `StoreError`, quoting the (secret-free)
 * location and the SQLite code so an operator can act on it.
 */
export function fromSqliteError(error: unknown, location: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) {
    return new StoreError(codeFromMessage(message), `${location}: ${message}`, { cause: error });
  }
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
  return new StoreError(BY_PRIMARY_CODE[primary] ?? "INTERNAL", `${location}: ${message} (${code})`, {
    cause: error,
  });
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

/** better-sqlite3 reports a few failures as plain TypeErrors, recognisable only by message. */
function codeFromMessage(message: string): StoreErrorCode {
  if (/connection is not open/i.test(message)) return "CLOSED";
  if (/directory does not exist|unable to open/i.test(message)) return "UNAVAILABLE";
  return "INTERNAL";
}
