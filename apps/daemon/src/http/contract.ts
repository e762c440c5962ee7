import type { Secret } from "@seqd/core";

// What the HTTP surface needs from the rest of the daemon. The daemon (apps/daemon/src/daemon)
// implements these; the server (this folder) only reads them, once per request, so a reload
// that swaps them is atomic for every request.

/** `/readyz`: each check with a line for humans; ready when every check is ok. */
export interface ReadyReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail: string }>;
}

/** What `POST /admin/reload` (and SIGHUP, `--watch`) came to. */
export type ReloadOutcome =
  | { ok: true; hash: string; changed: boolean; message: string }
  | { ok: false; errors: string[]; message: string };

/** What `POST /admin/triggers/:id/fire` (and `seqd trigger`) came to. */
export type FireOutcome =
  | {
      kind: "fired";
      triggerId: string;
      occurrence: string;
      idempotencyKey: string;
      status: string;
      requestId: string | undefined;
      message: string;
    }
  | { kind: "skipped"; triggerId: string; reason: string; message: string }
  | { kind: "unknown_trigger"; message: string }
  | { kind: "refused"; message: string };

/** The admin routes exist only while a config with `server.adminToken` runs. */
export interface AdminHooks {
  token: Secret;
  reload(): Promise<ReloadOutcome>;
  fire(triggerId: string): Promise<FireOutcome>;
}
