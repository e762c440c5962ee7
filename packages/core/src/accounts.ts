import { isRecord, nonBlankString } from "./json.js";
import { type Cents, dollarsToCents } from "./money.js";
import { oneLine } from "./redact.js";

/**
 * One account's balance as read: exact cents, or unavailable with the reason.
 * An unavailable balance is never 0: callers must treat it as "no information".
 */
export type BalanceReading = { ok: true; cents: Cents } | { ok: false; error: string };

/** One account from `POST /accounts`. Ids are always strings; unknown types pass through. */
export interface AccountReading {
  id: string;
  name: string;
  /** "Pod", "Income Source", "Account" today; anything else Sequence sends is kept as is. */
  type: string;
  balance: BalanceReading;
}

/** Which response layout Sequence used: `data.accounts` (since ~Aug 2025) or the older `data.balances`. */
export type AccountsShape = "accounts" | "balances";

/** The parsed body of a 2xx `POST /accounts`. */
export interface AccountsList {
  requestId?: string;
  shape: AccountsShape;
  accounts: AccountReading[];
}

export type AccountsParse = ({ ok: true } & AccountsList) | { ok: false; reason: string };

/**
 * Reads a 2xx `POST /accounts` body in either known shape. Structural
 * problems (no list, an entry without an id, duplicate ids) reject the whole
 * body, because a half-understood list could hide an account; a balance that
 * cannot be read only marks that one account unavailable.
 *
 * @example parseAccountsBody({ data: { accounts: [{ id: 7, name: "Pod", type: "Pod",
 *   balance: { amountInDollars: 12.3, error: null } }] } })
 * // { ok: true, shape: "accounts", accounts: [{ id: "7", …, balance: { ok: true, cents: 1230 } }] }
 */
export function parseAccountsBody(body: unknown): AccountsParse {
  if (!isRecord(body)) return { ok: false, reason: "the body is not a JSON object" };
  const data = body["data"];
  if (!isRecord(data)) return { ok: false, reason: "the body has no data object" };
  let shape: AccountsShape;
  let entries: unknown;
  if (Array.isArray(data["accounts"])) {
    shape = "accounts";
    entries = data["accounts"];
  } else if (Array.isArray(data["balances"])) {
    shape = "balances";
    entries = data["balances"];
  } else {
    return { ok: false, reason: "the body has neither data.accounts nor data.balances" };
  }
  const accounts: AccountReading[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of (entries as unknown[]).entries()) {
    const where = `data.${shape}[${index}]`;
    if (!isRecord(entry)) return { ok: false, reason: `${where} is not an object` };
    const id = readId(entry["id"]);
    if (id === undefined) return { ok: false, reason: `${where} has no usable id` };
    if (seen.has(id)) return { ok: false, reason: `${where} repeats account id ${JSON.stringify(id)}` };
    seen.add(id);
    accounts.push({
      id,
      name: typeof entry["name"] === "string" ? entry["name"] : "",
      type: typeof entry["type"] === "string" ? entry["type"] : "",
      balance: readBalance(entry["balance"]),
    });
  }
  const requestId = nonBlankString(body["requestId"]) ?? nonBlankString(data["requestId"]);
  return requestId === undefined ? { ok: true, shape, accounts } : { ok: true, requestId, shape, accounts };
}

function readId(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  // Numeric ids appear in older payloads; keep them exact or refuse them.
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * Current shape: `{amountInDollars, error}`; older shape: a bare number.
 * Anything else, or a non-null `error`, is unavailable, never zero.
 */
export function readBalance(value: unknown): BalanceReading {
  if (typeof value === "number") return fromDollars(value);
  if (value === null || value === undefined) return unavailable("Sequence sent no balance");
  if (!isRecord(value)) return unavailable(`Sequence sent a balance of unexpected type ${typeof value}`);
  const error = value["error"];
  if (error !== null && error !== undefined) {
    const text = typeof error === "string" ? error : JSON.stringify(error);
    return unavailable(oneLine(text) || "Sequence reported a balance error without text");
  }
  const amount = value["amountInDollars"];
  if (amount === null || amount === undefined) return unavailable("Sequence sent no amount for this balance");
  if (typeof amount !== "number") {
    return unavailable(`Sequence sent amountInDollars as ${typeof amount}, not a number`);
  }
  return fromDollars(amount);
}

function fromDollars(dollars: number): BalanceReading {
  const cents = dollarsToCents(dollars);
  return cents === null
    ? unavailable(`Sequence sent an amount outside the range of exact cents: ${dollars}`)
    : { ok: true, cents };
}

function unavailable(error: string): BalanceReading {
  return { ok: false, error };
}
