import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';

// patches/classic-level@3.0.0.patch turns off leveldb's mmap reads, so that the tables a store reads do not
// count in the process's resident memory (docs/stream-runtime.md). The prebuilt binaries classic-level ships
// map them: this fails if the install loaded one of those instead of the patched build.
describe('LevelDB table reads', () => {
  it('when a store reads back tables it wrote, then no table file is mapped into the process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'level-table-reads-'));
    const db = new Level<string, string>(dir, { writeBufferSize: 256 * 1024 });
    try {
      const value = 'x'.repeat(1_000);
      for (let batch = 0; batch < 8; batch++) {
        await db.batch(
          Array.from({ length: 500 }, (_, i) => ({
            type: 'put' as const,
            key: `key-${batch}-${String(i).padStart(4, '0')}`,
            value,
          })),
        );
      }
      let read = 0;
      for await (const _ of db.keys()) read++;

      expect(read).toBe(4_000);
      expect(readdirSync(dir).filter((file) => file.endsWith('.ldb')).length).toBeGreaterThan(1);
      expect(await db.get('key-0-0000')).toBe(value);
      const mappedTables = readFileSync('/proc/self/maps', 'utf8')
        .split('\n')
        .filter((line) => line.includes(dir) && line.endsWith('.ldb'));
      expect(mappedTables).toEqual([]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
