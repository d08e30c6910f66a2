import {
  EVENT_TYPES,
  type LateTicket,
  PIPELINE_EVENT_TYPES,
  type RunChunk,
  type RunEnd,
  topicNames,
} from '@prizedraw/events';
import { DeadLetterHeaders, partitionForKey, type TestInput, TopologyTestDriver } from '@prizedraw/stream';
import {
  allMarkers,
  decoded,
  eventMessage,
  grantMessage,
  markerMessage,
  recordingRandomBytes,
  runEntries,
  seededRandomBytes,
} from '../test/support/builders';
import { readLiveCount } from './adapters/live-counts';
import { type CustomerWallet, type IndexedTicket, WALLET_STORE, walletKeys } from './adapters/wallet-store';
import { formatTicket } from './processors/ticket-format';
import { createTicketWalletTopology } from './topology';

const topics = topicNames();
const PARTITIONS = 2;
const partitionOf = (customerId: string) => partitionForKey(topics.tickets, customerId, PARTITIONS);

describe('ticket-wallet topology', () => {
  let driver: TopologyTestDriver;
  let drawnHex: string[];

  beforeEach(async () => {
    const recording = recordingRandomBytes(seededRandomBytes('wallet-topology'));
    drawnHex = recording.drawnHex;
    const topology = createTicketWalletTopology({ topics, randomBytes: recording.randomBytes });
    driver = await TopologyTestDriver.create(topology, { partitions: PARTITIONS });
  });
  afterEach(() => driver.close());

  const pipe = async (...messages: TestInput[]) => {
    for (const message of messages) await driver.pipeInput(topics.tickets, message);
  };
  const runs = () => decoded<RunChunk | RunEnd | LateTicket>(driver.readOutput(topics.runs));
  const store = (partition: number) => driver.getKeyValueStore<unknown>(WALLET_STORE, partition);
  const indexOf = async (drawId: string, partition: number) => {
    const entries: IndexedTicket[] = [];
    for await (const [, value] of store(partition).range(walletKeys.indexRange(drawId)))
      entries.push(value as IndexedTicket);
    return entries;
  };

  it('when a customer is granted tickets several times, then only their k best and the count are kept', async () => {
    await pipe(
      grantMessage({ customerId: 'ann', grantId: 'g1', tickets: 5, total: 5, maxWinsPerCustomer: 3 }),
      grantMessage({ customerId: 'ann', grantId: 'g2', tickets: 7, total: 12, maxWinsPerCustomer: 3 }),
    );
    const best = [...drawnHex]
      .sort()
      .reverse()
      .slice(0, 3)
      .map((hex) => formatTicket(Buffer.from(hex, 'hex')));
    const partition = partitionOf('ann');
    await expect(store(partition).get(walletKeys.customer('xmas', 'ann'))).resolves.toEqual({
      tickets: 12,
      best,
    });
    const index = await indexOf('xmas', partition);
    expect(index).toEqual(best.map((ticket) => ({ customerId: 'ann', ticket, tickets: 12 })));
  });

  it('when an award pushes 50,000 tickets, then the count is 50,000 and only k tickets are stored', async () => {
    await pipe(grantMessage({ customerId: 'bob', tickets: 50_000, total: 50_000, maxWinsPerCustomer: 2 }));
    const wallet = (await store(partitionOf('bob')).get(
      walletKeys.customer('xmas', 'bob'),
    )) as CustomerWallet;
    expect(wallet.tickets).toBe(50_000);
    expect(wallet.best).toHaveLength(2);
    expect(await indexOf('xmas', partitionOf('bob'))).toHaveLength(2);
  });

  it('when the same grant is delivered twice, then its tickets are counted once', async () => {
    const grant = grantMessage({ customerId: 'ann', tickets: 4, total: 4 });
    await pipe(grant, grant);
    const wallet = (await store(partitionOf('ann')).get(
      walletKeys.customer('xmas', 'ann'),
    )) as CustomerWallet;
    expect(wallet.tickets).toBe(4);
    await expect(store(partitionOf('ann')).get(walletKeys.draw('xmas'))).resolves.toMatchObject({
      duplicateGrants: 1,
    });
  });

  it('when the markers of every source partition arrived, then each partition sends its run highest first, then its end', async () => {
    const customers = Array.from({ length: 30 }, (_, i) => `customer-${i}`);
    for (const [i, customerId] of customers.entries())
      await pipe(grantMessage({ customerId, tickets: i + 1, total: i + 1, maxWinsPerCustomer: 1 + (i % 2) }));
    await pipe(...allMarkers('xmas', PARTITIONS));

    const outputs = runs();
    expect(new Set(outputs.map((o) => o.key))).toEqual(new Set(['xmas']));
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const run = outputs.filter((o) => 'partition' in o.data && o.data.partition === partition);
      const entries = runEntries(run);
      const end = run.at(-1)!;
      const mine = customers.filter((c) => partitionOf(c) === partition);
      const expectedTickets = mine.reduce((sum, c) => sum + Number(c.split('-')[1]) + 1, 0);
      expect(run.slice(0, -1).every((o) => o.type === PIPELINE_EVENT_TYPES.runChunk)).toBe(true);
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i));
      expect(entries.map((e) => e.ticket)).toEqual(
        entries
          .map((e) => e.ticket)
          .sort()
          .reverse(),
      );
      for (const entry of entries) expect(entry.tickets).toBe(Number(entry.customerId.split('-')[1]) + 1);
      expect(end.type).toBe(PIPELINE_EVENT_TYPES.runEnd);
      expect(end.data).toEqual({
        drawId: 'xmas',
        partition,
        partitions: PARTITIONS,
        entries: entries.length,
        tickets: expectedTickets,
        exclusionsOffset: '0',
      });
    }
    // Every customer once, those allowed two wins (odd i) with their two best tickets.
    expect(runEntries(outputs)).toHaveLength(30 + 15);
  });

  it('when a customer entered an SCA draw several times, then their best run entry carries every entry, in order', async () => {
    const entry = (entryId: string) => ({
      entryId,
      utmContent: 'gift',
      email: 'ann@example.com',
      firstName: 'Ann',
      enteredAt: '2026-03-08T12:00:00.000Z',
    });
    await pipe(
      grantMessage({ customerId: 'ann', grantId: 'g1', total: 1, maxWinsPerCustomer: 2, entry: entry('e1') }),
      grantMessage({ customerId: 'ann', grantId: 'g2', total: 2, maxWinsPerCustomer: 2, entry: entry('e2') }),
      ...allMarkers('xmas', PARTITIONS),
    );
    const entries = runEntries(runs());
    expect(entries).toHaveLength(2);
    expect(entries[0]!.entries?.map((e) => e.entryId)).toEqual(['e1', 'e2']);
    expect(entries[1]!.entries).toBeUndefined();
  });

  it('when markers from only some source partitions arrived, then no run is sent yet', async () => {
    await pipe(grantMessage({ customerId: 'ann' }));
    const partition = partitionOf('ann');
    await pipe(
      markerMessage(partition, { sourcePartition: 0 }),
      markerMessage(partition, { sourcePartition: 0 }),
    );
    expect(runs()).toEqual([]);
    await pipe(markerMessage(partition, { sourcePartition: 1 }));
    expect(runs().map((o) => o.type)).toEqual([PIPELINE_EVENT_TYPES.runChunk, PIPELINE_EVENT_TYPES.runEnd]);
  });

  it('when a partition holds no ticket of the draw, then it still sends an empty run-end', async () => {
    await pipe(...allMarkers('empty', PARTITIONS));
    expect(runs().map((o) => o.data)).toEqual([
      { drawId: 'empty', partition: 0, partitions: 2, entries: 0, tickets: 0, exclusionsOffset: '0' },
      { drawId: 'empty', partition: 1, partitions: 2, entries: 0, tickets: 0, exclusionsOffset: '0' },
    ]);
  });

  it('when the markers repeat or the draw is triggered twice, then each partition sends its run once', async () => {
    await pipe(grantMessage({ customerId: 'ann' }), grantMessage({ customerId: 'bob' }));
    await pipe(...allMarkers('xmas', PARTITIONS, 'trigger-1'));
    const first = runs();
    await pipe(
      ...allMarkers('xmas', PARTITIONS, 'trigger-1'),
      ...allMarkers('xmas', PARTITIONS, 'trigger-2'),
    );
    expect(first.filter((o) => o.type === PIPELINE_EVENT_TYPES.runEnd)).toHaveLength(PARTITIONS);
    expect(runs()).toEqual([]);
  });

  it('when tickets arrive for a draw already drawn, then they are reported as late and not added', async () => {
    await pipe(grantMessage({ customerId: 'ann', tickets: 2, total: 2 }), ...allMarkers('xmas', PARTITIONS));
    runs();
    await pipe(grantMessage({ customerId: 'ann', grantId: 'late-1', tickets: 3, total: 5 }));

    const late = { drawId: 'xmas', customerId: 'ann', grantId: 'late-1', tickets: 3 };
    const lateTopic = decoded(driver.readOutput(topics.lateTickets));
    expect(lateTopic.map((o) => [o.type, o.key, o.data])).toEqual([
      [PIPELINE_EVENT_TYPES.lateTicket, 'ann', late],
    ]);
    expect(runs().map((o) => [o.type, o.key, o.data])).toEqual([
      [PIPELINE_EVENT_TYPES.lateTicket, 'xmas', late],
    ]);
    const wallet = (await store(partitionOf('ann')).get(
      walletKeys.customer('xmas', 'ann'),
    )) as CustomerWallet;
    expect(wallet.tickets).toBe(2);
    await expect(store(partitionOf('ann')).get(walletKeys.draw('xmas'))).resolves.toMatchObject({
      lateTickets: 3,
    });
  });

  it('when a grant comes through an activity partition whose marker is in, then it is late; from one whose marker is missing or without the attribute, it counts', async () => {
    const partition = partitionOf('ann');
    const marker = (sourcePartition: number) =>
      markerMessage(partition, { drawId: 'xmas', sourcePartitions: PARTITIONS, sourcePartition });
    await pipe(
      grantMessage({ customerId: 'ann', grantId: 'before', tickets: 1, total: 1 }, 0),
      marker(0),
      grantMessage({ customerId: 'ann', grantId: 'after-0', tickets: 2, total: 3 }, 0),
      grantMessage({ customerId: 'ann', grantId: 'from-1', tickets: 4, total: 5 }, 1),
      grantMessage({ customerId: 'ann', grantId: 'no-attribute', tickets: 8, total: 13 }),
      marker(1),
    );

    const late = decoded<LateTicket>(driver.readOutput(topics.lateTickets));
    expect(late.map((o) => o.data.grantId)).toEqual(['after-0']);
    const wallet = (await store(partition).get(walletKeys.customer('xmas', 'ann'))) as CustomerWallet;
    expect(wallet.tickets).toBe(1 + 4 + 8);
    const ends = runs().filter((o) => o.type === PIPELINE_EVENT_TYPES.runEnd);
    expect(ends.map((o) => o.data)).toContainEqual(
      expect.objectContaining({ partition, entries: 1, tickets: 13 }),
    );
    await expect(store(partition).get(walletKeys.draw('xmas'))).resolves.toMatchObject({ lateTickets: 2 });
  });

  it('when an output is produced, then it continues the timeline of the input that caused it', async () => {
    await pipe(grantMessage({ customerId: 'ann' }), ...allMarkers('xmas', PARTITIONS));
    const [entry] = runs();
    expect(entry!.timeline.map((s) => s.stage)).toEqual(['occurred', 'ticket-wallet.out']);
  });

  it.each([
    ['malformed bytes', { key: 'ann', value: Buffer.from([0xff, 0x00]) }, /CloudEvent|JSON/i],
    ['a grant failing its schema', grantMessage({ customerId: 'ann', tickets: 0 }), /tickets/],
    [
      'an event that is neither grant nor marker',
      eventMessage(
        PIPELINE_EVENT_TYPES.lateTicket,
        { drawId: 'x', customerId: 'ann', grantId: 'g', tickets: 1 },
        'ann',
      ),
      /neither a tickets grant, a draw marker nor a customer exclusion/,
    ],
    [
      'a marker without its source partition',
      { ...markerMessage(0, { sourcePartition: undefined }) },
      /sourcePartition: Required/,
    ],
    [
      'a marker from a partition out of range',
      markerMessage(0, { sourcePartition: 2 }),
      /sourcePartition: Expected below/,
    ],
  ])(
    'when the input is %s, then it is dead-lettered with its reason and its neighbours are processed',
    async (_, bad, reason) => {
      await pipe(grantMessage({ customerId: 'ann', grantId: 'before', tickets: 1, total: 1 }));
      await driver.pipeInput(topics.tickets, { partition: partitionOf('ann'), ...bad });
      await pipe(grantMessage({ customerId: 'ann', grantId: 'after', tickets: 1, total: 2 }));

      const dead = driver.readOutput(`${topics.tickets}.dlq`);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.headers[DeadLetterHeaders.reason]).toMatch(reason);
      expect(dead[0]!.headers[DeadLetterHeaders.originTopic]).toBe(topics.tickets);
      const wallet = (await store(partitionOf('ann')).get(
        walletKeys.customer('xmas', 'ann'),
      )) as CustomerWallet;
      expect(wallet.tickets).toBe(2);
    },
  );

  it('when live counts are read, then a customer gets their count and best ticket, a stranger nothing', async () => {
    await pipe(grantMessage({ customerId: 'ann', tickets: 3, total: 3 }));
    const read = (key: string) => store(partitionOf('ann')).get(key);
    const count = await readLiveCount(read, 'xmas', 'ann');
    const wallet = (await read(walletKeys.customer('xmas', 'ann'))) as CustomerWallet;
    expect(count).toEqual({ drawId: 'xmas', accountId: 'ann', tickets: 3, bestTicket: wallet.best[0] });
    await expect(readLiveCount(read, 'xmas', 'nobody')).resolves.toBeUndefined();
  });

  describe('customer exclusions', () => {
    const exclusion = (customerId: string, excluded: boolean, key: string | null = customerId) => ({
      ...eventMessage(EVENT_TYPES.customerExclusion, { customerId, excluded }, key),
      partition: partitionOf(customerId),
    });
    const tombstone = (customerId: string): TestInput => ({
      key: customerId,
      value: null,
      partition: partitionOf(customerId),
    });
    const exclude = async (...changes: TestInput[]) => {
      for (const change of changes) await driver.pipeInput(topics.exclusions, change);
    };

    it('when customers are excluded, lifted by excluded: false or a tombstone, then the run marks only those still excluded and its end says how far it read', async () => {
      await pipe(...['ann', 'bob', 'cat', 'dan'].map((customerId) => grantMessage({ customerId })));
      await exclude(
        exclusion('ann', true),
        exclusion('bob', true),
        exclusion('cat', true),
        exclusion('bob', false),
        tombstone('cat'),
      );
      await pipe(...allMarkers('xmas', PARTITIONS));
      const outputs = runs();
      const entries = runEntries(outputs);
      const excluded = entries.filter((e) => e.excluded).map((e) => e.customerId);
      expect(excluded).toEqual(['ann']);
      expect(entries).toHaveLength(4);
      const ends = outputs.filter((o) => o.type === PIPELINE_EVENT_TYPES.runEnd).map((o) => o.data as RunEnd);
      // Each partition's end: the offset after the last exclusion record of its own partition.
      const changesIn = (partition: number) =>
        ['ann', 'bob', 'cat', 'bob', 'cat'].filter((c) => partitionOf(c) === partition).length;
      for (const end of ends) expect(end.exclusionsOffset).toBe(String(changesIn(end.partition)));
    });

    it('when an exclusion arrives after the run was sent, then the sent run is unchanged and the next draw sees it', async () => {
      await pipe(grantMessage({ customerId: 'ann' }), grantMessage({ customerId: 'ann', drawId: 'easter' }));
      await pipe(...allMarkers('xmas', PARTITIONS));
      await exclude(exclusion('ann', true));
      await pipe(...allMarkers('easter', PARTITIONS));
      const entries = runEntries(runs());
      expect(entries.map((e) => [e.drawId, e.excluded])).toEqual([
        ['xmas', undefined],
        ['easter', true],
      ]);
    });

    it('when an exclusion comes on the tickets topic or a grant on the exclusions topic, then each is dead-lettered and changes nothing', async () => {
      await pipe(exclusion('ann', true), grantMessage({ customerId: 'ann' }));
      await exclude({ ...grantMessage({ customerId: 'bob' }), partition: partitionOf('bob') });
      await pipe(...allMarkers('xmas', PARTITIONS));
      expect(driver.readOutput(`${topics.tickets}.dlq`)[0]!.headers[DeadLetterHeaders.reason]).toMatch(
        `type: prizedraw.customer-exclusion.v1 does not belong on ${topics.tickets}`,
      );
      expect(driver.readOutput(`${topics.exclusions}.dlq`)[0]!.headers[DeadLetterHeaders.reason]).toMatch(
        `type: prizedraw.tickets-granted.v1 does not belong on ${topics.exclusions}`,
      );
      const entries = runEntries(runs());
      expect(entries.map((e) => [e.customerId, e.excluded])).toEqual([['ann', undefined]]);
    });

    it('when an exclusion names another customer than its key, then it is dead-lettered with the reason and changes nothing', async () => {
      await pipe(grantMessage({ customerId: 'ann' }));
      await exclude({ ...exclusion('ann', true, 'bob'), partition: partitionOf('ann') });
      await pipe(...allMarkers('xmas', PARTITIONS));
      const dead = driver.readOutput(`${topics.exclusions}.dlq`);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.headers[DeadLetterHeaders.reason]).toMatch(
        /customerId: Expected the record key \(bob\)/,
      );
      expect(runEntries(runs())[0]!.excluded).toBeUndefined();
    });
  });
});
