import { compareExcluded, type ExclusionChange, excludedAtOffsets } from './check-exclusions';

const change = (
  partition: number,
  offset: number,
  customerId: string,
  excluded: boolean,
): ExclusionChange => ({
  partition,
  offset: String(offset),
  customerId,
  excluded,
});

describe('the exclusion status a draw record claims', () => {
  const changes = [
    change(0, 0, 'ann', true),
    change(0, 1, 'bob', true),
    change(0, 2, 'ann', false),
    change(1, 0, 'cat', true),
    change(0, 3, 'bob', false),
  ];

  it('when changes lie before and after the offsets, then only those before count, the last one per customer', () => {
    const offsets = [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '1' },
    ];
    expect([...excludedAtOffsets(changes, offsets)].sort()).toEqual(['bob', 'cat']);
  });

  it('when a partition has no offset in the record, then none of its changes count', () => {
    expect([...excludedAtOffsets(changes, [{ partition: 0, offset: '2' }])].sort()).toEqual(['ann', 'bob']);
  });

  it('when the record and the topic disagree, then each entrant is named; excluded non-entrants do not matter', () => {
    const onTopic = new Set(['bob', 'cat', 'dan']);
    const entrants = new Set(['ann', 'bob', 'cat']);
    expect(compareExcluded({ excluded: ['ann', 'bob'] }, entrants, onTopic)).toEqual([
      'entrant cat: excluded on the exclusions topic before the offsets, not in the record',
      'entrant ann: excluded in the record, not on the exclusions topic before the offsets',
    ]);
    expect(compareExcluded({ excluded: ['bob', 'cat'] }, entrants, onTopic)).toEqual([]);
  });
});
