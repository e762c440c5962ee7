import { readFile } from "node:fs/promises";

/** Something captured during a run: a log, a CLI's output, a webhook body, a metrics page, a file. */
export interface LeakSource {
  /** What it is, for the report (`log`, `webhook #2`, `seqd.db-wal`). */
  name: string;
  content: string | Uint8Array;
}

/** The encodings a secret is looked for in. */
export type LeakForm = "plain" | "url-encoded" | "base64" | "base64url" | "hex";

/** One place a secret showed up. The secret is named by its label, never quoted. */
export interface LeakHit {
  source: string;
  secret: string;
  form: LeakForm;
  /** Byte offset of the match in the source. */
  offset: number;
}

/** A secret to look for: its value, and a label that is safe to print. */
export interface DistinctiveSecret {
  label: string;
  value: string;
}

interface Needle {
  form: LeakForm;
  bytes: Buffer;
}

/**
 * The byte strings that betray `value`: itself, URL-encoded, hex, and base64/base64url at each
 * of the three alignments it can start at inside a longer encoded text (the characters that
 * depend on neighbouring bytes are cut off).
 */
export function secretNeedles(value: string): { form: LeakForm; text: string }[] {
  const raw = Buffer.from(value, "utf8");
  const forms: { form: LeakForm; text: string }[] = [{ form: "plain", text: value }];
  const encoded = encodeURIComponent(value);
  if (encoded !== value) forms.push({ form: "url-encoded", text: encoded });
  forms.push({ form: "hex", text: raw.toString("hex") });
  for (const [form, encoding] of [
    ["base64", "base64"],
    ["base64url", "base64url"],
  ] as const) {
    for (let shift = 0; shift < 3; shift++) {
      const text = Buffer.concat([Buffer.alloc(shift), raw])
        .toString(encoding)
        .replace(/=+$/, "");
      // Characters that mix in the padding bytes before or the unknown bytes after are not stable.
      const start = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
      const stableEnd = Math.floor(((shift + raw.length) * 8) / 6);
      const stable = text.slice(start, stableEnd);
      // Too short a fragment would match by chance; distinctive secrets are long.
      if (stable.length >= 8) forms.push({ form, text: stable });
    }
  }
  return dedupe(forms);
}

function dedupe(forms: { form: LeakForm; text: string }[]): { form: LeakForm; text: string }[] {
  const seen = new Set<string>();
  return forms.filter((form) => !seen.has(form.text) && seen.add(form.text));
}

/**
 * Looks for every secret, in every form, in every source (text or raw bytes: the SQLite file is
 * scanned as bytes). Zero hits is the pass condition of every reliability suite.
 *
 * @example
 * const hits = scanForSecrets([{ label: "rule secret", value: "rs-7f3c…" }], [{ name: "log", content: logText }]);
 * expect(hits).toEqual([]);
 */
export function scanForSecrets(
  secrets: readonly DistinctiveSecret[],
  sources: readonly LeakSource[],
): LeakHit[] {
  const needles = secrets.map((secret) => ({
    label: secret.label,
    needles: secretNeedles(secret.value).map(
      (needle): Needle => ({ form: needle.form, bytes: Buffer.from(needle.text, "utf8") }),
    ),
  }));
  const hits: LeakHit[] = [];
  for (const source of sources) {
    const haystack =
      typeof source.content === "string" ? Buffer.from(source.content, "utf8") : source.content;
    const bytes = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
    for (const secret of needles) {
      for (const needle of secret.needles) {
        const offset = bytes.indexOf(needle.bytes);
        if (offset >= 0) hits.push({ source: source.name, secret: secret.label, form: needle.form, offset });
      }
    }
  }
  return hits;
}

/** Reads files as leak sources; a missing file (no WAL yet) is skipped. */
export async function fileLeakSources(paths: readonly string[]): Promise<LeakSource[]> {
  const sources: LeakSource[] = [];
  for (const path of paths) {
    try {
      sources.push({ name: path, content: await readFile(path) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return sources;
}

/** A SQLite store's files: the database, its WAL and shared-memory index. */
export function sqliteFiles(databasePath: string): string[] {
  return [databasePath, `${databasePath}-wal`, `${databasePath}-shm`];
}

/**
 * Secret values no real text contains by chance, unique per run, so a hit is always a leak.
 *
 * @example distinctiveSecret("rule") // "rule-LEAKCANARY-3f9a1c…"
 */
export function distinctiveSecret(label: string, random: () => number): DistinctiveSecret {
  let tail = "";
  for (let i = 0; i < 24; i++) tail += "abcdefghjkmnpqrstuvwxyz23456789"[Math.floor(random() * 31)];
  return { label, value: `${label}-LEAKCANARY-${tail}` };
}
