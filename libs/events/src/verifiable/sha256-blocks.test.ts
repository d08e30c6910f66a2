import { createHash } from 'node:crypto';
import { compressBlock, SHA256_IV } from './sha256-blocks';

/** sha256 of `bytes` by FIPS 180-4's padding (0x80, zeros, bit length) around {@link compressBlock}. */
function sha256ByBlocks(bytes: Buffer): string {
  const padded = Buffer.alloc(Math.ceil((bytes.length + 9) / 64) * 64);
  bytes.copy(padded);
  padded[bytes.length] = 0x80;
  padded.writeUInt32BE(Math.floor((bytes.length * 8) / 2 ** 32), padded.length - 8);
  padded.writeUInt32BE((bytes.length * 8) % 2 ** 32, padded.length - 4);
  const words = Int32Array.from({ length: padded.length / 4 }, (_, i) => padded.readInt32BE(i * 4));
  const state = Int32Array.from(SHA256_IV);
  for (let block = 0; block < words.length; block += 16) compressBlock(state, words, block);
  const digest = Buffer.alloc(32);
  for (let word = 0; word < 8; word++) digest.writeInt32BE(state[word]!, word * 4);
  return digest.toString('hex');
}

describe('sha256 compression on 32-bit words', () => {
  it('when inputs of 0 to 300 bytes are hashed block by block, then each digest equals createHash', () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff));
    for (let length = 0; length <= 300; length++) {
      const input = bytes.subarray(0, length);
      expect(sha256ByBlocks(input)).toBe(createHash('sha256').update(input).digest('hex'));
    }
  });
});
