/**
 * Keeps the promises of background work a component started (a delivery, a poll, a
 * dispatch) so shutdown and tests can wait until none is running.
 */
export interface TaskTracker {
  /** Tracks `task` until it settles; returns it unchanged. */
  track<T>(task: Promise<T>): Promise<T>;
  /** How many tracked tasks are still running. */
  running(): number;
  /** Resolves once no tracked task is running, including tasks started while waiting. */
  idle(): Promise<void>;
}

/** Creates an empty {@link TaskTracker}. */
export function createTaskTracker(): TaskTracker {
  const tasks = new Set<Promise<unknown>>();
  return {
    track(task) {
      const settled = task.then(
        () => undefined,
        () => undefined,
      );
      tasks.add(settled);
      void settled.then(() => tasks.delete(settled));
      return task;
    },
    running: () => tasks.size,
    async idle() {
      while (tasks.size > 0) await Promise.all([...tasks]);
    },
  };
}
