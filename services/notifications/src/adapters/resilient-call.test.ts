import pino from 'pino';
import { CallFailed, DependencyUnavailableError, ResilientCall } from './resilient-call';

const logger = pino({ level: 'silent' });

describe('a resilient call', () => {
  it('when attempts fail for a while and then succeed, then the call answers, having counted each failure', async () => {
    let attempts = 0;
    let failures = 0;
    const call = new ResilientCall(
      async (n: number) => {
        attempts += 1;
        if (attempts <= 3) throw new CallFailed('connection refused', true);
        return n * 2;
      },
      {
        name: 'test',
        maxWaitMs: 5_000,
        logger,
        onFailure: () => {
          failures += 1;
        },
      },
    );
    await expect(call.call(21)).resolves.toBe(42);
    expect([attempts, failures]).toEqual([4, 3]);
    call.close();
  });

  it('when the service stays away past the wait, then DependencyUnavailableError says so, retriable, with the breaker open', async () => {
    const opened: boolean[] = [];
    const call = new ResilientCall(
      async () => {
        throw new CallFailed('connection refused', true);
      },
      // Long enough for the breaker's 5 failed calls whatever the load: back-off from 100 ms makes the 5th
      // attempt come 0.75-1.5 s in (at 600 ms, a loaded CI run saw 4 attempts and a closed breaker).
      { name: 'decisions', maxWaitMs: 3_000, logger, onBreaker: (open) => opened.push(open) },
    );
    const error = await call.call(1).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({
      retriable: true,
      message: expect.stringMatching(/^decisions did not answer within 3000 ms/),
    });
    expect(opened).toEqual([true]);
    call.close();
  });

  it('when the request is refused as invalid, then it fails at once, without retries', async () => {
    let attempts = 0;
    const call = new ResilientCall(
      async () => {
        attempts += 1;
        throw new CallFailed('answered 400: data.outcome', false);
      },
      { name: 'test', maxWaitMs: 5_000, logger },
    );
    await expect(call.call(1)).rejects.toThrow('answered 400: data.outcome');
    expect(attempts).toBe(1);
    call.close();
  });
});
