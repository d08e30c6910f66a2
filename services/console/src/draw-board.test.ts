import { InMemoryDrawDefinitions } from '@prizedraw/service';
import { buildDrawDefinition } from '../../../test/support/pipeline-inputs';
import { DrawBoard } from './draw-board';

const HOUR_MS = 3_600_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');

/** Draw `n` of 250: three draws close in each hour, the later hours first by n, ids out of that order. */
const draw = (n: number) => {
  const closesAt = new Date(NOW + Math.floor(n / 3) * HOUR_MS).toISOString();
  const opensAt = new Date(Date.parse(closesAt) - 24 * HOUR_MS).toISOString();
  return buildDrawDefinition({ drawId: `draw-${(n * 7) % 250}`, opensAt, closesAt });
};

/** Every page of the list, walking `next` from the first. */
function walk(board: DrawBoard, limit: number): string[][] {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = board.list(NOW, { limit, after })!;
    pages.push(page.draws.map((summary) => summary.drawId));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}

describe('DrawBoard list', () => {
  it('when the draws are listed a page at a time, then every draw comes once, latest closing first and then by id', () => {
    const definitions = new InMemoryDrawDefinitions(Array.from({ length: 250 }, (_, n) => draw(n)));
    const board = new DrawBoard(definitions, 0);

    const first = board.list(NOW, { limit: 100 })!;
    const pages = walk(board, 100);

    expect([first.total, first.draws.length, first.next]).toEqual([250, 100, first.draws[99]!.drawId]);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    const listed = pages.flat();
    const expected = definitions
      .changedSince(0)
      .sort((a, b) => Date.parse(b.closesAt) - Date.parse(a.closesAt) || (a.drawId < b.drawId ? -1 : 1))
      .map((definition) => definition.drawId);
    expect(listed).toEqual(expected);
    expect(new Set(listed).size).toBe(250);
  });

  it('when a draw is redefined to close later, then the next list puts it first', () => {
    const definitions = new InMemoryDrawDefinitions(Array.from({ length: 10 }, (_, n) => draw(n)));
    const board = new DrawBoard(definitions, 0);
    expect(board.list(NOW, { limit: 1 })!.draws[0]!.drawId).not.toBe('draw-0');

    definitions.put({ ...draw(0), closesAt: new Date(NOW + 100 * HOUR_MS).toISOString() });

    expect(board.list(NOW, { limit: 1 })!.draws[0]!.drawId).toBe('draw-0');
  });

  it('when the page after an unknown draw is asked for, then there is none; after the last draw, an empty last page', () => {
    const definitions = new InMemoryDrawDefinitions(Array.from({ length: 3 }, (_, n) => draw(n)));
    const board = new DrawBoard(definitions, 0);
    const [last] = walk(board, 3)[0]!.slice(-1);

    expect(board.list(NOW, { limit: 10, after: 'no-such-draw' })).toBeUndefined();
    expect(board.list(NOW, { limit: 10, after: last })).toEqual({ draws: [], total: 3, next: null });
  });
});
