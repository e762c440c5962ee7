// Baseline (a): bare node:http doing what the amount route must minimally do —
// match the path, buffer the body, JSON.parse it, reply with a constant.
import { createServer } from "node:http";

const PATH = process.env.AMOUNT_PATH ?? "/amount/bench";
const REPLY = JSON.stringify({ amountInCents: 12345 });

const server = createServer((req, res) => {
  if (req.method !== "POST" || !req.url?.startsWith(PATH)) {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    try {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(REPLY);
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
