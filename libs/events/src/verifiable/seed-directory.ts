import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEED_BYTES } from './draw-scheme';

const SEED_HEX = /^[0-9a-f]{64}$/;

/**
 * Draw seeds kept as files in a directory only the wallet, the draw service and `prizedraw draws define`
 * can read (`SEED_DIR`, mode 0700; each file `<encodeURIComponent(drawId)>.seed`, mode 0600, the seed as 64
 * lowercase hex characters and a newline). A seed is created once per draw and never replaced, so defining a
 * draw again keeps its commitment. Seeds are secrets: never logged.
 */
export class SeedDirectory {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #path(drawId: string): string {
    return join(this.#dir, `${encodeURIComponent(drawId)}.seed`);
  }

  /** The draw's seed, or undefined when there is none. A malformed file is an error naming the file. */
  async read(drawId: string): Promise<Buffer | undefined> {
    let text: string;
    try {
      text = await readFile(this.#path(drawId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const hex = text.trim();
    if (!SEED_HEX.test(hex)) throw new Error(`${this.#path(drawId)}: expected 64 lowercase hex characters`);
    return Buffer.from(hex, 'hex');
  }

  /** The draw's seed, created (256 random bits, exclusively, mode 0600) when it has none yet. */
  async readOrCreate(drawId: string): Promise<Buffer> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const seed = randomBytes(SEED_BYTES);
    try {
      const file = await open(this.#path(drawId), 'wx', 0o600);
      await file.writeFile(`${seed.toString('hex')}\n`).finally(() => file.close());
      return seed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await this.read(drawId))!;
    }
  }
}

/** Reads draws' seeds from `dir` (`SEED_DIR`); without one, no draw has a seed. */
export function seedsIn(dir: string | undefined): (drawId: string) => Promise<Buffer | undefined> {
  if (dir === undefined) return async () => undefined;
  const directory = new SeedDirectory(dir);
  return (drawId) => directory.read(drawId);
}
