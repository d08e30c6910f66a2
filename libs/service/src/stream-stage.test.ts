import { Topology } from '@prizedraw/stream';
import { fusedTuning, type StreamStage } from './stream-stage';

const stage = (name: string, tuning?: StreamStage['tuning']): StreamStage => ({
  name,
  topology: () => new Topology(),
  ...(tuning && { tuning }),
});

describe('fusedTuning', () => {
  it("takes the longest transaction timeout and the most frequent punctuation check, and the runtime's fetch", () => {
    const tuning = fusedTuning([
      stage('enrichment'),
      stage('dedupe', { punctuationCheckMs: 1_000, fetchBytesPerPartition: 4 * 1024 * 1024 }),
      stage('ticket-wallet', { transactionTimeoutMs: 600_000, fetchBytesPerPartition: 512 * 1024 }),
      stage('ticket-rules', { transactionTimeoutMs: 60_000, punctuationCheckMs: 250 }),
    ]);
    expect(tuning).toEqual({ transactionTimeoutMs: 600_000, punctuationCheckMs: 250 });
  });

  it("leaves what no stage tunes to the runtime's defaults", () => {
    expect(fusedTuning([stage('enrichment'), stage('dedupe')])).toEqual({});
  });
});
