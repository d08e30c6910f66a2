import type { ScaExportReady } from '@prizedraw/events';
import { Registry } from 'prom-client';
import { countExportOutcomes, exportsCounter } from './sca-export-metrics';

const ready = { drawId: 'weekly-2026-11-30' } as ScaExportReady;

async function outcomes(registry: Registry): Promise<Record<string, number>> {
  const { values } = await exportsCounter(registry).get();
  return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

describe('prizedraw_sca_exports_total', () => {
  it('when registered, then every outcome starts at 0 (a first failure shows as an increase)', async () => {
    expect(await outcomes(new Registry())).toEqual({ submitted: 0, 'already-submitted': 0, failed: 0 });
  });

  it('when exports succeed or were done already, then each counts under its outcome', async () => {
    const registry = new Registry();
    await countExportOutcomes(exportsCounter(registry), async () => 'submitted' as const)(ready);
    await countExportOutcomes(exportsCounter(registry), async () => 'already-submitted' as const)(ready);
    expect(await outcomes(registry)).toEqual({ submitted: 1, 'already-submitted': 1, failed: 0 });
  });

  it('when an export throws, then it counts as failed and the error reaches the worker (which retries)', async () => {
    const registry = new Registry();
    const failing = countExportOutcomes(exportsCounter(registry), async (): Promise<'submitted'> => {
      throw new Error('FTP down');
    });
    await expect(failing(ready)).rejects.toThrow('FTP down');
    expect(await outcomes(registry)).toEqual({ submitted: 0, 'already-submitted': 0, failed: 1 });
  });
});
