import type { AmountAudit, AmountAuditInput } from "../types.js";
import { clippedText, isoTime, jsonText, optionalCents, requireInt, requireText } from "../validate.js";
import type { Row, SqlDriver, SqlValue } from "./driver.js";
import { readInt, readJson, readOptionalInt, readOptionalText, readText, readTime } from "./row.js";

const COLUMNS = [
  "at",
  "endpoint",
  "request_id",
  "inputs",
  "formula_hash",
  "raw",
  "clamped",
  "outcome",
  "error_code",
] as const;

// Bounded so the SQL text stays small and each backend's parameter limit is respected.
const MAX_ROWS_PER_STATEMENT = 200;

/** The amount audit: appended in batches off the HTTP hot path. */
export function createAuditsRepo(db: SqlDriver) {
  const rowsPerStatement = Math.min(
    MAX_ROWS_PER_STATEMENT,
    Math.floor(db.dialect.maxParams / COLUMNS.length),
  );
  const tuple = `(${COLUMNS.map(() => "?").join(", ")})`;

  return {
    async append(rows: readonly AmountAuditInput[]): Promise<number> {
      const values = rows.map((row, index) => toValues(row, index));
      if (values.length === 0) return 0;
      await db.transaction(async (tx) => {
        for (let start = 0; start < values.length; start += rowsPerStatement) {
          const chunk = values.slice(start, start + rowsPerStatement);
          await tx.run(
            `INSERT INTO amount_audits (${COLUMNS.join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}`,
            chunk.flat(),
          );
        }
      });
      return values.length;
    },

    async list(input: { limit: number; endpoint?: string }): Promise<AmountAudit[]> {
      const limit = requireInt(input.limit, "limit", 1, 10_000);
      const rows =
        input.endpoint === undefined
          ? await db.all(
              `SELECT id, ${COLUMNS.join(", ")} FROM amount_audits ORDER BY at DESC, id DESC LIMIT ?`,
              [limit],
            )
          : await db.all(
              `SELECT id, ${COLUMNS.join(", ")} FROM amount_audits WHERE endpoint = ?
               ORDER BY at DESC, id DESC LIMIT ?`,
              [requireText(input.endpoint, "endpoint", 200), limit],
            );
      return rows.map(toAudit);
    },

    prune(before: Date): Promise<number> {
      return db.run("DELETE FROM amount_audits WHERE at < ?", [isoTime(before, "before")]);
    },
  };
}

function toValues(row: AmountAuditInput, index: number): SqlValue[] {
  const field = `audits[${index}]`;
  return [
    isoTime(row.at, `${field}.at`),
    requireText(row.endpoint, `${field}.endpoint`, 200),
    clippedText(row.requestId, 200),
    jsonText(row.inputs, `${field}.inputs`),
    requireText(row.formulaHash, `${field}.formulaHash`, 200),
    optionalCents(row.raw, `${field}.raw`),
    optionalCents(row.clamped, `${field}.clamped`),
    requireText(row.outcome, `${field}.outcome`, 100),
    clippedText(row.errorCode, 200),
  ];
}

function toAudit(row: Row): AmountAudit {
  return {
    id: readInt(row, "id"),
    at: readTime(row, "at"),
    endpoint: readText(row, "endpoint"),
    requestId: readOptionalText(row, "request_id"),
    inputs: readJson(row, "inputs"),
    formulaHash: readText(row, "formula_hash"),
    raw: readOptionalInt(row, "raw"),
    clamped: readOptionalInt(row, "clamped"),
    outcome: readText(row, "outcome"),
    errorCode: readOptionalText(row, "error_code"),
  };
}
