import { describe, expect, it } from "vitest";
import { fromPostgresError } from "./postgres-errors.js";

const location = "postgres://seqd:***@db/seqd";

function pgError(code: string, message = "boom"): Error {
  return Object.assign(new Error(message), { code });
}

describe("fromPostgresError", () => {
  it.each([
    ["25006", "READ_ONLY"],
    ["42501", "READ_ONLY"],
    ["53100", "DISK_FULL"],
    ["53300", "UNAVAILABLE"],
    ["XX001", "CORRUPT"],
    ["XX002", "CORRUPT"],
    ["XX000", "INTERNAL"],
    ["40001", "LOCKED"],
    ["40P01", "LOCKED"],
    ["55P03", "LOCKED"],
    ["57P01", "UNAVAILABLE"],
    ["57014", "UNAVAILABLE"],
    ["08006", "UNAVAILABLE"],
    ["28P01", "UNAVAILABLE"],
    ["3D000", "UNAVAILABLE"],
    ["23505", "CONSTRAINT"],
    ["58030", "IO"],
    ["42601", "INTERNAL"],
  ])("maps SQLSTATE %s to %s and quotes it", (code, expected) => {
    const error = fromPostgresError(pgError(code), location);
    expect(error.code).toBe(expected);
    expect(error.message).toBe(`${location}: boom (SQLSTATE ${code})`);
  });

  it.each([
    [pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    [pgError("ETIMEDOUT")],
    [new Error("Connection terminated unexpectedly")],
    [new Error("timeout exceeded when trying to connect")],
  ])("maps network failure %# to UNAVAILABLE", (error) => {
    expect(fromPostgresError(error, location).code).toBe("UNAVAILABLE");
  });

  it("maps anything else to INTERNAL", () => {
    expect(fromPostgresError("weird", location)).toMatchObject({
      code: "INTERNAL",
      message: `${location}: weird`,
    });
  });
});
