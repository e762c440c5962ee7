import { open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Mount } from "../mounts.js";

/** A way to make the store refuse writes, and to undo it. */
export interface StoreFault {
  name: string;
  inject(): Promise<void>;
  heal(): Promise<void>;
}

/**
 * Fills the tmpfs under the store: the WAL is checkpointed and truncated first (through a second
 * connection), so the next commit must grow a file on a disk with no room left.
 */
export function diskFull(mount: Mount, databaseFile: string): StoreFault {
  const filler = join(mount.path, "filler.bin");
  return {
    name: "disk full (tmpfs)",
    async inject() {
      const other = new Database(databaseFile);
      other.pragma("wal_checkpoint(TRUNCATE)");
      other.close();
      await fillUp(filler);
    },
    heal: () => writeFile(filler, ""),
  };
}

/** Writes zeros until the filesystem says ENOSPC. */
async function fillUp(file: string): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024);
  const handle = await open(file, "w");
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    // One-byte writes fill the last partial block too.
    for (;;) {
      try {
        await handle.write(Buffer.alloc(1));
      } catch {
        break;
      }
    }
    await handle.close().catch(() => undefined);
  }
}

/** Remounts the directory holding the store read-only (a read-only bind mount or remount). */
export function readOnlyMount(mount: Mount): StoreFault {
  return { name: "read-only remount", inject: () => mount.readOnly(), heal: () => mount.writable() };
}

/** Another connection holds an exclusive transaction, longer than the store's busy timeout. */
export function lockedByAnother(databaseFile: string): StoreFault {
  let holder: Database.Database | undefined;
  return {
    name: "locked by another connection",
    async inject() {
      holder = new Database(databaseFile);
      holder.exec("BEGIN EXCLUSIVE");
    },
    async heal() {
      holder?.exec("COMMIT");
      holder?.close();
      holder = undefined;
    },
  };
}
