import type { SequenceClient } from "@seqd/core";

/** A Sequence client whose API root a reload can change under the poller and dispatcher. */
export interface SwitchableClient extends SequenceClient {
  /** Uses a client for `apiUrl` from now on (the same URL keeps the same client). */
  use(apiUrl: string): void;
}

/**
 * Wraps one client per `sequence.apiUrl`. A call in flight finishes on the client it started
 * on; the replaced client is closed once the switch is made (undici lets its requests finish).
 */
export function createSwitchableClient(create: (apiUrl: string) => SequenceClient): SwitchableClient {
  let apiUrl: string | undefined;
  let client: SequenceClient | undefined;
  const current = (): SequenceClient => {
    if (client === undefined) throw new Error("internal: the Sequence client is used before use(apiUrl)");
    return client;
  };
  return {
    use(next) {
      if (next === apiUrl) return;
      const old = client;
      apiUrl = next;
      client = create(next);
      void old?.close();
    },
    triggerRule: (input) => current().triggerRule(input),
    listAccounts: (input) => current().listAccounts(input),
    close: async () => {
      await client?.close();
    },
  };
}
