import type { DrawDefined } from '@prizedraw/events';
import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import { InMemoryDrawDefinitions } from './draw-definitions';

const draw = (drawId: string, overrides: Partial<DrawDefined> = {}) =>
  buildDrawDefinition({ drawId, ...overrides });

describe('InMemoryDrawDefinitions', () => {
  it('when draws are defined, redefined and removed, then the version grows and changedSince names what changed after it', () => {
    const definitions = new InMemoryDrawDefinitions([draw('a'), draw('b')]);
    const seen = definitions.version();
    definitions.put(draw('b', { closesAt: '2024-12-31T00:00:00.000Z' }));
    definitions.put(draw('c'));
    definitions.remove('a');

    expect(definitions.version()).toBeGreaterThan(seen);
    expect(definitions.changedSince(seen).map((d) => [d.drawId, d.closesAt])).toEqual([
      ['b', '2024-12-31T00:00:00.000Z'],
      ['c', '2024-12-01T00:00:00.000Z'],
    ]);
    expect(
      definitions
        .changedSince(0)
        .map((d) => d.drawId)
        .sort(),
    ).toEqual(['b', 'c']);
    expect(definitions.changedSince(definitions.version())).toEqual([]);
  });

  it('when a draw is awaited, then it resolves as soon as it is defined, at once when it already is, and with undefined after the timeout', async () => {
    const definitions = new InMemoryDrawDefinitions([draw('known')]);
    await expect(definitions.whenDefined('known', 10)).resolves.toMatchObject({ drawId: 'known' });

    const started = Date.now();
    const awaited = definitions.whenDefined('later', 5_000);
    setTimeout(() => definitions.put(draw('later')), 20);
    await expect(awaited).resolves.toMatchObject({ drawId: 'later' });
    expect(Date.now() - started).toBeLessThan(5_000);

    await expect(definitions.whenDefined('never', 30)).resolves.toBeUndefined();
  });

  it('when definitions repeat values, then the table keeps one frozen copy of each and returns every definition as it was put', () => {
    const prizes = [{ prizeId: 'sca', name: 'Drawn by SCA', quantity: 1 }];
    const monday = draw('contest-monday', {
      prizes,
      tags: ['sca', 'site-7'],
      seedCommitment: 'a'.repeat(64),
    });
    const tuesday = draw('contest-tuesday', { prizes: structuredClone(prizes), tags: ['sca', 'site-7'] });
    const definitions = new InMemoryDrawDefinitions([monday, tuesday]);

    const kept = [definitions.get('contest-monday')!, definitions.get('contest-tuesday')!];
    expect(kept).toEqual([monday, tuesday]);
    expect(kept[1]!.prizes).toBe(kept[0]!.prizes);
    expect(kept[1]!.tags).toBe(kept[0]!.tags);
    expect(Object.isFrozen(kept[0]!.prizes[0])).toBe(true);
    expect(() => (kept[0]!.tags as string[]).push('changed')).toThrow(TypeError);
    // The caller's own definition is not frozen.
    expect(Object.isFrozen(monday.prizes)).toBe(false);
  });
});
