import { Worker } from "node:worker_threads";

/** How one request ended: an answer, or the watchdog's verdict. */
export type PoolAnswer<R> =
  | { ok: true; value: R }
  | { ok: false; reason: "hang" | "worker-died"; detail: string };

/** Options of {@link createWatchedPool}. */
export interface WatchedPoolOptions {
  /** The worker module (TypeScript, loaded through tsx). It posts `"ready"` once loaded. */
  worker: URL;
  size: number;
  /** Real time one request may take before its worker is terminated and it counts as a hang. */
  budgetMs: number;
}

/** worker_threads with a watchdog: a request that overruns kills its worker, never the run. */
export interface WatchedPool<Q, R> {
  run(request: Q): Promise<PoolAnswer<R>>;
  /** Workers replaced after a hang or a death. */
  restarts(): number;
  close(): Promise<void>;
}

const TS_WORKER = new URL("./ts-worker.mjs", import.meta.url);

interface Job<Q, R> {
  request: Q;
  resolve(answer: PoolAnswer<R>): void;
}

interface Slot<Q, R> {
  worker: Worker;
  ready: boolean;
  job: Job<Q, R> | undefined;
  watchdog: NodeJS.Timeout | undefined;
}

/**
 * Starts `size` workers. Requests are posted with an `id`; the worker answers `{ id, outcome }`.
 *
 * @example
 * const pool = createWatchedPool<CaseRequest, CaseOutcome>({ worker: new URL("./load-worker.ts", import.meta.url), size: 2, budgetMs: 5_000 });
 * const answer = await pool.run({ path, text, nowMs }); // { ok: false, reason: "hang" } when it overran
 */
export function createWatchedPool<Q extends object, R>(options: WatchedPoolOptions): WatchedPool<Q, R> {
  const queue: Job<Q, R>[] = [];
  const slots: Slot<Q, R>[] = [];
  let nextId = 0;
  let restarts = 0;
  let closed = false;
  let broken: string | undefined;

  function spawn(): Slot<Q, R> {
    const worker = new Worker(TS_WORKER, { workerData: { module: options.worker.href } });
    const slot: Slot<Q, R> = { worker, ready: false, job: undefined, watchdog: undefined };
    worker.on("message", (message: "ready" | { outcome: R }) => {
      if (message === "ready") slot.ready = true;
      else finish(slot, { ok: true, value: message.outcome });
      pump();
    });
    worker.on("error", (error) => replace(slot, "worker-died", error.stack ?? error.message));
    worker.on("exit", (code) => replace(slot, "worker-died", `worker exited with code ${code}`));
    return slot;
  }

  function finish(slot: Slot<Q, R>, answer: PoolAnswer<R>): void {
    clearTimeout(slot.watchdog);
    const job = slot.job;
    slot.job = undefined;
    job?.resolve(answer);
  }

  function replace(slot: Slot<Q, R>, reason: "hang" | "worker-died", detail: string): void {
    const index = slots.indexOf(slot);
    if (index < 0 || closed) return;
    if (!slot.ready) {
      // A worker that cannot even start would be replaced forever: fail every request instead.
      broken = detail;
      for (const job of queue.splice(0)) job.resolve({ ok: false, reason, detail });
    }
    slots.splice(index, 1);
    finish(slot, { ok: false, reason, detail });
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    restarts += 1;
    if (broken === undefined) slots.push(spawn());
    pump();
  }

  function pump(): void {
    for (const slot of slots) {
      if (!slot.ready || slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.watchdog = setTimeout(
        () => replace(slot, "hang", `no answer within ${options.budgetMs} ms`),
        options.budgetMs,
      );
      slot.worker.postMessage({ ...job.request, id: nextId++ });
    }
  }

  for (let i = 0; i < options.size; i++) slots.push(spawn());

  return {
    run: (request) =>
      new Promise((resolve) => {
        if (broken !== undefined) return resolve({ ok: false, reason: "worker-died", detail: broken });
        queue.push({ request, resolve });
        pump();
      }),
    restarts: () => restarts,
    async close() {
      closed = true;
      await Promise.all(
        slots.map((slot) => {
          clearTimeout(slot.watchdog);
          slot.worker.removeAllListeners();
          return slot.worker.terminate();
        }),
      );
    },
  };
}
