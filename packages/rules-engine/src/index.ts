export * from "./schedule/index.js";
export * from "./threshold/index.js";
