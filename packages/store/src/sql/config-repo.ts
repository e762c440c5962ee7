import type { Clock } from "@seqd/core";
import { StoreError } from "../errors.js";
import type { ConfigSnapshot, ConfigSource, LastKnownGood } from "../types.js";
import { isoTime, jsonText, requireText } from "../validate.js";
import type { Row, SqlDriver } from "./driver.js";
import { readJson, readText, readTime } from "./row.js";

/**
 * Config snapshots by hash, and a one-row pointer to the last known good one. A pointer (not
 * "newest marked timestamp") so a wall-clock step back cannot make an older config win.
 */
export function createConfigRepo(db: SqlDriver, clock: Clock) {
  return {
    async save(input: { hash: string; sources: readonly ConfigSource[] }): Promise<{ created: boolean }> {
      const hash = requireText(input.hash, "config hash", 200);
      const sources = input.sources.map((source, index) => {
        // An empty file is a legitimate source, so text is only checked to be a string.
        if (typeof source.text !== "string") {
          throw new StoreError("INVALID_INPUT", `sources[${index}].text must be a string`);
        }
        return { path: requireText(source.path, `sources[${index}].path`, 4096), text: source.text };
      });
      const changed = await db.run(
        "INSERT INTO config_snapshots (hash, sources, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
        [hash, jsonText(sources, "config sources"), isoTime(clock.now(), "clock.now()")],
      );
      return { created: changed === 1 };
    },

    async get(hash: string): Promise<ConfigSnapshot | undefined> {
      const [row] = await db.all("SELECT hash, sources, created_at FROM config_snapshots WHERE hash = ?", [
        requireText(hash, "config hash", 200),
      ]);
      return row === undefined ? undefined : toSnapshot(row);
    },

    async markLastKnownGood(hash: string): Promise<void> {
      const checked = requireText(hash, "config hash", 200);
      await db.transaction(async (tx) => {
        const [exists] = await tx.all("SELECT hash FROM config_snapshots WHERE hash = ?", [checked]);
        if (exists === undefined) {
          throw new StoreError(
            "NOT_FOUND",
            `config snapshot ${checked} was never saved: save it before marking it good`,
          );
        }
        await tx.run(
          `INSERT INTO config_last_known_good (id, hash, marked_at) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, marked_at = excluded.marked_at`,
          [checked, isoTime(clock.now(), "clock.now()")],
        );
      });
    },

    async getLastKnownGood(): Promise<LastKnownGood | undefined> {
      const [row] = await db.all(
        `SELECT s.hash, s.sources, s.created_at, g.marked_at
         FROM config_last_known_good g JOIN config_snapshots s ON s.hash = g.hash WHERE g.id = 1`,
      );
      return row === undefined ? undefined : { ...toSnapshot(row), markedAt: readTime(row, "marked_at") };
    },
  };
}

function toSnapshot(row: Row): ConfigSnapshot {
  const sources = readJson(row, "sources");
  if (!Array.isArray(sources)) throw new StoreError("INTERNAL", "config snapshot sources are not a list");
  return {
    hash: readText(row, "hash"),
    sources: sources as ConfigSource[],
    createdAt: readTime(row, "created_at"),
  };
}
