#!/usr/bin/env node
// Standalone verifier of a prizedraw draw record (scheme prizedraw-verifiable-draw-v1).
//
//   node tools/verify-draw.mjs record.json results.json [--account ID]
//
// record.json: the draw record (prizedraw.draw-record.v1) with its entry list as `entries`;
// results.json: the draw's results (prizedraw.draw-result.v1 data), a JSON array.
// `prizedraw verify <drawId> --save DIR` writes both from Kafka.
//
// It needs nothing but Node's crypto and shares no code with prizedraw: it follows docs/verifiable-draws.md.
// Exit status 0 and "verified" when everything matches; 1 and one line per difference otherwise.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const say = (line) => process.stdout.write(`${line}\n`);
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const hex = (bytes) => Buffer.from(bytes).toString('hex');

// --- Encodings (docs/verifiable-draws.md, "Bytes") ---------------------------------------------------------

/** 4-byte big-endian length of the UTF-8 bytes, then the bytes. */
function lengthPrefixed(text) {
  const utf8 = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(utf8.length);
  return Buffer.concat([length, utf8]);
}

/** 8-byte big-endian unsigned integer. */
function uint64(value) {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** Keys sorted, no whitespace, undefined members left out. */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// --- Tickets -------------------------------------------------------------------------------------------------

/** Ticket n (from 1) of a customer: HMAC-SHA256(seed, len(drawId) drawId len(customer) customer n), 16 bytes. */
function ticket(seed, drawId, customerId, n) {
  const message = Buffer.concat([lengthPrefixed(drawId), lengthPrefixed(customerId), uint64(n)]);
  const h = hex(createHmac('sha256', seed).update(message).digest().subarray(0, 16));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The k highest of a customer's tickets 1..count, highest first (lowercase UUIDs sort as their values). */
function bestTickets(seed, drawId, customerId, count, k) {
  const best = [];
  for (let n = 1; n <= count; n++) {
    const t = ticket(seed, drawId, customerId, n);
    if (best.length === k && t <= best[k - 1]) continue;
    best.push(t);
    best.sort().reverse();
    if (best.length > k) best.pop();
  }
  return best;
}

// --- Entry list and its Merkle tree --------------------------------------------------------------------------

const byUtf8 = (a, b) => Buffer.compare(Buffer.from(a.accountId, 'utf8'), Buffer.from(b.accountId, 'utf8'));
const leaf = (e) => sha256(Buffer.from([0]), lengthPrefixed(e.accountId), uint64(e.tickets));
const node = (left, right) => sha256(Buffer.from([1]), left, right);

/** Pairs hash upwards; an odd last node moves up unchanged. */
function up(level) {
  const next = [];
  for (let i = 0; i < level.length; i += 2)
    next.push(i + 1 < level.length ? node(level[i], level[i + 1]) : level[i]);
  return next;
}

function merkleRoot(entries) {
  if (entries.length === 0) return hex(sha256());
  let level = entries.map(leaf);
  while (level.length > 1) level = up(level);
  return hex(level[0]);
}

function proofOf(entries, index) {
  const proof = [];
  let level = entries.map(leaf);
  for (let at = index; level.length > 1; at = Math.floor(at / 2), level = up(level)) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length)
      proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash: hex(level[sibling]) });
  }
  return proof;
}

// --- Winners: the definition's rules ---------------------------------------------------------------------------

/**
 * Every kept ticket ranked highest first (ties by account id); prizes go down the table past excluded
 * customers, each customer at most maxWinsPerCustomer of them; each customer's one result is at their best
 * ticket, rank = its position; an excluded customer's result is lost, whatever their ticket.
 */
function decide(drawId, definition, kept, excluded) {
  kept.sort((a, b) =>
    a.ticket !== b.ticket ? (a.ticket > b.ticket ? -1 : 1) : a.accountId < b.accountId ? -1 : 1,
  );
  const won = new Map();
  let prize = 0;
  let given = 0;
  for (const { accountId } of kept) {
    if (prize >= definition.prizes.length) break;
    if (excluded.has(accountId)) continue;
    const prizes = won.get(accountId) ?? [];
    if (prizes.length >= definition.maxWinsPerCustomer) continue;
    const { prizeId, name, quantity } = definition.prizes[prize];
    won.set(accountId, [...prizes, { prizeId, name }]);
    if (++given === quantity) [prize, given] = [prize + 1, 0];
  }
  const results = new Map();
  kept.forEach(({ accountId, ticket: best, tickets }, index) => {
    if (results.has(accountId)) return;
    const result = { drawId, accountId, ticket: best, rank: index + 1, tickets };
    if (excluded.has(accountId)) {
      results.set(accountId, { ...result, outcome: 'lost', prize: null, excluded: true });
      return;
    }
    const prizeWon = won.get(accountId)?.[0] ?? definition.defaultPrize;
    results.set(accountId, { ...result, outcome: prizeWon ? 'won' : 'lost', prize: prizeWon ?? null });
  });
  return results;
}

function resultsHash(results) {
  const hash = createHash('sha256');
  for (const r of [...results].sort((a, b) => a.rank - b.rank)) {
    const { drawId, accountId, outcome, prize, ticket: t, rank, tickets } = r;
    hash.update(`${canonicalJson({ drawId, accountId, outcome, prize, ticket: t, rank, tickets })}\n`);
  }
  return hash.digest('hex');
}

