#!/usr/bin/env node
// Runs the prebuilt bundle when it is up to date with the sources (`pnpm build`), which starts
// faster and uses less memory; otherwise the TypeScript sources through tsx's loader, so a fresh
// clone needs no build step. SEQD_FROM_SOURCE=1 forces the sources.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBundle } from "./fresh-bundle.mjs";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = process.env.SEQD_FROM_SOURCE === "1" ? undefined : freshBundle(appDir);
if (bundle !== undefined) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/bin.ts");
}
