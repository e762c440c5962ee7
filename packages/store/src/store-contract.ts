import { createFakeClock, type FakeClock } from "@seqd/core";
import { afterEach, beforeEach, describe } from "vitest";
import { claimsContract } from "./contract/claims-contract.js";
import { CONTRACT_START, type ContractContext, type StoreHarness } from "./contract/context.js";
import { firingsContract } from "./contract/firings-contract.js";
import { leasesContract } from "./contract/leases-contract.js";
import { lifecycleContract } from "./contract/lifecycle-contract.js";
import { recordsContract } from "./contract/records-contract.js";
import { stateContract } from "./contract/state-contract.js";
import type { Store } from "./store.js";

export type { StoreHarness } from "./contract/context.js";

/**
 * Registers the store contract: the behaviour every `Store` backend must have. Each test gets
 * a fresh database from `createHarness` and a fake clock at {@link CONTRACT_START}.
 *
 * Tests that need a second connection to the same database (races, reopen after a crash,
 * tampering) are registered only when `shared` is true.
 *
 * @example defineStoreContract({ name: "sqlite file", shared: true, createHarness: sqliteFileHarness });
 */
export function defineStoreContract(options: {
  name: string;
  shared: boolean;
  createHarness: () => Promise<StoreHarness>;
}): void {
  const { name, shared, createHarness } = options;
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let store: Store | undefined;
    let clock: FakeClock | undefined;
    const opened: Store[] = [];

    beforeEach(async () => {
      harness = await createHarness();
      clock = createFakeClock(CONTRACT_START);
      store = await harness.open({ clock });
      opened.push(store);
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await harness?.destroy();
    });

    const ctx: ContractContext = {
      shared,
      get store() {
        return defined(store);
      },
      get clock() {
        return defined(clock);
      },
      get harness() {
        return defined(harness);
      },
      async open(options = {}) {
        const another = await defined(harness).open({
          clock: options.clock ?? defined(clock),
          ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
        });
        opened.push(another);
        return another;
      },
    };

    claimsContract(ctx);
    firingsContract(ctx);
    stateContract(ctx);
    recordsContract(ctx);
    leasesContract(ctx);
    lifecycleContract(ctx);
  });
}

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("contract context used outside a test");
  return value;
}
