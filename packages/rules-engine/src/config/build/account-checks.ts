import type { MergedConfig } from "../merge.js";
import { type BuildContext, report } from "./context.js";

/** Balances come from Sequence: declaring accounts requires `sequence:` with its access token. */
export function accountsNeedSequence(ctx: BuildContext, merged: MergedConfig, hasSequence: boolean): void {
  const first = merged.sections.accounts.values().next().value;
  if (hasSequence || !first || merged.settings.has("sequence")) return;
  report(
    ctx,
    "missing-section",
    first.pos,
    "accounts are read from Sequence, but the config has no sequence: section",
    "add sequence: { accessToken: { env: SEQUENCE_ACCESS_TOKEN } } (apiUrl defaults to https://api.getsequence.io)",
  );
}
