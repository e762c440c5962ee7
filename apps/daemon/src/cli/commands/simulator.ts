import { isAbsolute, resolve } from "node:path";
import {
  demoStatePath,
  formatEvent,
  formatStateIssue,
  ListenError,
  readStateFile,
  type SimEvent,
  startSimulator,
} from "@seqd/simulator";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";

/** Port of `seqd simulator` unless `--port` says otherwise (the daemon's default is 8787). */
export const DEFAULT_SIMULATOR_PORT = 8790;

/** `seqd simulator [--port N] [--state file.yaml]`: the local Sequence simulator alone. */
export const simulatorCommand = defineCommand({
  name: "simulator",
  summary: "run a local Sequence API simulator (legacy Remote API) for tests and the demo",
  usage: "[--port N] [--state file.yaml]",
  description: `
Serves POST /accounts and POST /remote-api/rules/:id/trigger (and /rules/:id/trigger)
on 127.0.0.1 like Sequence's legacy API, runs triggered rules against simulated balances,
and logs one line per request and event. Point a config's sequence.apiUrl at the URL
printed on the first line. Without --state it serves the built-in demo state.

Inspection and control (loopback only): GET /__sim/events, GET /__sim/state,
POST|GET|DELETE /__sim/faults, POST /__sim/balances, POST /__sim/reset,
GET /__sim/settled, POST /__sim/tick.`,
  options: {
    port: {
      type: "string",
      value: "N",
      description: "port to listen on, 0 for any free port",
      default: "8790",
    },
    state: {
      type: "string",
      value: "file.yaml",
      description: "simulator state (accounts, tokens, rules, faults…); default: the built-in demo state",
    },
  },
  epilog: `
Examples:
  seqd simulator
  seqd simulator --port 0 --state test/sim-state.yaml

Exit codes: 0 stopped cleanly, 1 could not listen, 64 bad usage, 78 invalid state file.`,
  async run({ options, io }) {
    const portText = String(options["port"] ?? DEFAULT_SIMULATOR_PORT);
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65_535) {
      io.stderr.write(`seqd simulator: --port must be a whole number from 0 to 65535, got "${portText}"\n`);
      return EXIT.usage;
    }
    const stateOption = options["state"];
    const statePath =
      typeof stateOption === "string"
        ? isAbsolute(stateOption)
          ? stateOption
          : resolve(io.cwd, stateOption)
        : demoStatePath;
    const loaded = await readStateFile(statePath);
    if (!loaded.ok) {
      for (const issue of loaded.issues) io.stderr.write(`${formatStateIssue(issue)}\n`);
      return EXIT.config;
    }
    // Events are held back until the first line is out: it must be the one with the URL.
    let held: SimEvent[] | null = [];
    const print = (event: SimEvent) => io.stdout.write(`${formatEvent(event)}\n`);
    let sim: Awaited<ReturnType<typeof startSimulator>>;
    try {
      sim = await startSimulator({
        port,
        host: "127.0.0.1",
        state: loaded.state,
        onEvent: (event) => (held ? held.push(event) : print(event)),
      });
    } catch (error) {
      if (!(error instanceof ListenError)) throw error;
      io.stderr.write(`seqd simulator: ${error.message}\n`);
      return EXIT.failure;
    }
    const { state } = loaded;
    const label = typeof stateOption === "string" ? stateOption : "built-in demo state";
    io.stdout.write(`seqd simulator listening on ${sim.url} (state: ${label})\n`);
    io.stdout.write(
      `${state.accounts.length} accounts, ${state.tokens.length} tokens, ${state.rules.length} rules` +
        `${state.faults.length ? `, ${state.faults.length} faults` : ""}; control API at ${sim.url}/__sim/state\n`,
    );
    for (const event of held) print(event);
    held = null;
    const signal = await io.stopRequested;
    await sim.stop();
    io.stdout.write(`seqd simulator stopped (${signal})\n`);
    return EXIT.ok;
  },
});
