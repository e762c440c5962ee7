import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startTestSim, stopAll } from "./test-support.js";

afterEach(stopAll);

const run = promisify(execFile);

/** The seed document's two examples, verbatim. */
const TRIGGER_CURL = `curl -X POST https://api.getsequence.io/remote-api/rules/ru_12345/trigger -H "x-sequence-signature: Bearer <RULE_API_SECRET>" -H "Content-Type: application/json" -d '{}'`;
const ACCOUNTS_CURL = `curl -X POST https://api.getsequence.io/accounts -H "x-sequence-access-token: Bearer <ACCESS_TOKEN>" -H "Content-Type: application/json" -d '{}'`;

const SIGNATURE_HEADER = `-H "x-sequence-signature: Bearer <RULE_API_SECRET>"`;
const TOKEN_HEADER = `-H "x-sequence-access-token: Bearer <ACCESS_TOKEN>"`;

/** The documents' placeholders are the literal credentials here, so the commands run unchanged. */
const STATE = {
  accounts: [{ id: "5579244", name: "Main Operating Pod", type: "Pod" as const, balance: "$25_342.77" }],
  tokens: [{ token: "<ACCESS_TOKEN>" }],
  rules: [{ id: "ru_12345", secret: "<RULE_API_SECRET>" }],
};

/** Runs a command line through the shell, as a reader pasting it would; loopback only. */
async function shell(command: string, baseUrl: string): Promise<string> {
  const line = command.replace("https://api.getsequence.io", baseUrl);
  expect(line).toContain("http://127.0.0.1:");
  const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", NO_PROXY: "*" };
  const { stdout } = await run("sh", ["-c", line], { env });
  return stdout;
}

describe("the documented curl examples against the simulator", () => {
  it("trigger: succeeds with the documented body", async () => {
    const { sim } = await startTestSim(STATE);
    const body = await shell(TRIGGER_CURL, sim.url);
    expect(body).toMatch(
      /^\{"code":"OK","message":"Rule with id ru_12345 has been triggered","data":\{"requestId":"[0-9a-f-]{36}"\}\}$/,
    );
    expect(sim.events({ type: "trigger" })).toMatchObject([{ outcome: "executed", body: "{}" }]);
  });

  it("accounts: succeeds with the documented envelope", async () => {
    const { sim } = await startTestSim(STATE);
    const body = JSON.parse(await shell(ACCOUNTS_CURL, sim.url));
    expect(body).toMatchObject({
      message: "OK",
      data: {
        accounts: [
          {
            id: "5579244",
            name: "Main Operating Pod",
            balance: { amountInDollars: 25342.77, error: null },
            type: "Pod",
          },
        ],
        errors: [],
      },
    });
  });

  it("with the two auth headers swapped, both answer 401", async () => {
    const { sim } = await startTestSim(STATE);
    const trigger = TRIGGER_CURL.replace(SIGNATURE_HEADER, TOKEN_HEADER);
    const accounts = ACCOUNTS_CURL.replace(TOKEN_HEADER, SIGNATURE_HEADER);
    expect(trigger).not.toBe(TRIGGER_CURL);
    expect(accounts).not.toBe(ACCOUNTS_CURL);
    expect(await shell(trigger, sim.url)).toBe('{"code":"INVALID_API_SECRET","message":"Unauthorized"}');
    expect(await shell(accounts, sim.url)).toBe('{"code":"INVALID_ACCESS_TOKEN","message":"Unauthorized"}');
  });

  it("with only the header names swapped (values kept), both answer 401", async () => {
    const { sim } = await startTestSim(STATE);
    const trigger = TRIGGER_CURL.replace("x-sequence-signature", "x-sequence-access-token");
    const accounts = ACCOUNTS_CURL.replace("x-sequence-access-token", "x-sequence-signature");
    expect(await shell(trigger, sim.url)).toBe('{"code":"INVALID_API_SECRET","message":"Unauthorized"}');
    expect(await shell(accounts, sim.url)).toBe('{"code":"INVALID_ACCESS_TOKEN","message":"Unauthorized"}');
  });
});
