import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { topicsOf } from '@prizedraw/service';
import { ConfigResourceTypes } from 'kafkajs';
import { brokers, uniqueName, withAdmin } from '../support/kafka';

// The Kubernetes topics Job runs exactly this: the built CLI, `prizedraw topics create`, configured by env.

const CLI = join(__dirname, '../../services/cli/dist/main.js');

async function topicsCreate(env: Record<string, string>) {
  const run = promisify(execFile)(process.execPath, [CLI, 'topics', 'create'], {
    env: { ...process.env, KAFKA_BROKERS: brokers().join(','), ...env },
  });
  return run.then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('prizedraw topics create', () => {
  it('when run for a new brand, then every pipeline topic exists with PARTITIONS partitions, definitions and draw records compacted', async () => {
    const brand = uniqueName('topics');
    const run = await topicsCreate({ BRAND: brand, PARTITIONS: '3' });

    expect(run).toMatchObject({ code: 0 });
    const { messageDeletes, ...ofBrand } = topicsOf({ DC: 'local', BRAND: brand });
    for (const name of [...Object.values(ofBrand), messageDeletes]) expect(run.stdout).toContain(name);
    await withAdmin(async (admin) => {
      // The brand's own topics; the delete instructions' topic is shared by every brand, made by the first.
      const names = Object.values(ofBrand);
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      expect(topics.map((topic) => topic.partitions.length)).toEqual(names.map(() => 3));
      const { definitions, records } = ofBrand;
      const { resources } = await admin.describeConfigs({
        resources: [definitions, records].map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
        includeSynonyms: false,
      });
      const policies = resources.map(
        (resource) =>
          resource.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue,
      );
      expect(policies).toEqual(['compact', 'compact']);
    });
  });

  it('when run again, then it succeeds and changes nothing (the Job may be re-run)', async () => {
    const brand = uniqueName('topics');
    expect(await topicsCreate({ BRAND: brand, PARTITIONS: '2' })).toMatchObject({ code: 0 });
    const again = await topicsCreate({ BRAND: brand, PARTITIONS: '2' });
    expect(again).toMatchObject({ code: 0 });
  });

  it('when a topic exists with another partition count, then it exits 1 naming the topic', async () => {
    const brand = uniqueName('topics');
    expect(await topicsCreate({ BRAND: brand, PARTITIONS: '2' })).toMatchObject({ code: 0 });
    const mismatch = await topicsCreate({ BRAND: brand, PARTITIONS: '4' });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(`${topicsOf({ DC: 'local', BRAND: brand }).activity} (2)`);
  });

  it('when a setting is invalid, then it exits 1 naming the variable', async () => {
    const run = await topicsCreate({ PARTITIONS: 'eight' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PARTITIONS: .*\(got "eight"\)/);
  });
});
