import { open } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { Secret } from "@seqd/core";
import {
  type Config,
  type ConfigIssue,
  createIssue,
  listSecretRefs,
  type SecretRef,
} from "@seqd/rules-engine";

/** A secret file is a token, not a document: anything larger is a mistake. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

export interface ResolveSecretsOptions {
  /** The directory config paths are relative to; `{ file }` refs resolve against their config file's directory. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export type ResolveSecretsResult =
  | { ok: true; secrets: Map<string, Secret> }
  | { ok: false; issues: ConfigIssue[] };

/**
 * Resolves every secret reference of a config: `{ env: NAME }` must be set and non-empty;
 * `{ file: path }` (relative to the config file that names it) must be a readable,
 * non-empty file, read without its trailing newline. Problems are positioned at the
 * reference and name the variable or file; no message ever contains a secret's value.
 */
export async function resolveSecrets(
  config: Config,
  options: ResolveSecretsOptions,
): Promise<ResolveSecretsResult> {
  const secrets = new Map<string, Secret>();
  const issues: ConfigIssue[] = [];
  for (const { field, ref } of listSecretRefs(config)) {
    const resolved = ref.kind === "env" ? fromEnv(ref.name, options.env) : await fromFile(ref, options.cwd);
    if ("problem" in resolved) {
      issues.push(createIssue("unresolved-secret", ref.pos, `${field}: ${resolved.problem}`, resolved.hint));
    } else {
      secrets.set(field, new Secret(resolved.value));
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, secrets };
}

type Resolved = { value: string } | { problem: string; hint?: string };

function fromEnv(name: string, env: ResolveSecretsOptions["env"]): Resolved {
  const value = env[name];
  if (value === undefined) {
    return {
      problem: `environment variable ${name} is not set`,
      hint: `export ${name} in the daemon's environment`,
    };
  }
  if (value.trim() === "") return { problem: `environment variable ${name} is empty` };
  return { value };
}

async function fromFile(ref: Extract<SecretRef, { kind: "file" }>, cwd: string): Promise<Resolved> {
  const path = resolve(cwd, dirname(ref.pos.file), ref.path);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const info = await handle.stat();
    if (info.isDirectory()) return { problem: `secret file ${ref.path} is a directory` };
    if (info.size > MAX_SECRET_FILE_BYTES) {
      return { problem: `secret file ${ref.path} is ${info.size} bytes; a secret is at most 64 KiB` };
    }
    const text = (await handle.readFile("utf8")).replace(/\r?\n$/, "");
    if (text.trim() === "") return { problem: `secret file ${ref.path} is empty` };
    return { value: text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return {
        problem: `secret file ${ref.path} does not exist`,
        hint: `looked for ${shown(cwd, path)} (relative paths start at the config file's directory)`,
      };
    }
    if (code === "EACCES" || code === "EPERM")
      return { problem: `secret file ${ref.path} cannot be read: permission denied` };
    if (code === "EISDIR") return { problem: `secret file ${ref.path} is a directory` };
    return { problem: `secret file ${ref.path} cannot be read (${code ?? "error"})` };
  } finally {
    await handle?.close();
  }
}

/** A path as the user sees it: relative to the working directory when inside it. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
