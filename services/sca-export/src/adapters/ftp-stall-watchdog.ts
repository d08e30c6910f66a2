import type { Client } from 'basic-ftp';

/** What {@link watchForStall} hands back: whether it closed the client, and how to stop watching. */
export interface StallWatch {
  readonly stalled: () => boolean;
  readonly stop: () => void;
}

/**
 * Closes `client` when it moves no byte for `timeoutMs`, so the task in flight rejects. basic-ftp's own
 * socket timeouts do not end every stall: an upload to a server that went away mid-transfer was seen to hang
 * for minutes (its promise never settled), holding the export and every draw queued behind it. Progress is
 * the transfer's byte count growing (basic-ftp polls it every 500 ms); the clock starts at the call, so
 * commands between transfers (login, SIZE, RNFR/RNTO) share one `timeoutMs`-long window each.
 */
export function watchForStall(client: Client, timeoutMs: number): StallWatch {
  let stalled = false;
  let lastBytes = 0;
  let timer = setTimeout(onStall, timeoutMs);
  function onStall(): void {
    stalled = true;
    client.close();
  }
  client.trackProgress(({ bytesOverall }) => {
    if (bytesOverall <= lastBytes) return;
    lastBytes = bytesOverall;
    clearTimeout(timer);
    timer = setTimeout(onStall, timeoutMs);
  });
  return {
    stalled: () => stalled,
    stop: () => {
      clearTimeout(timer);
      client.trackProgress();
    },
  };
}
