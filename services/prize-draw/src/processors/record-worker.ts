import { parentPort } from 'node:worker_threads';
import { RecordCollector } from './record-collector';

/** A batch of the emission's result lines, whole lines in rank order, and which of their entrants are excluded. */
export interface ResultLines {
  lines: string;
  excluded: string[];
}

export type RecordWorkerMessage = ResultLines | 'finish';

// The thread of one draw's record (started by RecordWorker): hashes the result lines, reads each for its
// entrant and ticket count, and at `finish` sorts the entries and builds the Merkle tree, all off the
// emitting thread.
const port = parentPort!;
const collector = new RecordCollector();
port.on('message', (message: RecordWorkerMessage) => {
  if (message === 'finish') {
    const columns = collector.finish();
    port.postMessage(columns, [columns.idEnds.buffer, columns.tickets.buffer]);
    port.close();
    return;
  }
  const { lines } = message;
  collector.hashResults(lines);
  const excluded = message.excluded.length > 0 ? new Set(message.excluded) : undefined;
  for (let start = 0; start < lines.length; ) {
    const end = lines.indexOf('\n', start) + 1;
    if (end === 0) throw new Error('record worker: a batch of result lines must end with a whole line');
    const { accountId, tickets } = JSON.parse(lines.slice(start, end)) as {
      accountId: string;
      tickets: number;
    };
    collector.add(accountId, tickets, excluded?.has(accountId) ?? false);
    start = end;
  }
});
