import { createHash } from 'node:crypto';
import { type DrawDefined, EVENT_TYPES, PIPELINE_EVENT_TYPES, topicNames } from '@prizedraw/events';
import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { TopologyTestDriver } from '@prizedraw/stream';
import { createTicketWalletTopology, type RandomBytes } from '@prizedraw/ticket-wallet';
import { buildDefinition, decoded, eventMessage } from '../test/support/builders';
import { chiSquarePValue, chiSquareStatistic } from '../test/support/chi-square';
import type { DrawResultData } from './processors/draw-result-of';
import { createPrizeDrawTopology } from './topology';

const topics = topicNames();
const PARTITIONS = 2;
const DRAWS = 2_000;
// Customer i holds i tickets; with one prize per draw each should win i/10 of the draws.
const CUSTOMERS = [
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
] as const;

// Seeded (SHA-256 counter mode) rather than crypto.randomBytes, so the test is reproducible: it checks the
// mechanism — best-of-n tickets, runs, k-way merge, assignment — not the operating system's generator.
function seededRandomBytes(seed: string): RandomBytes {
  let counter = 0;
  return (size) => {
    const blocks: Buffer[] = [];
    for (let length = 0; length < size; length += 32)
      blocks.push(createHash('sha256').update(`${seed}:${counter++}`).digest());
    return Buffer.concat(blocks).subarray(0, size);
  };
}

describe('chi-square p-value', () => {
  it.each([
    [7.815, 3, 0.05],
    [11.345, 3, 0.01],
    [0.584, 3, 0.9],
    [3.841, 1, 0.05],
    [18.307, 10, 0.05],
  ])('when x is %d with %d degrees of freedom, then p is %d', (x, df, p) => {
    expect(chiSquarePValue(x, df)).toBeCloseTo(p, 3);
  });
});

describe('fairness of wallet and draw together', () => {
  it(`when ${DRAWS} one-prize draws run for customers holding 1, 2, 3 and 4 tickets, then wins are proportional to tickets (chi-square p > 0.01)`, async () => {
    const draws: DrawDefined[] = Array.from({ length: DRAWS }, (_, d) =>
      buildDefinition({ drawId: `draw-${d}`, prizes: [{ prizeId: 'prize', name: 'Prize', quantity: 1 }] }),
    );
    const wallet = await TopologyTestDriver.create(
      createTicketWalletTopology({ topics, randomBytes: seededRandomBytes('fairness-1') }),
      { partitions: PARTITIONS },
    );
    const draw = await TopologyTestDriver.create(
      createPrizeDrawTopology({ topics, definitions: new InMemoryDrawDefinitions(draws) }),
      { partitions: PARTITIONS },
    );
    try {
      for (const { drawId } of draws) {
        for (const [customerId, tickets] of CUSTOMERS) {
          const grant = {
            drawId,
            customerId,
            grantId: `${drawId}:${customerId}`,
            tickets,
            total: tickets,
            maxWinsPerCustomer: 1,
          };
          await wallet.pipeInput(
            topics.tickets,
            eventMessage(PIPELINE_EVENT_TYPES.ticketsGranted, grant, customerId),
          );
        }
        for (let partition = 0; partition < PARTITIONS; partition++)
          for (let sourcePartition = 0; sourcePartition < PARTITIONS; sourcePartition++) {
            const marker = {
              drawId,
              triggerId: `trigger-${drawId}`,
              sourcePartitions: PARTITIONS,
              sourcePartition,
            };
            await wallet.pipeInput(topics.tickets, {
              ...eventMessage(PIPELINE_EVENT_TYPES.drawMarker, marker, drawId),
              partition,
            });
          }
        for (const run of wallet.readOutput(topics.runs)) {
          await draw.pipeInput(topics.runs, {
            key: run.key as string,
            value: run.value,
            headers: run.headers,
          });
        }
      }
      await draw.advanceWallClockTime(1_000);

      const events = decoded(draw.readOutput(topics.results));
      const results = events
        .filter((e) => e.type === EVENT_TYPES.drawResult)
        .map((e) => e.data as DrawResultData);
      expect(events.filter((e) => e.type === EVENT_TYPES.drawCompleted)).toHaveLength(DRAWS);
      expect(new Set(results.map((r) => `${r.drawId}/${r.accountId}`)).size).toBe(DRAWS * CUSTOMERS.length);
      expect(results).toHaveLength(DRAWS * CUSTOMERS.length);

      const winners = results.filter((r) => r.outcome === 'won');
      expect(winners).toHaveLength(DRAWS);
      expect(winners.every((r) => r.rank === 1)).toBe(true);
      const observed = CUSTOMERS.map(
        ([customerId]) => winners.filter((r) => r.accountId === customerId).length,
      );
      const expected = CUSTOMERS.map(([, tickets]) => (DRAWS * tickets) / 10);
      const p = chiSquarePValue(chiSquareStatistic(observed, expected), CUSTOMERS.length - 1);
      expect(p).toBeGreaterThan(0.01);
    } finally {
      await wallet.close();
      await draw.close();
    }
  }, 30_000);
});
