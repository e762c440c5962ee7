export * from "./config/index.js";
export * from "./engine/index.js";
export * from "./formula/index.js";
export * from "./plan/index.js";
export * from "./schedule/index.js";
export * from "./test-runner/index.js";
export * from "./threshold/index.js";
