import { BatchLanes } from './batch-lanes';

// A batch runner that the test finishes by hand, recording every batch it was given.
function controlledRunner() {
  const batches: { items: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        items,
        finish: () => resolve(items.map((item) => `done ${item}`)),
        fail: reject,
      });
    });
  return { batches, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchLanes', () => {
  it('when lanes are free, then each item runs at once in a batch of its own', async () => {
    const { batches, run } = controlledRunner();
    const lanes = new BatchLanes({ lanes: 2, maxBatch: 10, run });

    const results = [lanes.submit(1), lanes.submit(2)];

    expect(batches.map((batch) => batch.items)).toEqual([[1], [2]]);
    for (const batch of batches) batch.finish();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2']);
  });

  it('when every lane is busy, then the items that wait meanwhile go together, maxBatch at a time', async () => {
    const { batches, run } = controlledRunner();
    const lanes = new BatchLanes({ lanes: 1, maxBatch: 3, run });
    const results = [1, 2, 3, 4, 5, 6].map((item) => lanes.submit(item));

    batches[0]!.finish();
    await settle();
    batches[1]!.finish();
    await settle();
    batches[2]!.finish();

    expect(batches.map((batch) => batch.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5, 6].map((item) => `done ${item}`));
  });

  it('when a batch fails, then each of its items is rejected and the next batch still runs', async () => {
    const { batches, run } = controlledRunner();
    const lanes = new BatchLanes({ lanes: 1, maxBatch: 5, run });
    const first = lanes.submit(1);
    const waiting = Promise.allSettled([lanes.submit(2), lanes.submit(3)]);

    batches[0]!.finish();
    await settle();
    batches[1]!.fail(new Error('deadlock'));
    const later = lanes.submit(4);
    await settle();
    batches[2]!.finish();

    await expect(first).resolves.toBe('done 1');
    for (const result of await waiting)
      expect(result).toMatchObject({ status: 'rejected', reason: { message: 'deadlock' } });
    await expect(later).resolves.toBe('done 4');
  });
});
