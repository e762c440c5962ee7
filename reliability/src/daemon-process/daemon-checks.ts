import { type Firing, openStore } from "@seqd/store";
import type { DaemonProcess } from "./daemon-process.js";
import { waitFor } from "./daemon-process.js";

/** Waits for a log line matching `match` stamped at or after `since` (an ISO time). */
export function waitForLine(
  daemon: DaemonProcess,
  what: string,
  since: string,
  match: (line: Record<string, unknown>) => boolean,
  limitMs = 30_000,
): Promise<Record<string, unknown>> {
  return waitFor(
    what,
    () => daemon.logs().find((line) => String(line["time"]) >= since && match(line)),
    limitMs,
  );
}

/** Polls `/readyz` until it answers `status`; the error quotes the last answer. */
export async function waitForReadyz(
  daemon: DaemonProcess,
  status: 200 | 503,
  limitMs = 30_000,
): Promise<void> {
  let last = "";
  await waitFor(
    () => `/readyz ${status} (last: ${last})`,
    async () => {
      const answer = await fetch(`${daemon.url}/readyz`);
      last = `${answer.status} ${await answer.text()}`;
      return answer.status === status ? true : undefined;
    },
    limitMs,
  );
}

/** Every firing in the store, read through a read-only connection (safe beside the daemon). */
export async function readLedger(storeUrl: string): Promise<Firing[]> {
  const store = await openStore(storeUrl, { readOnly: true });
  try {
    return await store.listFirings({ limit: 10_000 });
  } finally {
    await store.close();
  }
}
