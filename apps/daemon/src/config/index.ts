export { type LoadConfigPathsOptions, type LoadedConfigPath, loadConfigPaths } from "./load-config-paths.js";
export { type ConfigPathRead, readConfigPath } from "./read-config-path.js";
export { type ResolveSecretsOptions, type ResolveSecretsResult, resolveSecrets } from "./resolve-secrets.js";
