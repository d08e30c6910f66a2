import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  DRAW_RECORD_FILE_END,
  type DrawResult,
  drawRecordFileHead,
  drawRecordFileLine,
  type RecordEntry,
} from '@prizedraw/events';
import { type BaseConfig, topicsOf } from '@prizedraw/service';
import { Kafka, logLevel } from 'kafkajs';
import { say } from '../output';
import { accountProof } from '../verify/account-proof';
import { checkExclusions } from '../verify/check-exclusions';
import type { PublishedDraw } from '../verify/published-draw';
import { checkCutoffs, readPublishedDraw } from '../verify/read-published-draw';
import { verifyPublishedDraw } from '../verify/verify-published-draw';

/** Options of `prizedraw verify`. */
export interface VerifyOptions {
  /** Print this entrant's inclusion proof and recomputed tickets. */
  account?: string;
  /** Write record.json and results.json here, for tools/verify-draw.mjs. */
  save?: string;
}

/** JSON array members one per line (as in a draw record file): the standalone verifier reads them line by line. */
async function* memberLines(items: readonly (RecordEntry | DrawResult)[]): AsyncGenerator<string> {
  for (const [i, item] of items.entries()) yield drawRecordFileLine(item, i + 1 === items.length);
}

/**
 * Writes the published draw as the standalone verifier reads it: `record.json` (the draw record file: the
 * record, then its `entries` one per line) and `results.json` (one result per line), both plain JSON.
 */
export async function savePublishedDraw(dir: string, { record, entries, results }: PublishedDraw) {
  await mkdir(dir, { recursive: true });
  const recordFile = framed(drawRecordFileHead(record), memberLines(entries), DRAW_RECORD_FILE_END);
  await writeFile(join(dir, 'record.json'), Readable.from(recordFile));
  await writeFile(join(dir, 'results.json'), Readable.from(framed('[\n', memberLines(results), ']\n')));
}

async function* framed(open: string, lines: AsyncGenerator<string>, close: string): AsyncGenerator<string> {
  yield open;
  yield* lines;
  yield close;
}

function printAccount(draw: PublishedDraw, accountId: string): boolean {
  const proof = accountProof(draw, accountId);
  if (proof === undefined) {
    say(`${accountId} is not in the entry list of draw ${draw.record.drawId}`);
    return false;
  }
  const included = proof.root === draw.record.entriesRoot;
  say(`${accountId}: ${proof.tickets} tickets, leaf ${proof.leafIndex} of ${draw.entries.length}`);
  for (const step of proof.proof) say(`  ${step.side.padEnd(5)} ${step.hash}`);
  say(`root ${proof.root} ${included ? 'is' : 'is NOT'} the record's entriesRoot`);
  say(`tickets recomputed from the seed (${proof.recomputed.length} of ${proof.tickets}):`);
  for (const [i, ticket] of proof.recomputed.entries()) say(`  ${i + 1} ${ticket}`);
  return included;
}

/**
 * `prizedraw verify <drawId>`: reads the draw's record and results from Kafka, checks them (see
 * verifyPublishedDraw), the cut-off offsets against the activity topic and the excluded entrants against
 * the exclusions topic, prints `verified` or every
 * difference; the exit code is 1 when anything differs. Returns whether the draw verified.
 */
export async function verify(
  config: BaseConfig,
  drawId: string,
  options: VerifyOptions = {},
): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'prizedraw-verify',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const draw = await readPublishedDraw(kafka, topicsOf(config), drawId);
  if (draw === undefined) {
    say(`draw ${drawId} has no record on ${topicsOf(config).records}: not completed, or not drawn in-house`);
    process.exitCode = 1;
    return false;
  }
  if (options.save) await savePublishedDraw(options.save, draw);
  const { problems } = verifyPublishedDraw(draw);
  const sca = draw.record.definition.administrator === 'sca';
  // A draw that is not verifiable has failed already; an SCA draw's cut-offs and exclusions are its checks.
  if (draw.record.verifiable || sca) {
    const entrants = new Set(draw.entries.map((entry) => entry.accountId));
    problems.push(
      ...(await checkCutoffs(kafka, draw.record)),
      ...(await checkExclusions(kafka, topicsOf(config).exclusions, draw.record, entrants)),
    );
  }
  const accountOk = options.account === undefined || printAccount(draw, options.account);
  for (const problem of problems) say(`differs: ${problem}`);
  const verified = problems.length === 0 && accountOk;
  if (verified) {
    const { entrants, tickets, winners } = draw.record;
    const checked = sca
      ? 'entry list, cut-offs and exclusions checked; SCA draws the winners'
      : `${winners} winners recomputed`;
    say(`draw ${drawId} verified: ${entrants} entrants, ${tickets} tickets, ${checked}`);
  } else process.exitCode = 1;
  return verified;
}
