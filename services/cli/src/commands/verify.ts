import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  DRAW_RECORD_FILE_END,
  type DrawRecord,
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
import { checkCutoffs, readDrawRecord, readDrawResults } from '../verify/read-published-draw';
import { DrawVerifier } from '../verify/verify-published-draw';

/** Options of `prizedraw verify`. */
export interface VerifyOptions {
  /** Print this entrant's inclusion proof and recomputed tickets. */
  account?: string;
  /** Write record.json and results.json here, for tools/verify-draw.mjs. */
  save?: string;
}

/**
 * Writes the published draw as the standalone verifier reads it: `record.json` (the draw record file: the
 * record, then its `entries` one per line) and `results.json` (one result per line), both plain JSON.
 */
export async function savePublishedDraw(dir: string, { record, entries, results }: PublishedDraw) {
  await saveDrawRecord(dir, record, entries);
  const file = await ResultsFile.create(dir);
  for (const result of results) file.add(result);
  file.close();
}

async function saveDrawRecord(dir: string, record: DrawRecord, entries: readonly RecordEntry[]) {
  await mkdir(dir, { recursive: true });
  async function* lines() {
    yield drawRecordFileHead(record);
    for (const [i, entry] of entries.entries()) yield drawRecordFileLine(entry, i + 1 === entries.length);
    yield DRAW_RECORD_FILE_END;
  }
  await writeFile(join(dir, 'record.json'), Readable.from(lines()));
}

/**
 * `results.json` written as the results are read, one per line (a comma before each but the first, so the
 * last needs no knowing in advance), in writes of about 64 KB: results arrive in a synchronous callback,
 * and a million of them are never held.
 */
class ResultsFile {
  #pending = '[\n';
  #count = 0;
  private constructor(readonly fd: number) {}

  static async create(dir: string): Promise<ResultsFile> {
    await mkdir(dir, { recursive: true });
    return new ResultsFile(openSync(join(dir, 'results.json'), 'w'));
  }

  add(result: DrawResult): void {
    this.#pending += `${this.#count++ === 0 ? '' : ',\n'}${JSON.stringify(result)}`;
    if (this.#pending.length < 65_536) return;
    writeSync(this.fd, this.#pending);
    this.#pending = '';
  }

  close(): void {
    writeSync(this.fd, `${this.#pending}${this.#count === 0 ? '' : '\n'}]\n`);
    closeSync(this.fd);
  }
}

function printAccount(draw: Omit<PublishedDraw, 'results'>, accountId: string): boolean {
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
  const draw = await readDrawRecord(kafka, topicsOf(config), drawId);
  if (draw === undefined) {
    say(`draw ${drawId} has no record on ${topicsOf(config).records}: not completed, or not drawn in-house`);
    process.exitCode = 1;
    return false;
  }
  // The record and entries are checked first; the results are then compared as they are read (and saved).
  const verifier = new DrawVerifier(draw.record, draw.entries);
  if (options.save) await saveDrawRecord(options.save, draw.record, draw.entries);
  const saved = options.save ? await ResultsFile.create(options.save) : undefined;
  await readDrawResults(kafka, topicsOf(config), drawId, (result) => {
    verifier.result(result);
    saved?.add(result);
  });
  saved?.close();
  const problems = verifier.problems();
  const sca = draw.record.definition.administrator === 'sca';
  // A draw that is not verifiable has failed already; an SCA draw's cut-offs and exclusions are its checks.
  if (draw.record.verifiable || sca) {
    const entrants = { has: (accountId: string) => verifier.indexOf(accountId) !== undefined };
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
