import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import { releaseWindows } from './release-windows';

const draw = (drawId: string, promoCode: string, opensAt: string, closesAt: string) =>
  buildDrawDefinition({ drawId, promoCode, opensAt, closesAt });
const at = (iso: string) => Date.parse(iso);

describe('releaseWindows', () => {
  it('when draws of a promotion follow on or overlap, then they make one window; a gap or another promotion starts a new one', () => {
    const windows = releaseWindows([
      draw('b-2', 'B', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'),
      draw('a-3', 'A', '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'),
      draw('a-1', 'A', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      draw('a-2', 'A', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'),
      draw('a-week', 'A', '2026-01-01T12:00:00Z', '2026-01-02T12:00:00Z'),
      draw('b-1', 'B', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
    ]);

    expect(windows).toEqual([
      { promoCode: 'A', opensAt: at('2026-01-01T00:00:00Z'), closesAt: at('2026-01-03T00:00:00Z') },
      { promoCode: 'A', opensAt: at('2026-01-05T00:00:00Z'), closesAt: at('2026-01-06T00:00:00Z') },
      { promoCode: 'B', opensAt: at('2026-01-01T00:00:00Z'), closesAt: at('2026-01-03T00:00:00Z') },
    ]);
  });

  it('when a window lies inside an earlier one, then the earlier one keeps its end', () => {
    const windows = releaseWindows([
      draw('month', 'A', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
      draw('day', 'A', '2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z'),
    ]);

    expect(windows).toEqual([
      { promoCode: 'A', opensAt: at('2026-01-01T00:00:00Z'), closesAt: at('2026-02-01T00:00:00Z') },
    ]);
  });
});
