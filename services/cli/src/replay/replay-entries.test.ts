import { compareEntries } from './replay-entries';

describe('compareEntries', () => {
  it('when the replay and the record differ, then each entrant that differs is named with both counts', () => {
    const recorded = [
      { accountId: 'ann', tickets: 3 },
      { accountId: 'bob', tickets: 2 },
      { accountId: 'cat', tickets: 1 },
    ];
    const replayed = [
      { accountId: 'ann', tickets: 3 },
      { accountId: 'bob', tickets: 1 },
      { accountId: 'dan', tickets: 4 },
    ];
    expect(compareEntries(recorded, replayed)).toEqual([
      'entrant bob: the record says 2 tickets, the replay gives 1',
      'entrant cat: in the record, not in the replay',
      'entrant dan: 4 tickets in the replay, not in the record',
    ]);
    expect(compareEntries(recorded, recorded)).toEqual([]);
  });
});
