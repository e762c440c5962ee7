import type { CrashLoopSecrets } from "./crash-loop-setup.js";

/** One answer the running daemon gave: kept for the leak scan and the checks. */
export interface ProbeAnswer {
  name: string;
  status: number;
  body: string;
}

/**
 * Calls what an operator and Sequence call on a running daemon: `/metrics`, `/readyz`, the
 * amount endpoint with the token in the query and in the header, and (when `reload`) the admin
 * reload with its bearer token. Connection errors (the daemon was killed mid-probe) are answers
 * with status 0.
 */
export async function probeDaemon(options: {
  url: string;
  secrets: CrashLoopSecrets;
  reload: boolean;
}): Promise<ProbeAnswer[]> {
  const { url, secrets } = options;
  const amountToken = secrets.amountToken.value;
  const requests: { name: string; path: string; init?: RequestInit }[] = [
    { name: "metrics", path: "/metrics" },
    { name: "readyz", path: "/readyz" },
    {
      name: "amount (token in query)",
      path: `/amount/top-up?token=${encodeURIComponent(amountToken)}`,
      init: {
        method: "POST",
        body: '{"note":"from the crash loop"}',
        headers: { "content-type": "application/json" },
      },
    },
    {
      name: "amount (token in header)",
      path: "/amount/top-up",
      init: { method: "POST", headers: { "x-sequence-signature": `Bearer ${amountToken}` } },
    },
    {
      name: "amount (degraded)",
      path: "/amount/ghost",
      init: { method: "POST", headers: { "x-sequence-signature": `Bearer ${amountToken}` } },
    },
    { name: "amount (wrong token)", path: "/amount/top-up?token=not-the-token" },
  ];
  if (options.reload) {
    requests.push({
      name: "admin reload",
      path: "/admin/reload",
      init: { method: "POST", headers: { authorization: `Bearer ${secrets.adminToken.value}` } },
    });
  }
  const answers: ProbeAnswer[] = [];
  for (const request of requests) {
    try {
      const response = await fetch(`${url}${request.path}`, request.init);
      answers.push({ name: request.name, status: response.status, body: await response.text() });
    } catch (error) {
      // Not the error text: it may quote the URL, token and all, which is the harness's own doing.
      answers.push({ name: request.name, status: 0, body: `connection failed (${(error as Error).name})` });
    }
  }
  return answers;
}
