import { readFile } from 'node:fs/promises';
import {
  type DrawDefined,
  EVENT_TYPES,
  parseEventData,
  SeedDirectory,
  withSeedCommitment,
} from '@prizedraw/events';
import { topicsOf } from '@prizedraw/service';
import { parse as parseYaml } from 'yaml';
import { say } from '../output';
import { publish } from '../publish';
import type { SeedConfig } from '../seed-config';

/** Reads one draw or a list of draws (JSON or YAML) and validates each; errors name the draw and field. */
export async function readDrawFile(path: string): Promise<DrawDefined[]> {
  const text = await readFile(path, 'utf8');
  const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  const draws = Array.isArray(parsed) ? parsed : [parsed];
  return draws.map((draw, index) => {
    try {
      return parseEventData(EVENT_TYPES.drawDefined, draw);
    } catch (error) {
      const where = draws.length > 1 ? `draw #${index + 1}` : 'the draw';
      throw new Error(`${path}: ${where} is invalid: ${(error as Error).message}`);
    }
  });
}

/**
 * `prizedraw draws define FILE`: writes each definition to the compacted definitions topic; with `SEED_DIR`
 * set, each in-house draw first gets a secret seed there and its commitment in the definition.
 */
export async function drawsDefine(config: SeedConfig, path: string): Promise<void> {
  const read = await readDrawFile(path);
  const seeds = config.SEED_DIR === undefined ? undefined : new SeedDirectory(config.SEED_DIR);
  const draws = seeds ? await Promise.all(read.map((draw) => withSeedCommitment(draw, seeds))) : read;
  const topic = topicsOf(config).definitions;
  await publish(
    config,
    topic,
    draws.map((draw) => ({ type: EVENT_TYPES.drawDefined, key: draw.drawId, data: draw })),
  );
  for (const draw of draws) {
    const verifiable = draw.seedCommitment ? `seed commitment ${draw.seedCommitment}` : 'not verifiable';
    say(
      `defined ${draw.drawId} (${draw.promoCode}, ${draw.opensAt} → ${draw.closesAt}) on ${topic}, ${verifiable}`,
    );
  }
}
