import { localDateAt } from './local-date';

describe('localDateAt', () => {
  it.each([
    ['2026-03-28T23:59:59.999Z', 'Europe/London', '2026-03-28'],
    ['2026-03-29T00:00:00Z', 'Europe/London', '2026-03-29'],
    ['2026-03-29T22:59:59.999Z', 'Europe/London', '2026-03-29'], // BST from 01:00 UTC: a day of 23 hours
    ['2026-03-29T23:00:00Z', 'Europe/London', '2026-03-30'],
    ['2026-11-01T04:59:59Z', 'America/New_York', '2026-11-01'], // EST from 06:00 UTC: a day of 25 hours
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    ['2026-01-01T10:59:59Z', 'Pacific/Auckland', '2026-01-01'],
  ])('when the instant is %s in %s, then the local day is %s', (instant, zone, expected) => {
    expect(localDateAt(new Date(instant), zone)).toBe(expected);
  });
});
