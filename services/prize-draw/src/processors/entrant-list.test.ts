import { entriesRoot, sortEntries } from '@prizedraw/events';
import { EntrantList } from './entrant-list';

function listOf(entries: { accountId: string; tickets: number }[], expected: number): EntrantList {
  const list = new EntrantList(expected);
  for (const { accountId, tickets } of entries) list.push(accountId, tickets);
  return list;
}

describe('EntrantList', () => {
  it('gives back every entrant as pushed, past the room it was made with', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({
      accountId: `account-with-a-long-id-${i}`,
      tickets: i === 7 ? 2 ** 40 : i + 1,
    }));
    const list = listOf(entries, 3);
    expect(list.count).toBe(100);
    expect(list.entries(Uint32Array.from(entries.keys()), 0, 100)).toEqual(entries);
  });

  it('gives back a window of entrants in the order asked', () => {
    const list = listOf(
      [
        { accountId: 'acc-1', tickets: 1 },
        { accountId: 'zoë', tickets: 2 },
      ],
      2,
    );
    expect(list.entries(Uint32Array.of(1, 0), 1, 2)).toEqual([{ accountId: 'acc-1', tickets: 1 }]);
    expect(list.entries(Uint32Array.of(1, 0), 0, 2)).toEqual([
      { accountId: 'zoë', tickets: 2 },
      { accountId: 'acc-1', tickets: 1 },
    ]);
  });

  it('orders entrants as the Merkle leaves go: by the UTF-8 bytes of the account id', () => {
    // Prefixes, a byte above 0x7f, and a code point beyond U+FFFF (which UTF-16 would put before U+FFFD).
    const ids = ['b', 'ab', 'a', 'é', 'z', '😀', '\ufffd', 'a\u0000', 'abc', 'ä'];
    const entries = ids.map((accountId, i) => ({ accountId, tickets: i + 1 }));
    const list = listOf(entries, ids.length);
    expect(list.entries(list.leafOrder(), 0, entries.length)).toEqual(sortEntries(entries));
  });

  it('orders thousands of ids of shared prefixes and mixed lengths as the Merkle leaves go', () => {
    // Enough ids for the radix passes, not only the insertion sort of small ranges; the same random ids each run.
    const alphabet = ['a', 'b', '0', 'é', '😀', '\ufffd', '-'];
    let state = 7;
    const random = (below: number) => {
      state = (state * 48_271) % 2_147_483_647;
      return state % below;
    };
    const ids = new Set<string>();
    while (ids.size < 5_000) {
      const length = random(8);
      ids.add(`acc-${Array.from({ length }, () => alphabet[random(alphabet.length)]).join('')}`);
    }
    const entries = [...ids].map((accountId, i) => ({ accountId, tickets: i }));
    const list = listOf(entries, 10);
    expect(list.entries(list.leafOrder(), 0, entries.length)).toEqual(sortEntries(entries));
  });

  it('has the Merkle root of its entrants in leaf order, hashed from the packed bytes', () => {
    // Ids of several lengths (so the leaf input is resized), beyond ASCII, and counts past 2^32.
    const ids = ['b', 'ab', 'é', '😀', 'x'.repeat(300), '', 'a'.repeat(40), 'abc'];
    for (let count = 0; count <= ids.length; count++) {
      const entries = ids.slice(0, count).map((accountId, i) => ({ accountId, tickets: i * 2 ** 31 + 1 }));
      const list = listOf(entries, 2);
      expect(list.entriesRoot(list.leafOrder())).toBe(entriesRoot(sortEntries(entries)));
    }
  });

  it('has an empty order when nobody entered, and the root of no entries', () => {
    const list = new EntrantList(0);
    expect(list.leafOrder()).toHaveLength(0);
    expect(list.entriesRoot(list.leafOrder())).toBe(entriesRoot([]));
  });
});
