import type { YAMLError } from "yaml";
import type { IssueCode } from "./issues.js";

export interface TranslatedYamlError {
  code: IssueCode;
  message: string;
  hint?: string;
}

/**
 * Turns the `yaml` package's parse errors into seqd's wording: what is wrong in plain
 * words, and a hint that says how to fix it. Unknown codes keep yaml's own first line.
 */
export function translateYamlError(error: YAMLError): TranslatedYamlError {
  const original = firstLine(error.message);
  switch (error.code) {
    case "TAB_AS_INDENT":
      return {
        code: "yaml-tab",
        message: "a tab is used for indentation",
        hint: "YAML indents with spaces only: replace the tab with spaces",
      };
    case "BAD_INDENT":
      return {
        code: "yaml-indent",
        message: `bad indentation: ${lowerFirst(original)}`,
        hint: "keys of one mapping start in the same column; nested keys are indented further than their parent",
      };
    case "MULTIPLE_DOCS":
      return {
        code: "yaml-multiple-documents",
        message: "more than one YAML document in this file",
        hint: 'remove the "---" separator, or put the second document in its own file in the same directory',
      };
    case "RESOURCE_EXHAUSTION":
      return {
        code: "yaml-too-deep",
        message: "the YAML is nested too deeply to parse",
        hint: "a seqd config nests a few levels deep; check for runaway brackets or indentation",
      };
    case "BLOCK_AS_IMPLICIT_KEY":
      return {
        code: "yaml-syntax",
        message: 'a mapping cannot start on the same line as its key (as in "a: b: c")',
        hint: 'put the nested key on its own, more indented line, or quote the value if it contains ": "',
      };
    case "MULTILINE_IMPLICIT_KEY":
      return {
        code: "yaml-syntax",
        message: "a key must fit on one line and end with a colon",
        hint: 'check for a missing ":" after a key or a missing closing quote on an earlier line',
      };
    case "MISSING_CHAR":
      if (/quote/i.test(original)) {
        return {
          code: "yaml-syntax",
          message: "a quoted string is never closed",
          hint: "add the closing quote; the string ran to here",
        };
      }
      return { code: "yaml-syntax", message: lowerFirst(original), hint: "close the bracket or brace" };
    case "BAD_DQ_ESCAPE":
      return {
        code: "yaml-syntax",
        message: `invalid escape in a double-quoted string: ${lowerFirst(original)}`,
        hint: "inside double quotes a backslash starts an escape; use single quotes for literal backslashes",
      };
    case "TAG_RESOLVE_FAILED":
    case "BAD_COLLECTION_TYPE": {
      const tag = /(!\S*)/.exec(original)?.[1];
      return {
        code: "yaml-unsupported",
        message: tag ? `unsupported YAML tag "${tag}"` : "unsupported YAML tag",
        hint: "seqd configs use plain YAML values; remove the tag",
      };
    }
    case "NON_STRING_KEY":
      return {
        code: "yaml-unsupported",
        message: "a mapping key must be plain text, not a list or a mapping",
        hint: 'write keys as simple words, e.g. "checking:"',
      };
    case "KEY_OVER_1024_CHARS":
      return { code: "yaml-syntax", message: "a key is longer than 1024 characters" };
    case "ALIAS_PROPS":
    case "BAD_ALIAS":
    case "MULTIPLE_ANCHORS":
      return { code: "yaml-alias-limit", message: lowerFirst(original) };
    // seqd checks duplicate keys itself (linear time), so yaml never reports them.
    case "DUPLICATE_KEY":
    case "BAD_DIRECTIVE":
    case "BAD_PROP_ORDER":
    case "BAD_SCALAR_START":
    case "BLOCK_IN_FLOW":
    case "IMPOSSIBLE":
    case "MULTIPLE_TAGS":
    case "UNEXPECTED_TOKEN":
      return { code: "yaml-syntax", message: lowerFirst(original) };
  }
}

function firstLine(message: string): string {
  const line = message.split("\n", 1)[0] ?? message;
  // yaml appends " at line N, column M" to some messages; seqd prints the position itself.
  return line.replace(/ at line \d+, column \d+:?$/, "").replace(/[.:]$/, "");
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
