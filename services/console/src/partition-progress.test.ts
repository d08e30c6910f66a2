import { PartitionProgressTable } from './partition-progress';

describe('PartitionProgressTable', () => {
  it('when runs and results come from two partitions, then each row counts its own, in partition order', () => {
    const table = new PartitionProgressTable();
    table.runEntries(1, 1);
    table.runEntries(0, 1);
    table.runEntries(1, 1);
    table.runEnded({ drawId: 'd1', partition: 1, partitions: 2, entries: 2, tickets: 5 });
    table.result(1);
    expect(table.rows()).toEqual([
      { partition: 0, runEntries: 1, runEnded: false, results: 0 },
      { partition: 1, runEntries: 2, runEnded: true, results: 1 },
    ]);
    expect(table.expected).toBe(2);
  });
});
