import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { ListenError, StateError } from "./errors.js";
import { createSimulator, type Simulator, type SimulatorOptions } from "./simulator.js";
import { readStateFile } from "./state/load.js";

export interface StartSimulatorOptions extends SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; the `/__sim/` API answers loopback clients only whatever the host. */
  host?: string;
  /** A state file (YAML or JSON); wins over `state`. */
  statePath?: string;
  /** How often scripted drift is checked against the clock; default 250 ms. */
  driftCheckMs?: number;
}

/** A simulator listening on a real socket. */
export interface RunningSimulator extends Simulator {
  /** `http://127.0.0.1:<port>`: use it as the Sequence API base URL. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stops drift, aborts remote calls, closes every connection. */
  stop(): Promise<void>;
}

/**
 * Starts the simulator on a loopback port.
 *
 * @example
 * const sim = await startSimulator({ statePath: "sim.yaml", clock: createFakeClock() });
 * await fetch(`${sim.url}/accounts`, { method: "POST", headers: { "x-sequence-access-token": "Bearer t" } });
 * await sim.stop();
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const { port = 0, host = "127.0.0.1", statePath, driftCheckMs, ...simOptions } = options;
  if (statePath !== undefined) {
    const loaded = await readStateFile(statePath);
    if (!loaded.ok) throw new StateError(loaded.issues);
    simOptions.state = loaded.state;
  }
  const sim = createSimulator(simOptions);
  const server = await listen(sim, port, host);
  const address = server.address() as AddressInfo;
  const timer = setInterval(() => sim.tick(), driftCheckMs ?? 250);
  timer.unref();
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return Object.assign(sim, {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host,
    async stop() {
      clearInterval(timer);
      sim.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sim.settled();
    },
  });
}

type HttpServer = ReturnType<typeof serve> & {
  closeAllConnections(): void;
  address(): AddressInfo | string | null;
};

function listen(sim: Simulator, port: number, host: string): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sim.app.fetch, port, hostname: host }) as HttpServer;
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new ListenError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { cause: error }),
      );
    });
    server.once("listening", () => resolve(server));
  });
}
