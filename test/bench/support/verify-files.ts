// `prizedraw verify`'s checks (verifyPublishedDraw) on record.json and results.json, as the CLI runs them
// after reading Kafka: what bench:verify measures for the CLI's verifier. Exit 1 on any difference.
import { readFileSync } from 'node:fs';
import type { PublishedDraw } from '../../../services/cli/src/verify/published-draw';
import { verifyPublishedDraw } from '../../../services/cli/src/verify/verify-published-draw';

const [recordFile, resultsFile] = process.argv.slice(2);
const { entries, ...record } = JSON.parse(readFileSync(recordFile!, 'utf8'));
const results = JSON.parse(readFileSync(resultsFile!, 'utf8'));
const { problems } = verifyPublishedDraw({ record, entries, results } as PublishedDraw);
for (const problem of problems) process.stdout.write(`differs: ${problem}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
