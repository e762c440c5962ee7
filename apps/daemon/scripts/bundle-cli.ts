/**
 * Bundles the CLI (src/bin.ts and the workspace packages it uses) into `<outDir>/seqd.mjs`, so
 * `bin/seqd.mjs` can start without tsx compiling TypeScript on every run. `seqd.inputs.json`
 * beside it lists the sources it was built from: the launcher uses the bundle only while none
 * of them is newer (bin/fresh-bundle.mjs).
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const REPO_DIR = join(APP_DIR, "..", "..");
/** Where `pnpm --filter seqd build` puts the bundle, and where the launcher looks. */
export const BUNDLE_DIR = join(APP_DIR, "dist");
/** Loaded from node_modules at run time: a native addon, and the Postgres driver with its optional native half. */
const EXTERNAL = /^(better-sqlite3|pg)$/;
/** Besides the bundled sources, a change here can change what the bundle should contain. */
const EXTRA_INPUTS = ["pnpm-lock.yaml", "apps/daemon/package.json", "apps/daemon/scripts/bundle-cli.ts"];

/**
 * Keeps the externals where pnpm put them: the bundle imports each by its path relative to
 * dist/, since apps/daemon itself does not depend on them (its workspace packages do).
 */
function externalsInPlace(outDir: string): Plugin {
  return {
    name: "externals-in-place",
    setup(builder) {
      builder.onResolve({ filter: EXTERNAL }, async (args) => {
        if (args.pluginData === "in-place") return undefined;
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "in-place",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: relative(outDir, resolved.path), external: true };
      });
    },
  };
}

/** Workspace sources find files beside them (`new URL("../x.yaml", import.meta.url)`): keep their own URL. */
const sourceUrls: Plugin = {
  name: "source-urls",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes("node_modules")) return undefined;
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: "ts",
      };
    });
  },
};

/**
 * Builds `<outDir>/seqd.mjs` and `<outDir>/seqd.inputs.json`.
 *
 * @example
 * await bundleCli(BUNDLE_DIR); // { bundle: ".../apps/daemon/dist/seqd.mjs", sources: 274 }
 */
export async function bundleCli(outDir: string = BUNDLE_DIR): Promise<{ bundle: string; sources: number }> {
  const result = await build({
    entryPoints: [join(APP_DIR, "src", "bin.ts")],
    // Metafile inputs come out relative to this: the repository root, as the launcher reads them.
    absWorkingDir: REPO_DIR,
    outfile: join(outDir, "seqd.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    metafile: true,
    legalComments: "none",
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
    // CommonJS dependencies (pino, prom-client) call require() for node built-ins.
    banner: {
      js: 'import { createRequire as __seqdCreateRequire } from "node:module"; const require = __seqdCreateRequire(import.meta.url);',
    },
    plugins: [externalsInPlace(outDir), sourceUrls],
  });

  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules"));
  const inputs = [...new Set([...sources, ...EXTRA_INPUTS])].sort();
  await writeFile(join(outDir, "seqd.inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
  return { bundle: join(outDir, "seqd.mjs"), sources: sources.length };
}
