import type { Random } from "../random.js";

/** An amount endpoint under fuzz: its path and its valid token. */
export interface FuzzEndpoint {
  id: string;
  path: string;
  token: string;
}

/** One fuzzed request, and what the judge needs to know about it. */
export interface FuzzRequest {
  method: string;
  /** The raw request target (path and query), sent as is. */
  target: string;
  headers: [string, string][];
  body: Buffer | undefined;
  /** Send the body in chunks (`transfer-encoding: chunked`). */
  chunked: boolean;
  /** The endpoint this path means (exactly, or as a near variant); null for far paths. */
  aims: string | null;
  /** Endpoints whose valid token the request carries in the query or the signature header. */
  carries: Set<string>;
}

const METHODS = ["POST", "GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
const ODD_PATHS = [
  "/",
  "/healthz",
  "/readyz",
  "/metrics",
  "/admin/reload",
  "/admin/triggers/sweep-often/fire",
  "/amount",
  "/amount/",
  "/amounts/top-up",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/amount/..%2f..%2fadmin/reload",
  "/__proto__",
  "/amount/constructor",
  "/amount/__proto__",
  "/amount/%00",
  "/amount/%ff%fe",
  "/amount/\u00e9",
];
const CONTENT_TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "",
];

/** Near variants of a real path: the kinds of spelling a lenient router might fold together. */
function nearPath(random: Random, path: string): string {
  const rest = path.slice("/amount/".length);
  switch (random.int(10)) {
    case 0:
      return `${path}/`;
    case 1:
      return `/${path}`;
    case 2:
      return path.toUpperCase();
    case 3:
      return `/amount/./${rest}`;
    case 4:
      return `/amount/../amount/${rest}`;
    case 5:
      return path.replace("-", "%2D");
    case 6:
      return `/amount%2F${rest}`;
    case 7:
      return `${path}%00`;
    case 8:
      return `${path};token=x`;
    default:
      return `${path}/${"a".repeat(random.between(1, 3000))}`;
  }
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(256);
  return bytes;
}

function randomText(random: Random, length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~%&=+?#/";
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[random.int(alphabet.length)];
  return text;
}

/** A query string that may carry a token: valid, wrong, empty, repeated, encoded, misplaced. */
function query(random: Random, own: FuzzEndpoint, other: FuzzEndpoint, carries: Set<string>): string {
  const valid = (endpoint: FuzzEndpoint) => {
    carries.add(endpoint.id);
    return endpoint.token;
  };
  switch (random.int(16)) {
    case 0:
    case 1:
    case 2:
      return `?token=${valid(own)}`;
    case 3:
      return `?token=${valid(other)}`;
    case 4:
      return "";
    case 5:
      return "?token=";
    case 6:
      return "?token";
    case 7:
      return `?token=${own.token.slice(0, -1)}`;
    case 8:
      return `?token=${own.token}x`;
    case 9:
      return `?token=wrong&token=${valid(own)}`;
    case 10:
      return `?token=${valid(own)}&token=wrong`;
    case 11:
      // Percent-encoded name and value: decoding servers see the valid token.
      return `?%74oken=${encodeURIComponent(valid(own))}`;
    case 12:
      return `?TOKEN=${own.token}`;
    case 13:
      return `?token[]=${own.token}`;
    case 14:
      return `?${randomText(random, random.between(1, 200))}`;
    default:
      return `?token=${"x".repeat(random.between(1, 20_000))}`;
  }
}

function headers(
  random: Random,
  own: FuzzEndpoint,
  other: FuzzEndpoint,
  carries: Set<string>,
): [string, string][] {
  const list: [string, string][] = [];
  const count = random.int(4);
  for (let i = 0; i < count; i++) {
    switch (random.int(12)) {
      case 0:
        carries.add(own.id);
        list.push(["x-sequence-signature", `Bearer ${own.token}`]);
        break;
      case 1:
        carries.add(other.id);
        list.push(["x-sequence-signature", `Bearer ${other.token}`]);
        break;
      case 2:
        list.push(["x-sequence-signature", own.token]);
        break;
      case 3:
        list.push(["x-sequence-signature", `bearer  ${own.token.toUpperCase()}`]);
        break;
      case 4:
        list.push(["x-sequence-signature", "Bearer "]);
        list.push(["x-sequence-signature", "Bearer wrong"]);
        break;
      case 5:
        list.push(["authorization", `Bearer ${own.token}`]);
        break;
      case 6:
        list.push(["x-fuzz", "v".repeat(random.between(1, 12_000))]);
        break;
      case 7:
        list.push(["content-type", random.pick(CONTENT_TYPES)]);
        break;
      case 8:
        list.push(["x-forwarded-for", "127.0.0.1, ::1, 10.0.0.1"]);
        break;
      case 9:
        for (let j = 0; j < random.between(1, 120); j++) list.push([`x-h${j}`, String(j)]);
        break;
      case 10:
        list.push(["accept-encoding", "gzip, br, zstd, *;q=0"]);
        break;
      default:
        list.push(["x-odd", 'a\tb ; =,"q" \\ ~']);
    }
  }
  return list;
}

