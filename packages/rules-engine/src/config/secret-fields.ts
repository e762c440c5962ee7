import type { Config, SecretRef } from "./model.js";

/** A secret reference and the field it fills (`rules.top-up.secret`), for resolution and messages. */
export interface SecretField {
  field: string;
  ref: SecretRef;
}

/** Every secret reference in a config, in a stable order. */
export function listSecretRefs(config: Config): SecretField[] {
  const fields: SecretField[] = [];
  if (config.sequence) fields.push({ field: "sequence.accessToken", ref: config.sequence.accessToken });
  if (config.server.adminToken) fields.push({ field: "server.adminToken", ref: config.server.adminToken });
  if (config.alerts?.webhook?.token)
    fields.push({ field: "alerts.webhook.token", ref: config.alerts.webhook.token });
  for (const rule of config.rules.values())
    fields.push({ field: `rules.${rule.id}.secret`, ref: rule.secret });
  for (const amount of config.amounts.values())
    fields.push({ field: `amounts.${amount.id}.token`, ref: amount.token });
  return fields;
}
