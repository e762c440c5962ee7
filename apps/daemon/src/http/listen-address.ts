/** A `server.listen` value split into what `node:http` takes. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses `127.0.0.1:8787`, `[::1]:0`, `localhost:8080` (port 0 = any free port).
 *
 * @example parseListen("[::1]:0") // { host: "::1", port: 0 }
 */
export function parseListen(listen: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(listen.trim());
  const port = Number(match?.[3]);
  if (match === null || !(port >= 0 && port <= 65_535)) {
    throw new Error(`cannot listen on "${listen}": expected host:port, e.g. 127.0.0.1:8787 or [::1]:0`);
  }
  return { host: (match[1] ?? match[2])!, port };
}

/** The inverse of {@link parseListen}: `127.0.0.1:8787`, `[::1]:0`. */
export function formatListen(address: ListenAddress): string {
  return `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
}

/** The base URL of a bound address (`http://[::1]:4123` for IPv6). */
export function baseUrl(host: string, port: number): string {
  return `http://${formatListen({ host, port })}`;
}
