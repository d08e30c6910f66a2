import { createHash } from 'node:crypto';
import { sha256Into } from './sha256-blocks';

describe('sha256 on 32-bit words', () => {
  it('when inputs of 0 to 300 bytes are hashed, then each digest equals createHash', () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff));
    const into = Buffer.alloc(40);
    for (let length = 0; length <= 300; length++) {
      sha256Into(bytes, length, into, 3);
      expect(into.toString('hex', 3, 35)).toBe(
        createHash('sha256').update(bytes.subarray(0, length)).digest('hex'),
      );
    }
  });
});
