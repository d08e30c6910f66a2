import { createHash } from 'node:crypto';
import { entriesRoot, entryLeaf, inclusionProof, rootFromProof, sortEntries } from './entries-merkle-tree';

const entries = (count: number) =>
  sortEntries(Array.from({ length: count }, (_, i) => ({ accountId: `acc-${i}`, tickets: i + 1 })));

describe('entries Merkle tree', () => {
  it('when any entry of lists of 1 to 70 entries is proven, then its proof leads to the root', () => {
    for (let count = 1; count <= 70; count++) {
      const sorted = entries(count);
      const root = entriesRoot(sorted);
      for (const [index, entry] of sorted.entries())
        expect(rootFromProof(entry, inclusionProof(sorted, index))).toBe(root);
      expect(rootFromProof({ ...sorted[0]!, tickets: 999 }, inclusionProof(sorted, 0))).not.toBe(root);
    }
  });

  it('when there are two entries, then the root is sha256(0x01 ‖ leaf ‖ leaf) of the documented leaves', () => {
    const [a, b] = entries(2);
    const leafOfA = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from([0, 0, 0, 0, 5]),
          Buffer.from('acc-0'),
          Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]),
        ]),
      )
      .digest();
    expect(entryLeaf(a!)).toEqual(leafOfA);
    const root = createHash('sha256')
      .update(Buffer.concat([Buffer.from([1]), leafOfA, entryLeaf(b!)]))
      .digest('hex');
    expect(entriesRoot([a!, b!])).toBe(root);
    expect(entriesRoot([])).toBe(createHash('sha256').digest('hex'));
  });

  it('when ids are not ASCII or long and counts pass 2^32, then every proof still leads to the root', () => {
    const sorted = sortEntries([
      { accountId: 'Zoë', tickets: 1 },
      { accountId: '😀', tickets: 2 ** 32 + 5 },
      { accountId: 'x'.repeat(300), tickets: 3 },
      { accountId: '', tickets: 4 },
      { accountId: '\uffff', tickets: 5 },
    ]);
    const root = entriesRoot(sorted);
    for (const [index, entry] of sorted.entries())
      expect(rootFromProof(entry, inclusionProof(sorted, index))).toBe(root);
  });

  it('when account ids differ beyond ASCII, then leaves go in UTF-8 byte order', () => {
    // UTF-16 code units (JavaScript string order) put U+1F600 (D83D…) before U+FF5E; UTF-8 bytes (F0… > EF…) after.
    const sorted = sortEntries([
      { accountId: '😀', tickets: 1 },
      { accountId: '～', tickets: 1 },
      { accountId: 'Z', tickets: 1 },
    ]);
    expect(sorted.map((e) => e.accountId)).toEqual(['Z', '～', '😀']);
  });

  it('when ids mix every range of UTF-16 code units and prefixes, then the order is that of their UTF-8 bytes', () => {
    const ids = [
      '',
      'a',
      'ab',
      'a\u00e9',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      '\u{10000}',
      '\u{10ffff}',
      'a\u{1f600}b',
      'a\uffffb',
    ];
    const byBytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    const shuffled = [...ids].reverse().map((accountId) => ({ accountId, tickets: 1 }));
    expect(sortEntries(shuffled).map((e) => e.accountId)).toEqual(byBytes);
  });
});
