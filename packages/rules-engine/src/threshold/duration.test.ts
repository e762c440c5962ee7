import { expect, it } from "vitest";
import { formatDuration } from "./duration.js";

it.each([
  [0, "0s"],
  [250, "250ms"],
  [1_000, "1s"],
  [899_999, "14m 59s"],
  [900_000, "15m"],
  [3_900_000, "1h 5m"],
  [90_061_000, "1d 1h 1m 1s"],
  [-60_000, "-1m"],
])("formatDuration(%i) is %j", (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});
