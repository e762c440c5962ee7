import { quote } from "../suggest.js";
export type ListenParse =
  | { ok: true; host: string; port: number }
  | { ok: false; message: string; hint?: string };

/**
 * Parses `server.listen`: `host:port` or `[ipv6]:port`, port 0–65535 (0 picks a free port).
 *
 * @example parseListen("127.0.0.1:8787") // { ok: true, host: "127.0.0.1", port: 8787 }
 */
export function parseListen(text: string): ListenParse {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `${quote(text)} is not a host:port address`,
      hint: /^\d+$/.test(text) ? `write "127.0.0.1:${text}"` : "write it like 127.0.0.1:8787 or [::1]:8787",
    };
  }
  const port = Number(match[2]);
  if (port > 65_535) return { ok: false, message: `port ${port} is out of range (0–65535)` };
  const host = match[1]!.startsWith("[") ? match[1]!.slice(1, -1) : match[1]!;
  return { ok: true, host, port };
}