function body(random: Random, own: FuzzEndpoint): Buffer | undefined {
  switch (random.int(8)) {
    case 0:
    case 1:
      return undefined;
    case 2:
      return Buffer.from("{}");
    case 3:
      return Buffer.from(JSON.stringify({ amountInCents: 1, token: own.token, rule: { id: "ru_x" } }));
    case 4:
      return Buffer.from(`token=${own.token}&a=1`);
    case 5:
      return Buffer.from(`${"[".repeat(5_000)}${"]".repeat(5_000)}`);
    case 6:
      return randomBytes(random, random.between(1, 2_048));
    default:
      // Around the 64 KiB cap, either side.
      return randomBytes(random, random.between(60 * 1024, 70 * 1024));
  }
}

/**
 * A seeded random request against the amount endpoints: mostly aimed at a real endpoint (its
 * path or a near variant), sometimes at other routes or nowhere, with random tokens, headers
 * and bodies. Everything here is well-formed HTTP; see `rawRequest` for the malformed kind.
 */
export function generateRequest(random: Random, endpoints: readonly FuzzEndpoint[]): FuzzRequest {
  const own = random.pick(endpoints);
  const other = endpoints.find((endpoint) => endpoint.id !== own.id) ?? own;
  const carries = new Set<string>();
  const roll = random.int(10);
  const path = roll < 6 ? own.path : roll < 8 ? nearPath(random, own.path) : random.pick(ODD_PATHS);
  const aims = roll < 8 ? own.id : null;
  // Bytes outside printable ASCII go percent-encoded: the raw-socket cases send them bare.
  const target = path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
  const method = random.chance(0.8) ? random.pick(["POST", "GET"]) : random.pick(METHODS);
  const payload = method === "GET" || method === "HEAD" ? undefined : body(random, own);
  return {
    method,
    target: `${target}${query(random, own, other, carries)}`,
    headers: headers(random, own, other, carries),
    body: payload,
    chunked: payload !== undefined && random.chance(0.2),
    aims,
    carries,
  };
}

/**
 * Malformed HTTP bytes for a raw socket: odd or invalid methods, bad versions, invalid header
 * names and values, conflicting lengths, bare LF, NUL, an unterminated head. Each ends with
 * `connection: close` where it gets that far, so the server answers (or drops) and closes.
 */
export function rawRequest(random: Random, endpoints: readonly FuzzEndpoint[]): RawFuzzRequest {
  const own = random.pick(endpoints);
  const valid = random.chance(0.5);
  const target = `${own.path}?token=${valid ? own.token : "wrong"}`;
  return { bytes: rawBytes(random, target), aims: own.id, carries: new Set(valid ? [own.id] : []) };
}

/** Malformed request bytes, and the same labels as {@link FuzzRequest}. */
export interface RawFuzzRequest {
  bytes: Buffer;
  aims: string;
  carries: Set<string>;
}

function rawBytes(random: Random, target: string): Buffer {
  const head = (line: string, extra: string[] = []) =>
    Buffer.from(`${line}\r\nhost: 127.0.0.1\r\n${[...extra, "connection: close"].join("\r\n")}\r\n\r\n`);
  switch (random.int(13)) {
    case 0:
      return head(
        `${random.pick(["PROPFIND", "TRACE", "BREW", "post", "P0ST", "CONNECT"])} ${target} HTTP/1.1`,
      );
    case 11:
      return head("OPTIONS * HTTP/1.1");
    case 1:
      return head(`POST ${target} HTTP/9.9`);
    case 2:
      return head(`POST ${target}`);
    case 3:
      return head(`POST ${target} HTTP/1.1`, ["bad header: x"]);
    case 4:
      return head(`POST ${target} HTTP/1.1`, [random.pick(["x-a: \u0001\u0002", "x-u: caf\u00e9 \u202e"])]);
    case 5:
      return head(`POST ${target} HTTP/1.1`, ["content-length: 5", "content-length: 7"]);
    case 6:
      return head(`POST ${target} HTTP/1.1`, ["content-length: 5", "transfer-encoding: chunked"]);
    case 7:
      return Buffer.from(`POST ${target} HTTP/1.1\nhost: x\nconnection: close\n\n`);
    case 8:
      return Buffer.concat([
        head(`POST ${target} HTTP/1.1`, ["transfer-encoding: chunked"]),
        Buffer.from("zz\r\n"),
      ]);
    case 9:
      return Buffer.from(`POST ${target}\u0000 HTTP/1.1\r\nconnection: close\r\n\r\n`);
    case 10:
      return Buffer.from(`POST ${target} HTTP/1.1\r\nhost: x\r\n`);
    default:
      return randomBytes(random, random.between(1, 512));
  }
}
