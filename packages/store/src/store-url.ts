import { isAbsolute, resolve } from "node:path";
import { StoreError } from "./errors.js";

/** Where a store URL points, after parsing. `location` is safe to log. */
export type StoreTarget =
  | { kind: "sqlite"; file: string; location: string }
  | { kind: "postgres"; connectionString: string; schema: string | undefined; location: string };

const MEMORY = ":memory:";
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Parses `sqlite:<path>` (relative to `cwd`), `sqlite::memory:`, `postgres://…` or
 * `postgresql://…` (optionally `?schema=name`).
 *
 * @example parseStoreUrl("sqlite:./seqd.db", { cwd: "/srv" }) // { kind: "sqlite", file: "/srv/seqd.db", … }
 */
export function parseStoreUrl(url: string, options: { cwd: string; schema?: string }): StoreTarget {
  const text = url.trim();
  if (text.startsWith("sqlite:")) return parseSqlite(text.slice("sqlite:".length), options.cwd);
  if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
    return parsePostgres(text, options.schema);
  }
  throw new StoreError(
    "INVALID_URL",
    `unsupported store URL "${redactStoreUrl(text)}": use sqlite:<path> (e.g. sqlite:./seqd.db), sqlite::memory: or postgres://user@host/db`,
  );
}

function parseSqlite(path: string, cwd: string): StoreTarget {
  if (path === MEMORY) return { kind: "sqlite", file: MEMORY, location: "sqlite::memory:" };
  if (path === "") {
    throw new StoreError("INVALID_URL", `store URL "sqlite:" names no file: write sqlite:./seqd.db`);
  }
  if (path.startsWith("//")) {
    throw new StoreError(
      "INVALID_URL",
      `store URL "sqlite:${path}" is ambiguous: write sqlite:/absolute/path.db or sqlite:./relative.db`,
    );
  }
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  return { kind: "sqlite", file, location: `sqlite:${file}` };
}

function parsePostgres(text: string, schemaOption: string | undefined): StoreTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new StoreError("INVALID_URL", `malformed Postgres URL "${redactStoreUrl(text)}"`, { cause });
  }
  const fromUrl = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  if (fromUrl !== undefined && schemaOption !== undefined && fromUrl !== schemaOption) {
    throw new StoreError(
      "INVALID_URL",
      `schema "${schemaOption}" conflicts with ?schema=${fromUrl} in the store URL: give one`,
    );
  }
  const schema = schemaOption ?? fromUrl;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      "INVALID_URL",
      `invalid Postgres schema name "${schema}": use letters, digits and _ (not starting with a digit)`,
    );
  }
  const connectionString = url.toString();
  const location = redactStoreUrl(schema === undefined ? connectionString : withSchema(url, schema));
  return { kind: "postgres", connectionString, schema, location };
}

function withSchema(url: URL, schema: string): string {
  const copy = new URL(url.toString());
  copy.searchParams.set("schema", schema);
  return copy.toString();
}

/**
 * Removes passwords from a URL-like string (`user:secret@` and `password=` parameters) so it
 * can be logged or quoted in an error.
 */
export function redactStoreUrl(url: string): string {
  return url.replace(/(\/\/[^/:@\s]*):[^?#\s]*@/, "$1:***@").replace(/([?&]password=)[^&\s]*/gi, "$1***");
}