// --- The checks ----------------------------------------------------------------------------------------------

function verify(record, published, account) {
  const problems = [];
  const differ = (message) => problems.push(message);
  const { drawId, definition, entries } = record;
  if (record.scheme !== 'prizedraw-verifiable-draw-v1') differ(`unknown scheme ${record.scheme}`);
  if (!record.verifiable || !record.seed) return [`draw ${drawId} is not verifiable: ${record.reason}`];
  const seed = Buffer.from(record.seed, 'hex');
  if (hex(sha256(seed)) !== definition.seedCommitment)
    differ("the revealed seed does not match the definition's seedCommitment");
  if (hex(sha256(Buffer.from(canonicalJson(definition)))) !== record.definitionHash)
    differ('the definition does not hash to definitionHash');

  const sorted = [...entries].sort(byUtf8);
  if (sorted.some((e, i) => e !== entries[i])) differ('the entries are not in leaf order');
  if (merkleRoot(sorted) !== record.entriesRoot)
    differ(`the entries do not hash to entriesRoot ${record.entriesRoot}`);
  if (entries.length !== record.entrants)
    differ(`the record says ${record.entrants} entrants, the entry list has ${entries.length}`);
  const tickets = entries.reduce((sum, e) => sum + e.tickets, 0);
  if (tickets !== record.tickets)
    differ(`the record says ${record.tickets} tickets, the entries hold ${tickets}`);

  const excluded = record.excluded ?? [];
  const excludedSet = new Set(excluded);
  const ascending = excluded.every(
    (id, i) => i === 0 || byUtf8({ accountId: excluded[i - 1] }, { accountId: id }) < 0,
  );
  if (!ascending) differ('the excluded entrants are not in leaf order, each once');
  const entrantIds = new Set(entries.map((e) => e.accountId));
  for (const id of excluded) if (!entrantIds.has(id)) differ(`excluded ${id} is not in the entry list`);

  const kept = entries.flatMap(({ accountId, tickets: count }) =>
    bestTickets(seed, drawId, accountId, count, definition.maxWinsPerCustomer).map((t) => ({
      accountId,
      ticket: t,
      tickets: count,
    })),
  );
  const expected = decide(drawId, definition, kept, excludedSet);
  const seen = new Set();
  for (const got of published) {
    if (seen.has(got.accountId)) differ(`entrant ${got.accountId}: more than one published result`);
    seen.add(got.accountId);
    const want = expected.get(got.accountId);
    if (!want) {
      differ(`entrant ${got.accountId}: a published result but no entry`);
      continue;
    }
    for (const field of ['outcome', 'prize', 'ticket', 'rank', 'tickets', 'excluded']) {
      const [a, b] = [canonicalJson(got[field]), canonicalJson(want[field])];
      if (a !== b) differ(`entrant ${got.accountId}: published ${field} ${a}, recomputed ${b}`);
    }
  }
  for (const accountId of expected.keys())
    if (!seen.has(accountId)) differ(`entrant ${accountId}: no published result`);
  if (resultsHash(published) !== record.resultsHash)
    differ('the published results do not hash to resultsHash');
  const winners = published.filter((r) => r.outcome === 'won').length;
  if (winners !== record.winners)
    differ(`the record says ${record.winners} winners, the results have ${winners}`);

  if (account !== undefined) {
    const index = sorted.findIndex((e) => e.accountId === account);
    if (index < 0) differ(`${account} is not in the entry list`);
    else {
      const entry = sorted[index];
      let hash = leaf(entry);
      say(`${account}: ${entry.tickets} tickets, leaf ${index} of ${sorted.length}`);
      for (const step of proofOf(sorted, index)) {
        say(`  ${step.side.padEnd(5)} ${step.hash}`);
        const sibling = Buffer.from(step.hash, 'hex');
        hash = step.side === 'right' ? node(hash, sibling) : node(sibling, hash);
      }
      const included = hex(hash) === record.entriesRoot;
      say(`root ${hex(hash)} ${included ? 'is' : 'is NOT'} entriesRoot`);
      if (!included) differ(`${account}'s inclusion proof does not lead to entriesRoot`);
      for (let n = 1; n <= Math.min(entry.tickets, 1000); n++)
        say(`  ${n} ${ticket(seed, drawId, account, n)}`);
    }
  }
  return problems;
}

const args = process.argv.slice(2);
const accountAt = args.indexOf('--account');
const account = accountAt >= 0 ? args.splice(accountAt, 2)[1] : undefined;
if (args.length !== 2) {
  process.stderr.write('usage: node tools/verify-draw.mjs record.json results.json [--account ID]\n');
  process.exit(2);
}
const record = JSON.parse(readFileSync(args[0], 'utf8'));
const results = JSON.parse(readFileSync(args[1], 'utf8'));
const problems = verify(record, results, account);
for (const problem of problems) say(`differs: ${problem}`);
if (problems.length > 0) process.exit(1);
say(
  `draw ${record.drawId} verified: ${record.entrants} entrants, ${record.tickets} tickets, ${record.winners} winners recomputed`,
);
