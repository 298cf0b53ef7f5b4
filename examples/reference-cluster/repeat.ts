/** Runs `task` every `ms` (never two at once: a slow round delays the next) until stopped. */
export function every(ms: number, task: () => Promise<void> | void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const round = async (): Promise<void> => {
    try {
      await task();
    } catch (error) {
      // A failed round is retried at the next one; say why once per failure.
      console.error(`round failed: ${(error as Error).message}`);
    }
    if (!stopped) timer = setTimeout(round, ms);
  };
  timer = setTimeout(round, ms);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
