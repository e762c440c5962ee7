import type { SchemaNode } from "./value-defs.js";

/** Follows a local `$ref` (`#/$defs/name`) to its definition. */
function resolveRef(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  const target = node?.["$ref"];
  if (typeof target !== "string") return node;
  const name = target.replace(/^#\/\$defs\//, "");
  return defs(root)[name];
}

function defs(root: SchemaNode): Record<string, SchemaNode> {
  return (root["$defs"] ?? {}) as Record<string, SchemaNode>;
}

/** The name of the `$defs` entry a schema node is (by identity), if any. */
export function defName(root: SchemaNode, node: unknown): string | undefined {
  for (const [name, def] of Object.entries(defs(root))) if (def === node) return name;
  return undefined;
}

/** The def name a (possibly `$ref`) property schema points to. */
export function refName(node: SchemaNode | undefined): string | undefined {
  const target = node?.["$ref"];
  return typeof target === "string" ? target.replace(/^#\/\$defs\//, "") : undefined;
}

/** The property schemas of an object schema (after `$ref`). */
export function propertiesOf(root: SchemaNode, node: SchemaNode | undefined): Record<string, SchemaNode> {
  const resolved = resolveRef(root, node);
  return (resolved?.["properties"] ?? {}) as Record<string, SchemaNode>;
}

/** The schema that applies at a data path, walking properties, additionalProperties and items. */
export function schemaAt(root: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    node = resolveRef(root, node);
    if (!node) return undefined;
    const properties = node["properties"] as Record<string, SchemaNode> | undefined;
    if (typeof segment === "number") node = node["items"] as SchemaNode | undefined;
    else if (properties && Object.hasOwn(properties, segment)) node = properties[segment];
    else node = node["additionalProperties"] as SchemaNode | undefined;
  }
  return resolveRef(root, node);
}
