import type { DataPath } from "../yaml-nodes.js";
import { propertiesOf, schemaAt } from "./schema-lookup.js";
import type { SchemaNode } from "./value-defs.js";

/**
 * When an unknown key is a real key one level up or down (the usual indentation slip:
 * `cooldown` next to `threshold:` instead of under it), says where it belongs.
 */
export function keyPlacementHint(root: SchemaNode, path: DataPath, key: string): string | undefined {
  const here = schemaAt(root, path);
  for (const [child, childSchema] of Object.entries(propertiesOf(root, here))) {
    if (Object.hasOwn(propertiesOf(root, childSchema), key)) {
      return `"${key}" belongs under "${child}": indent it below "${child}:"`;
    }
  }
  if (path.length > 0) {
    const parentPath = path.slice(0, -1);
    const parent = schemaAt(root, parentPath);
    if (Object.hasOwn(propertiesOf(root, parent), key)) {
      return `"${key}" belongs one level up, next to "${String(path[path.length - 1])}:": outdent it`;
    }
  }
  return undefined;
}
