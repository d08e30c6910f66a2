import { pooledRandomBytes } from './pooled-random-bytes';

describe('pooled random bytes', () => {
  // A fill that writes a running counter, so every byte handed out shows where in which pool it came from.
  function countingFill() {
    let next = 0;
    const fills: number[] = [];
    const fill = (buffer: Buffer) => {
      fills.push(buffer.length);
      for (let i = 0; i < buffer.length; i++) buffer[i] = next++ % 256;
    };
    return { fill, fills };
  }

  it('when requests fit the pool, then they are consecutive slices of one fill until it runs short', () => {
    const { fill, fills } = countingFill();
    const random = pooledRandomBytes({ poolBytes: 10, fill });
    expect([...random(4)]).toEqual([0, 1, 2, 3]);
    expect([...random(4)]).toEqual([4, 5, 6, 7]);
    // Two bytes left, three asked: a new pool, the two left over never handed out.
    expect([...random(3)]).toEqual([10, 11, 12]);
    expect(fills).toEqual([10, 10]);
  });

  it('when a request is larger than the pool, then it is filled on its own and the pool is kept', () => {
    const { fill, fills } = countingFill();
    const random = pooledRandomBytes({ poolBytes: 8, fill });
    expect([...random(2)]).toEqual([0, 1]);
    expect(random(20)).toHaveLength(20);
    expect([...random(2)]).toEqual([2, 3]);
    expect(fills).toEqual([8, 20]);
  });

  it('when a slice is changed by its caller, then the pool and later slices are not', () => {
    const { fill } = countingFill();
    const random = pooledRandomBytes({ poolBytes: 8, fill });
    random(2).fill(0xff);
    expect([...random(2)]).toEqual([2, 3]);
  });

  it('with the default CSPRNG, then requests get distinct bytes of the size asked', () => {
    const random = pooledRandomBytes();
    const seen = new Set(Array.from({ length: 10_000 }, () => random(16).toString('hex')));
    expect(seen.size).toBe(10_000);
    expect(random(100_000)).toHaveLength(100_000);
  });
});
