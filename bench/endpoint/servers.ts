/**
 * The servers the endpoint suite loads, as data. Each entry says how to start
 * it, when it is ready and which request to send; the suite adds pinning,
 * priority, warm-up, rounds and measurement.
 *
 * seqd's entry (role "seqd") runs the real `seqd run` on a bench config
 * (bench/endpoint/seqd-server.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HttpRequestSpec } from "../lib/http.js";
import { launchSeqd } from "./seqd-server.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const BEARER = "tok-0123456789abcdef0123456789abcdef";

/**
 * The request every server gets, byte for byte: what Sequence's amount
 * callback looks like (a small JSON body and a bearer token in the
 * `x-sequence-signature` header). The anchors ignore the token; seqd checks it.
 */
export const AMOUNT_REQUEST = {
  method: "POST",
  path: "/amount/bench",
  headers: {
    "content-type": "application/json",
    "x-sequence-signature": `Bearer ${BEARER}`,
  },
  body: '{"rule":"skim","vars":{"pct":15}}',
} as const satisfies HttpRequestSpec;

/** What the suite tells a server's `launch` about its run. */
export interface LaunchContext {
  /** The 127.0.0.1 port the server must listen on. */
  port: number;
  /** A directory for configs, databases and logs, removed after the suite. */
  scratch: string;
}

/** How to start one server process: `node <args>`, plus environment and cleanup. */
export interface Launch {
  args: string[];
  env?: Record<string, string>;
  /** Runs after the server process has exited (e.g. stops a simulator it started). */
  cleanup?: () => Promise<void>;
}

/** Which part a server plays in the comparison. */
export type ServerRole = "baseline" | "reference" | "seqd";

/** One server under load. */
export interface ServerSpec {
  /** Short id used in tables and JSON, e.g. `node-bare`. */
  readonly name: string;
  readonly role: ServerRole;
  /** What it is, in a few words. */
  readonly describe: string;
  readonly launch: (context: LaunchContext) => Launch | Promise<Launch>;
  /** Answers `status` once the server is ready to take load. */
  readonly ready: HttpRequestSpec & { readonly status: number };
  /** The request under load; it must answer 200 `{"amountInCents": n}`. */
  readonly request: HttpRequestSpec;
}

function anchor(script: string): ServerSpec["launch"] {
  return ({ port }) => ({
    args: [join(HERE, script)],
    env: { PORT: String(port), AMOUNT_PATH: AMOUNT_REQUEST.path },
  });
}

/** node-bare: the baseline every ratio is computed against. */
export const NODE_BARE: ServerSpec = {
  name: "node-bare",
  role: "baseline",
  describe: "node:http: path match, buffer the body, JSON.parse, constant reply",
  launch: anchor("anchor-node-http.mjs"),
  ready: { ...AMOUNT_REQUEST, status: 200 },
  request: AMOUNT_REQUEST,
};

/** hono-bare: the reference for memory (seqd's server is a Hono app). */
export const HONO_BARE: ServerSpec = {
  name: "hono-bare",
  role: "reference",
  describe: "plain Hono app on @hono/node-server: one route, c.req.json(), c.json()",
  launch: anchor("anchor-hono.mjs"),
  ready: { ...AMOUNT_REQUEST, status: 200 },
  request: AMOUNT_REQUEST,
};

/** seqd: `seqd run`'s amount endpoint, auth, formula over cached balances, clamps, audit on. */
export const SEQD: ServerSpec = {
  name: "seqd",
  role: "seqd",
  describe: "seqd run: token check, formula over cached balances, min/max clamps, audit to SQLite, info logs",
  launch: (context) =>
    launchSeqd(context, {
      bin: join(HERE, "..", "..", "apps", "daemon", "bin", "seqd.mjs"),
      path: AMOUNT_REQUEST.path,
      token: BEARER,
    }),
  ready: { method: "GET", path: "/readyz", headers: {}, status: 200 },
  request: AMOUNT_REQUEST,
};

/** Every server the suite loads, in the order of the first round. */
export const SERVERS: readonly ServerSpec[] = [NODE_BARE, HONO_BARE, SEQD];
