// Baseline (b): a plain Hono app on @hono/node-server with one route.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const PATH = process.env.AMOUNT_PATH ?? "/amount/bench";
const app = new Hono();
app.post(PATH, async (c) => {
  await c.req.json();
  return c.json({ amountInCents: 12345 });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
