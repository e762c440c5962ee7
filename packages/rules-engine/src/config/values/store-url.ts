export type StoreUrlCheck =
  | { ok: true; kind: "sqlite" | "postgres"; hasPassword: boolean }
  | { ok: false; message: string; hint?: string };

/**
 * Checks a store URL: `sqlite:<path>` (`sqlite::memory:` for tests) or `postgres://…` /
 * `postgresql://…`. Never echoes a Postgres URL, which may carry a password.
 */
export function checkStoreUrl(text: string): StoreUrlCheck {
  if (text.startsWith("sqlite:")) {
    if (text.length === "sqlite:".length) {
      return { ok: false, message: "the sqlite URL has no path", hint: "write sqlite:./seqd.db" };
    }
    return { ok: true, kind: "sqlite", hasPassword: false };
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    try {
      const url = new URL(text);
      return { ok: true, kind: "postgres", hasPassword: url.password !== "" };
    } catch {
      return {
        ok: false,
        message: "the postgres URL is malformed",
        hint: "postgres://user@host:5432/db",
      };
    }
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  return {
    ok: false,
    message: scheme ? `the scheme "${scheme}:" is not supported` : "not a store URL",
    hint: "write sqlite:./seqd.db (embedded) or postgres://user@host:5432/db (HA)",
  };
}
