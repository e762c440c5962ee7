import { describe, expect, it } from "vitest";
import published from "../../../schema/seqd.schema.json" with { type: "json" };
import { buildConfigSchema } from "./config-schema.js";
import { configSchema } from "./validate-schema.js";

describe("published JSON Schema", () => {
  it("is exactly the schema the loader validates with (run `pnpm --filter @seqd/rules-engine schema` after editing it)", () => {
    expect(published).toEqual(buildConfigSchema());
    expect(configSchema().schema).toEqual(published);
  });

  it("is draft 2020-12 with a title and description on every definition, for editor hovers", () => {
    expect(published.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const undocumented = Object.entries(published.$defs).filter(
      ([, def]) => typeof (def as { description?: unknown }).description !== "string",
    );
    expect(undocumented.map(([name]) => name)).toEqual([]);
  });
});
