import { describe, expect, it } from "vitest";
import { parseErrorBody } from "./error-body.js";

describe("parseErrorBody", () => {
  it("reads the flat legacy shape", () => {
    expect(parseErrorBody('{"code":"INVALID_API_SECRET","message":"Unauthorized"}')).toEqual({
      code: "INVALID_API_SECRET",
      message: "Unauthorized",
    });
  });

  it("reads the nested Platform shape with its request id", () => {
    const body = '{"requestId":"broker-8fe6","error":{"code":"UNAUTHORIZED","message":"Unauthorized"}}';
    expect(parseErrorBody(body)).toEqual({
      code: "UNAUTHORIZED",
      message: "Unauthorized",
      requestId: "broker-8fe6",
    });
  });

  it("prefers the nested error over top-level fields and finds a request id in data", () => {
    const body = JSON.stringify({
      code: "OUTER",
      message: "outer",
      error: { code: "INNER", message: "inner" },
      data: { requestId: "r-1" },
    });
    expect(parseErrorBody(body)).toEqual({ code: "INNER", message: "inner", requestId: "r-1" });
  });

  it("takes a bare string error as the message", () => {
    expect(parseErrorBody('{"error":"upstream timed out"}')).toEqual({ message: "upstream timed out" });
  });

  it("summarizes plain text on one line", () => {
    expect(parseErrorBody("Internal Server Error\n\n  try later ")).toEqual({
      message: "Internal Server Error try later",
    });
  });

  it("keeps only the title of an HTML error page", () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>";
    expect(parseErrorBody(html)).toEqual({ message: "502 Bad Gateway" });
    expect(parseErrorBody("<html><body>oops</body></html>")).toEqual({});
  });

  it("answers nothing for an empty body and ignores blank or non-string fields", () => {
    expect(parseErrorBody("")).toEqual({});
    expect(parseErrorBody("  \n")).toEqual({});
    expect(parseErrorBody('{"code":42,"message":"  ","requestId":null}')).toEqual({});
  });

  it("treats JSON that is not an object as text", () => {
    expect(parseErrorBody('"just a string"')).toEqual({ message: '"just a string"' });
    expect(parseErrorBody("[1,2]")).toEqual({ message: "[1,2]" });
  });

  it("cuts very long messages", () => {
    const parsed = parseErrorBody("x".repeat(5_000));
    expect(parsed.message).toHaveLength(200);
    expect(parsed.message?.endsWith("…")).toBe(true);
  });
});
