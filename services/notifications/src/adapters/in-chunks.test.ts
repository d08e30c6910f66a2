import { inChunks } from './in-chunks';
import { CallFailed } from './resilient-call';

describe('asking in chunks', () => {
  it('when 1,050 items are asked in chunks of 500, 2 at a time, then three requests answer every item in order', async () => {
    const requests: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const items = Array.from({ length: 1_050 }, (_, i) => i);
    const answers = await inChunks(
      items,
      async (chunk) => {
        requests.push(chunk.length);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return chunk.map((n) => n * 2);
      },
      { size: 500, concurrency: 2 },
    );
    expect(answers).toEqual(items.map((n) => n * 2));
    expect(requests.sort((a, b) => a - b)).toEqual([50, 500, 500]);
    expect(mostInFlight).toBe(2);
  });

  it('when one item makes its chunk refused as invalid, then the others are asked alone and only it answers the refusal', async () => {
    const answers = await inChunks(
      ['a', 'b', 'bad', 'c'],
      async (chunk) => {
        if (chunk.includes('bad')) throw new CallFailed('answered 400: events.2.type', false);
        return chunk.map((item) => item.toUpperCase());
      },
      { size: 4, concurrency: 1 },
    );
    expect(answers.slice(0, 2)).toEqual(['A', 'B']);
    expect(answers[2]).toBeInstanceOf(CallFailed);
    expect(answers[3]).toBe('C');
  });

  it('when a chunk fails otherwise (the service stayed away), then the call fails and asks no further chunk', async () => {
    let asked = 0;
    const call = inChunks(
      Array.from({ length: 10 }, (_, i) => i),
      async (): Promise<number[]> => {
        asked++;
        throw new CallFailed('no answer', true);
      },
      { size: 2, concurrency: 1 },
    );
    await expect(call).rejects.toThrow('no answer');
    expect(asked).toBe(1);
  });
});
