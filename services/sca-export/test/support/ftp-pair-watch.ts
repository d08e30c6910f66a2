import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What {@link watchFtpPair} saw. */
export interface FtpPairSightings {
  /** Sizes the `.txt` had under its final name, each seen at least once. */
  txtSizes: Set<number>;
  /** Times a `.hsh` was under its final name while the `.txt` was not. */
  hshWithoutTxt: number;
}

/**
 * Watches SCA's folder on the FTP server (through the server's directory on this machine, every 5 ms) for
 * what SCA could see of `drawId`'s pair under the final names, until `stop()`.
 */
export function watchFtpPair(serverDir: string, drawId: string): { stop(): Promise<FtpPairSightings> } {
  const seen: FtpPairSightings = { txtSizes: new Set(), hshWithoutTxt: 0 };
  let watching = true;
  const done = (async () => {
    while (watching) {
      const names = await readdir(serverDir).catch(() => [] as string[]);
      const txt = names.includes(`${drawId}.txt`)
        ? await stat(join(serverDir, `${drawId}.txt`)).then(
            (info) => info.size,
            () => undefined,
          )
        : undefined;
      if (txt !== undefined) seen.txtSizes.add(txt);
      if (names.includes(`${drawId}.hsh`) && txt === undefined) seen.hshWithoutTxt += 1;
      await sleep(5);
    }
  })();
  return {
    async stop() {
      watching = false;
      await done;
      return seen;
    },
  };
}
