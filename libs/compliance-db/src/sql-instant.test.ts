import { sqlInstantToIso } from './sql-instant';

describe('sqlInstantToIso', () => {
  it.each([
    ['2026-03-08 12:00:00.123', '2026-03-08T12:00:00.123Z'],
    ['2026-03-08 12:00:00', '2026-03-08T12:00:00.000Z'],
    ['2026-03-08 12:00:00.1', '2026-03-08T12:00:00.100Z'],
    ['2026-03-08 12:00:00.123456', '2026-03-08T12:00:00.123Z'],
  ])('when the server sends %s, then the instant is %s', (text, iso) => {
    expect(sqlInstantToIso(text)).toBe(iso);
    expect(new Date(iso).toISOString()).toBe(iso);
  });

  it('when given a Date, then it is printed as ISO UTC', () => {
    expect(sqlInstantToIso(new Date('2026-03-08T12:00:00.123Z'))).toBe('2026-03-08T12:00:00.123Z');
  });
});
