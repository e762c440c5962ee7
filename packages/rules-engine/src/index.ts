export * from "./formula/index.js";
