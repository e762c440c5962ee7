export * from "./threshold/index.js";
