// `prizedraw verify`'s checks (DrawVerifier, as built in services/cli/dist: the CLI runs it with plain node)
// on record.json and results.json, as the CLI runs them while it reads Kafka: the record and its entries
// (one per line, as Kafka gives them in chunks, never as one text), then the results one at a time (line by
// line, as `--save` writes them). What bench:verify measures for the CLI's verifier. Exit 1 on any difference.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DrawVerifier } from '../../../services/cli/dist/verify/verify-published-draw.js';

const lines = (file) =>
  createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
const member = (line) => JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);

const [recordFile, resultsFile] = process.argv.slice(2);
let record;
const entries = [];
for await (const line of lines(recordFile)) {
  if (record === undefined) record = JSON.parse(`${line}]}`);
  else if (line !== ']}' && line !== '') entries.push(member(line));
}
const verifier = new DrawVerifier(record, entries);
for await (const line of lines(resultsFile))
  if (line !== '[' && line !== ']' && line !== '') verifier.result(member(line));
const problems = verifier.problems();
for (const problem of problems) process.stdout.write(`differs: ${problem}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
