import { fullVerificationOf } from './full-verification';

const at = ['2026-12-24T18:00:00.000Z', '2026-12-24T18:00:05.000Z'] as const;

describe('fullVerificationOf', () => {
  it('when prizedraw verify exits 0, then the draw is verified with its summary line', () => {
    const outcome = fullVerificationOf(
      { stdout: 'draw d verified: 5 entrants, 10 tickets, 3 winners recomputed\n', stderr: '' },
      0,
      ...at,
    );
    expect(outcome).toEqual({
      state: 'verified',
      startedAt: at[0],
      finishedAt: at[1],
      summary: 'draw d verified: 5 entrants, 10 tickets, 3 winners recomputed',
      problems: [],
    });
  });

  it('when it exits 1 naming differences, then each is a problem', () => {
    const outcome = fullVerificationOf(
      { stdout: 'differs: the results hash is x, not y\ndiffers: c-1 rank 2, not 1\n', stderr: '' },
      1,
      ...at,
    );
    expect(outcome.state).toBe('differs');
    expect(outcome.problems).toEqual(['the results hash is x, not y', 'c-1 rank 2, not 1']);
  });

  it('when it exits 1 saying the draw has no record, then that is the summary of the difference', () => {
    const outcome = fullVerificationOf(
      { stdout: 'draw d has no record on t: not completed\n', stderr: '' },
      1,
      ...at,
    );
    expect(outcome).toMatchObject({ state: 'differs', summary: 'draw d has no record on t: not completed' });
  });

  it('when it could not run (an error on stderr, nothing on stdout, or a signal), then it failed, saying why', () => {
    expect(fullVerificationOf({ stdout: '', stderr: 'error: KAFKA_BROKERS: bad\n' }, 1, ...at)).toMatchObject(
      {
        state: 'failed',
        summary: 'error: KAFKA_BROKERS: bad',
      },
    );
    expect(fullVerificationOf({ stdout: '', stderr: '' }, null, ...at).summary).toBe(
      'prizedraw verify ended with a signal',
    );
  });

  it('when it lists more than 50 differences, then the first 50 are kept and the rest counted', () => {
    const stdout = Array.from({ length: 60 }, (_, i) => `differs: ${i}`).join('\n');
    const { problems } = fullVerificationOf({ stdout, stderr: '' }, 1, ...at);
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)).toBe('… and 10 more');
  });
});
