// `pnpm --filter seqd build` (turbo `build`): the CLI bundle the launcher prefers while it is fresh.
import { relative } from "node:path";
import { bundleCli } from "./bundle-cli.js";

const { bundle, sources } = await bundleCli();
console.log(`built ${relative(process.cwd(), bundle)} from ${sources} sources`);
