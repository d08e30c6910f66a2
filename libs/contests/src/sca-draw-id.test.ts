import { normalizeRuleset } from './normalize-ruleset';
import { parseScaDrawId, scaDrawId } from './sca-draw-id';

describe('parseScaDrawId', () => {
  it('when the id was made by scaDrawId, then it splits back into its parts', () => {
    const id = scaDrawId({ utmContent: 'mra-to-win-2025-12-01' }, { start: '2026-03-01', end: '2026-03-31' });
    expect(parseScaDrawId(id)).toEqual({
      utmContent: 'mra-to-win-2025-12-01',
      start: '2026-03-01',
      end: '2026-03-31',
    });
  });

  it('when the id has another shape, then it gives undefined', () => {
    expect(parseScaDrawId('summer-draw')).toBeUndefined();
    expect(parseScaDrawId('-2026-03-01-to-2026-03-31')).toBeUndefined();
  });
});

describe('normalizeRuleset', () => {
  it('ignores case and blanks and knows nothing else', () => {
    expect(normalizeRuleset(' GiftCard ')).toBe('gift-card');
    expect(normalizeRuleset('toString')).toBeUndefined();
  });
});
