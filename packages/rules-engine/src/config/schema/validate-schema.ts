import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { buildConfigSchema, type SchemaNode } from "./config-schema.js";

let compiled: { schema: SchemaNode; validate: ValidateFunction } | undefined;

/** The config schema and its compiled validator (compiled once, on first use). */
export function configSchema(): { schema: SchemaNode; validate: ValidateFunction } {
  if (!compiled) {
    const schema = buildConfigSchema();
    // verbose: errors carry the failing value and parentSchema, which the translator words messages from.
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    compiled = { schema, validate: ajv.compile(schema) };
  }
  return compiled;
}

/** Raw ajv errors for one file's data (empty when it matches). */
export function validateAgainstSchema(data: unknown): ErrorObject[] {
  const { validate } = configSchema();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
