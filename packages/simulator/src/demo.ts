import { fileURLToPath } from "node:url";

/** The built-in demo state (`seqd simulator` without `--state`). */
export const demoStatePath: string = fileURLToPath(new URL("../demo-state.yaml", import.meta.url));
