import type { BalanceNode, CallNode, Node } from "./ast.js";
import type { Token } from "./lexer.js";
import type { Parser } from "./parser.js";

/** `name(arg, …)` after the name; the current token is "(". */
export function parseCall(p: Parser, name: Token): Node {
  const open = p.advance();
  const args: Node[] = [];
  const what = `${name.text}(`;
  if (!(p.current.kind === "punct" && p.current.text === ")")) {
    for (;;) {
      args.push(p.expression(0));
      const token = p.current;
      if (token.kind === "punct" && token.text === ",") {
        p.advance();
        continue;
      }
      if (token.kind === "punct" && token.text === ")") break;
      if (token.kind === "end")
        p.fail("UNCLOSED_PAREN", `"(" is never closed`, open, `add ")" to close ${what}`);
      p.fail(
        "UNEXPECTED_TOKEN",
        `expected "," or ")" in ${what}…), found ${describe(token)}`,
        token,
        trailingHint(token),
      );
    }
  }
  const close = p.advance();
  return p.count<CallNode>({
    kind: "call",
    name: name.text,
    nameEnd: name.end,
    args,
    start: name.start,
    end: close.end,
  });
}

/** `balance(alias)` after the name; the alias is read in alias mode (hyphens allowed). */
export function parseBalance(p: Parser, name: Token): Node {
  const open = p.current;
  const alias = p.lexer.alias();
  if (alias === undefined) {
    p.advance();
    const token = p.current;
    if (token.kind === "end")
      p.fail("UNCLOSED_PAREN", `"(" is never closed`, open, 'add ")" to close balance(');
    const span = token.kind === "punct" && token.text === ")" ? { start: name.start, end: token.end } : token;
    p.fail(
      "BALANCE_ARGUMENT",
      token.kind === "punct" && token.text === ")"
        ? "balance() needs an account alias"
        : `balance() takes an account alias, found ${describe(token)}`,
      span,
      "write balance(checking) with an alias defined under accounts:",
    );
  }
  p.previousEnd = alias.end;
  p.current = p.lexer.next();
  const token = p.current;
  if (token.kind === "end")
    p.fail("UNCLOSED_PAREN", `"(" is never closed`, open, 'add ")" to close balance(');
  if (token.kind === "punct" && token.text === ",") {
    p.fail(
      "BALANCE_ARGUMENT",
      "balance() takes exactly one account alias",
      token,
      "add balances: balance(a) + balance(b)",
    );
  }
  if (!(token.kind === "punct" && token.text === ")")) {
    p.fail(
      "UNEXPECTED_TOKEN",
      `expected ")" after the account alias "${alias.text}", found ${describe(token)}`,
      token,
      "balance() takes only an alias; apply operators outside: balance(checking) - $100",
    );
  }
  const close = p.advance();
  return p.count<BalanceNode>({
    kind: "balance",
    alias: alias.text,
    aliasStart: alias.start,
    aliasEnd: alias.end,
    start: name.start,
    end: close.end,
  });
}

/** A token as quoted in messages. */
export function describe(token: Token): string {
  return token.kind === "end" ? "the end of the formula" : `"${token.text}"`;
}

/** Explains a token found where an operator or the end was expected. */
export function trailingHint(token: Token): string | undefined {
  if (token.kind === "punct") {
    if (token.text === ")") return 'this ")" has no matching "("';
    if (token.text === ":") return 'a ":" needs a "?" before it: condition ? a : b';
    if (token.text === "(") return "an operator is missing before it";
    return undefined;
  }
  if (token.kind === "end") return undefined;
  return "an operator is missing before it";
}
