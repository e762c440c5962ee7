// Regenerates schema/seqd.schema.json from the schema the loader validates with
// (src/config/schema/config-schema.ts), formatted the way Biome checks it. A test fails
// when the two differ.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { buildConfigSchema } from "../src/config/schema/config-schema.js";

const target = fileURLToPath(new URL("../schema/seqd.schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(buildConfigSchema(), null, 2)}\n`);
const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");
execFileSync(process.execPath, [biome, "format", "--write", target], { stdio: "inherit" });
console.log(`wrote ${target}`);
