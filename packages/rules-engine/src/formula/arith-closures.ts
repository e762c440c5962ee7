import { MAX } from "./arith.js";
import type { Fail, NumFn, Slot } from "./closure-kit.js";

/**
 * Checked `+ - *` and friends. Every result beyond ±(2^53 − 1) fails: the
 * exact result of adding or multiplying safe integers lies beyond that bound
 * exactly when the rounded double does, so one comparison detects it.
 */

export const readS =
  ({ values, index, miss }: Slot): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    return x;
  };

export const addFF =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() + b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

/** `a + k`; also `a - k` as `a + (−k)`, since −k is exact. */
export const addFK =
  (a: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const v = a() + k;
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const addSK =
  ({ values, index, miss }: Slot, k: number, fail: Fail): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    const v = x + k;
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const addSS = (a: Slot, b: Slot, fail: Fail): NumFn => {
  const { values, index: i, miss: missA } = a;
  const { index: j, miss: missB } = b;
  return () => {
    const x = values[i]!;
    if (Number.isNaN(x)) missA();
    const y = values[j]!;
    if (Number.isNaN(y)) missB();
    const v = x + y;
    if (v > MAX || v < -MAX) fail();
    return v;
  };
};

export const subFF =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() - b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

/** `k - b`. */
export const subKF =
  (k: number, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = k - b();
    if (v > MAX || v < -MAX) fail();
    return v;
  };

/** `k - slot`. */
export const subKS =
  (k: number, { values, index, miss }: Slot, fail: Fail): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    const v = k - x;
    if (v > MAX || v < -MAX) fail();
    return v;
  };

export const subSS = (a: Slot, b: Slot, fail: Fail): NumFn => {
  const { values, index: i, miss: missA } = a;
  const { index: j, miss: missB } = b;
  return () => {
    const x = values[i]!;
    if (Number.isNaN(x)) missA();
    const y = values[j]!;
    if (Number.isNaN(y)) missB();
    const v = x - y;
    if (v > MAX || v < -MAX) fail();
    return v;
  };
};

// Products get `+ 0` because 0 × negative is −0 in JavaScript.

export const mulFF =
  (a: NumFn, b: NumFn, fail: Fail): NumFn =>
  () => {
    const v = a() * b();
    if (v > MAX || v < -MAX) fail();
    return v + 0;
  };

export const mulFK =
  (a: NumFn, k: number, fail: Fail): NumFn =>
  () => {
    const v = a() * k;
    if (v > MAX || v < -MAX) fail();
    return v + 0;
  };

export const mulSK =
  ({ values, index, miss }: Slot, k: number, fail: Fail): NumFn =>
  () => {
    const x = values[index]!;
    if (Number.isNaN(x)) miss();
    const v = x * k;
    if (v > MAX || v < -MAX) fail();
    return v + 0;
  };

/** `0 - x` rather than `-x`, which would turn 0 into −0. */
export const negF =
  (a: NumFn): NumFn =>
  () =>
    0 - a();

export const absF =
  (a: NumFn): NumFn =>
  () =>
    Math.abs(a());
