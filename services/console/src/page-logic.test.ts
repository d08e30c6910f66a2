import { definitionOf } from '../web/draw-definition';
import {
  bucketLabel,
  fullVerificationText,
  markersText,
  partitionLines,
  verificationText,
} from '../web/draw-texts';

// What the page works out without the DOM (web/*.ts): the define form's body and what a draw page says.

describe('the define form', () => {
  const form = (fields: Record<string, string>) => definitionOf((name) => fields[name] ?? '');

  it('when every field is filled, then the body has the prizes a line each, the milestones and the default prize', () => {
    expect(
      form({
        drawId: ' d-1 ',
        promoCode: 'P',
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2026-01-02T00:00:00Z',
        timezone: 'Europe/London',
        administrator: 'in-house',
        stakePerTicketMinor: '500',
        milestones: '10, 50',
        prizes: 'car, A car, 1\n\nspins, 10 free spins, 2\n',
        defaultPrize: 'tee, A tee, cotton',
      }),
    ).toEqual({
      drawId: 'd-1',
      promoCode: 'P',
      opensAt: '2026-01-01T00:00:00Z',
      closesAt: '2026-01-02T00:00:00Z',
      timezone: 'Europe/London',
      administrator: 'in-house',
      stakePerTicketMinor: 500,
      milestones: [10, 50],
      prizes: [
        { prizeId: 'car', name: 'A car', quantity: 1 },
        { prizeId: 'spins', name: '10 free spins', quantity: 2 },
      ],
      defaultPrize: { prizeId: 'tee', name: 'A tee,cotton' },
    });
  });

  it('when the optional fields are empty, then there is no stake, no milestones and no default prize', () => {
    const body = form({ drawId: 'd-1', prizes: 'car, A car, 1' });
    expect(body).not.toHaveProperty('stakePerTicketMinor');
    expect(body.milestones).toEqual([]);
    expect(body.defaultPrize).toBeNull();
  });
});

describe('a draw page', () => {
  it('when markers and runs name different partitions, then there is one line each, in partition order', () => {
    const lines = partitionLines(
      [{ partition: 1, runEntries: 3, runEnded: true, results: 3 }],
      [{ partition: 0, markers: [0], sourcePartitions: 2 }],
    );
    expect(lines.map((l) => [l.partition, l.runEntries, l.markers?.markers])).toEqual([
      [0, 0, [0]],
      [1, 3, undefined],
    ]);
  });

  it('when a partition has seen some, all or none of its markers, then it says so', () => {
    expect(markersText({ partition: 0, markers: [0, 1], sourcePartitions: 2 }, false, true)).toBe(
      '2 of 2 (from 0, 1)',
    );
    expect(markersText({ partition: 0, markers: [], sourcePartitions: 2 }, false, true)).toBe('0 of 2');
    expect(markersText(undefined, true, false)).toBe('all (its run ended)');
    expect(markersText(undefined, false, true)).toBe('none yet');
    expect(markersText(undefined, false, false)).toBe('not known (no wallet instance answered)');
  });

  it('when buckets are one number, a range or open, then their labels say so', () => {
    expect([
      bucketLabel({ from: 1, to: 1 }),
      bucketLabel({ from: 2, to: 4 }),
      bucketLabel({ from: 100, to: null }),
    ]).toEqual(['1', '2–4', '100+']);
  });

  it('when the seed matches or the record is missing, then the verification says so', () => {
    expect(verificationText('d-1', 'completed', undefined)).toBe('No draw record published yet.');
    expect(verificationText('d-1', 'open', undefined)).toBe('');
    expect(verificationText('d-1', 'completed', { verifiable: false })).toBe(
      'Not verifiable: no seed commitment.',
    );
    expect(
      verificationText('d-1', 'completed', {
        verifiable: true,
        seedMatchesCommitment: true,
        resultsHash: 'ab',
      }),
    ).toMatch(/^Verifiable: its revealed seed matches the commitment; results hash ab\./);
  });

  it('when prizedraw verify runs, passes or differs, then the page says which', () => {
    const ran = { startedAt: 's', finishedAt: 'f', summary: 'ok' };
    expect(fullVerificationText(undefined)).toBe('');
    expect(fullVerificationText({ ...ran, state: 'running' })).toBe('prizedraw verify is running (since s)…');
    expect(fullVerificationText({ ...ran, state: 'verified' })).toBe('Verified by prizedraw verify at f: ok');
    expect(fullVerificationText({ ...ran, state: 'differs', summary: null })).toBe(
      'prizedraw verify found differences at f:',
    );
    expect(fullVerificationText({ ...ran, state: 'failed' })).toBe(
      'prizedraw verify could not run to its end: ok',
    );
  });
});
