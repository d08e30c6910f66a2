#!/usr/bin/env node
// Standalone verifier of a prizedraw draw record (scheme prizedraw-verifiable-draw-v1).
//
//   node tools/verify-draw.mjs record.json results.json [--account ID]
//   node tools/verify-draw.mjs record.json [--account ID]          (an SCA draw's record: no results)
//
// record.json: the draw record (prizedraw.draw-record.v1) with its entry list as `entries`;
// results.json: the draw's results (prizedraw.draw-result.v1 data), a JSON array. An SCA draw's record (the
// `<drawId>.record.json` archived beside its entries file in S3) has no seed and no results: SCA draws the
// winners; its entry list, counts and excluded entrants are checked.
// `prizedraw verify <drawId> --save DIR` writes both from Kafka, one entry and one result per line: this
// verifier then reads them line by line, so a draw of a million entrants fits in a few hundred MB. Any other
// layout of the same JSON is read whole.
//
// It needs nothing but Node's crypto and shares no code with prizedraw: it follows docs/verifiable-draws.md.
// Exit status 0 and "verified" when everything matches; 1 and one line per difference otherwise.
import { createHash, hash as oneShotHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const say = (line) => process.stdout.write(`${line}\n`);
const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
// sha256 of one buffer in one call into Node's crypto, as a latin1 string (one character a byte, compared as
// the bytes are): about 0.2 µs on this machine, where the same hash returned as a new Buffer costs 0.6 µs and
// createHash 0.9 µs. A verifier computes four million of them.
const digest = (bytes) => oneShotHash('sha256', bytes, 'latin1');
/** Hex of bytes, given as a Buffer or as a latin1 string. */
const hex = (bytes) => Buffer.from(bytes, 'latin1').toString('hex');

// --- Encodings (docs/verifiable-draws.md, "Bytes") ---------------------------------------------------------

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

// A verifier derives a million tickets and hashes a million leaves: their messages are written into one
// reused buffer rather than concatenated from new ones, which would leave the garbage collector most of the work.
let scratch = Buffer.alloc(4096);

/** Writes str(text) at `at` of the scratch buffer; returns where it ends. */
function writeLengthPrefixed(text, at) {
  const length = Buffer.byteLength(text, 'utf8');
  if (scratch.length < at + 4 + length + 8)
    scratch = Buffer.concat([scratch, Buffer.alloc(at + 4 + length + 8)]);
  scratch.writeUInt32BE(length, at);
  return at + 4 + scratch.write(text, at + 4, 'utf8');
}

/**
 * Ticket n (from 1) of a customer: the first 16 bytes of HMAC-SHA256(seed, str(drawId) ‖ str(customer) ‖ u64(n)).
 * HMAC is written out as RFC 2104 defines it, sha256((key ⊕ opad) ‖ sha256((key ⊕ ipad) ‖ message)) with the
 * key zero-padded to sha256's 64-byte block (a key longer than a block hashed first): two one-shot hashes
 * cost a million tickets about half a second less than createHmac. Same tickets: the tests verify draws whose
 * tickets the wallet derived.
 */
class Tickets {
  constructor(seed, drawId) {
    const key = seed.length > 64 ? sha256(seed) : seed;
    const padded = (byte) => Buffer.from(Buffer.alloc(64, byte).map((b, i) => b ^ (key[i] ?? 0)));
    this.innerPad = padded(0x36);
    this.outer = Buffer.concat([padded(0x5c), Buffer.alloc(32)]);
    this.drawId = drawId;
  }

  /** Starts the message of `customerId`'s tickets in the scratch buffer, after the inner pad. */
  customer(customerId) {
    const end = writeLengthPrefixed(customerId, writeLengthPrefixed(this.drawId, 64)) + 8;
    this.innerPad.copy(scratch);
    this.inner = scratch.subarray(0, end);
    return this;
  }

  /** Ticket n of the customer last started, as a latin1 string of 16 characters (its 16 bytes). */
  ticket(n) {
    const end = this.inner.length;
    this.inner.writeUInt32BE(Math.floor(n / 2 ** 32), end - 8);
    this.inner.writeUInt32BE(n % 2 ** 32, end - 4);
    this.outer.write(digest(this.inner), 64, 'latin1');
    return digest(this.outer).slice(0, 16);
  }
}

/** A ticket as shown: its 32 hex characters dashed 8-4-4-4-12 like a UUID (string order = value order). */
const uuid = (h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/** The k highest of a customer's tickets 1..count, highest first. */
function bestTickets(tickets, customerId, count, k) {
  const best = [];
  tickets.customer(customerId);
  for (let n = 1; n <= count; n++) {
    const t = tickets.ticket(n);
    if (best.length === k && t <= best[k - 1]) continue;
    best.push(t);
    best.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    if (best.length > k) best.pop();
  }
  return best;
}

// --- Entry list and its Merkle tree --------------------------------------------------------------------------

// UTF-8 byte order is code point order; JavaScript strings compare by UTF-16 unit, which differs only where a
// surrogate (a code point above U+FFFF) meets U+E000–U+FFFF: those units are moved to restore the order.
const unitOrder = (unit) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

/** The index of `id` in the entry list (in leaf order: binary search), or undefined. */
function entrantIndex(accountIds, id) {
  let [low, high] = [0, accountIds.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (accountIds[middle] === id) return middle;
    if (utf8Before(accountIds[middle], id)) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Whether `a` comes before `b` in the order of their UTF-8 bytes (the leaf order). */
function utf8Before(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitOrder(x) < unitOrder(y);
  }
  return a.length < b.length;
}
/** sha256(0x00 ‖ str(accountId) ‖ u64(tickets)). */
function leaf(accountId, tickets) {
  const at = writeLengthPrefixed(accountId, 1);
  scratch[0] = 0x00;
  scratch.writeUInt32BE(Math.floor(tickets / 2 ** 32), at);
  scratch.writeUInt32BE(tickets % 2 ** 32, at + 4);
  return digest(scratch.subarray(0, at + 8));
}

const pair = Buffer.alloc(65);

/** sha256(0x01 ‖ left ‖ right), of hashes given as latin1 strings. */
function node(left, right) {
  pair[0] = 0x01;
  pair.write(left, 1, 'latin1');
  pair.write(right, 33, 'latin1');
  return digest(pair);
}

/**
 * The root built leaf by leaf, holding one node per level: a node waits at its level for its right sibling;
 * at the end, what waits is joined from the bottom up, an odd last node moving up unchanged.
 */
class MerkleRoot {
  waiting = [];
  add(hash, level = 0) {
    const left = this.waiting[level];
    if (left === undefined) this.waiting[level] = hash;
    else {
      this.waiting[level] = undefined;
      this.add(node(left, hash), level + 1);
    }
  }
  root() {
    let carry;
    for (const left of this.waiting) {
      if (left !== undefined) carry = carry === undefined ? left : node(left, carry);
    }
    return hex(carry ?? sha256());
  }
}

/** Pairs hash upwards; an odd last node moves up unchanged. */
function up(level) {
  const next = [];
  for (let i = 0; i < level.length; i += 2)
    next.push(i + 1 < level.length ? node(level[i], level[i + 1]) : level[i]);
  return next;
}

function proofOf(leaves, index) {
  const proof = [];
  let level = leaves;
  for (let at = index; level.length > 1; at = Math.floor(at / 2), level = up(level)) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length)
      proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash: hex(level[sibling]) });
  }
  return proof;
}

// --- Reading the files ------------------------------------------------------------------------------------

/** The lines of `file`, read 64 KB at a time, without their line ends (\n or \r\n). */
function* linesOf(file) {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 16);
  const decoder = new StringDecoder('utf8');
  const withoutCr = (line) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  try {
    let rest = '';
    let read = readSync(fd, chunk);
    while (read > 0) {
      const text = rest + decoder.write(chunk.subarray(0, read));
      let start = 0;
      let end = text.indexOf('\n');
      while (end >= 0) {
        yield withoutCr(text.slice(start, end));
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      rest = text.slice(start);
      read = readSync(fd, chunk);
    }
    rest += decoder.end();
    if (rest !== '') yield withoutCr(rest);
  } finally {
    closeSync(fd);
  }
}

/** A line of one entry or result, without its comma. */
const itemText = (line) => (line.endsWith(',') ? line.slice(0, -1) : line);
const item = (line) => JSON.parse(itemText(line));

/** The record and its entries (as two arrays): line by line when laid out as `--save` writes it. */
function readRecord(file) {
  const accountIds = [];
  const counts = [];
  let record;
  for (const line of linesOf(file)) {
    if (record === undefined) {
      if (!line.endsWith('"entries":[')) break;
      record = JSON.parse(`${line}]}`);
    } else if (line === ']}') return { record, accountIds, counts };
    else if (line !== '') {
      const { accountId, tickets } = item(line);
      accountIds.push(accountId);
      counts.push(tickets);
    }
  }
  const { entries, ...whole } = JSON.parse(readFileSync(file, 'utf8'));
  return {
    record: whole,
    accountIds: entries.map((e) => e.accountId),
    counts: entries.map((e) => e.tickets),
  };
}

/**
 * Calls `onResult` with the JSON text of each published result: its line when laid out as `--save` writes it;
 * otherwise the file is read whole and each result written out again.
 */
function forEachResult(file, onResult) {
  let first = true;
  for (const line of linesOf(file)) {
    if (first && line !== '[') break;
    first = false;
    if (line !== '[' && line !== ']' && line !== '') onResult(itemText(line));
    if (line === ']') return;
  }
  for (const result of JSON.parse(readFileSync(file, 'utf8'))) onResult(JSON.stringify(result));
}

// --- The checks ----------------------------------------------------------------------------------------------

// A wrong seed makes every result differ: the first ones are listed, then how many more.
const MAX_LISTED = 100;

function checkEntries(record, { accountIds, counts }, differ) {
  const merkle = new MerkleRoot();
  let inOrder = true;
  let tickets = 0;
  for (let i = 0; i < accountIds.length; i++) {
    if (i > 0 && !utf8Before(accountIds[i - 1], accountIds[i])) inOrder = false;
    merkle.add(leaf(accountIds[i], counts[i]));
    tickets += counts[i];
  }
  if (!inOrder) differ('the entries are not in leaf order, each entrant once');
  if (merkle.root() !== record.entriesRoot)
    differ(`the entries do not hash to entriesRoot ${record.entriesRoot}`);
  if (accountIds.length !== record.entrants)
    differ(`the record says ${record.entrants} entrants, the entry list has ${accountIds.length}`);
  if (tickets !== record.tickets)
    differ(`the record says ${record.tickets} tickets, the entries hold ${tickets}`);
  const excluded = record.excluded ?? [];
  if (!excluded.every((id, i) => i === 0 || utf8Before(excluded[i - 1], id)))
    differ('the excluded entrants are not in leaf order, each once');
}

/**
 * The expected result of every entrant, by entry index: every kept ticket ranked highest first (ties by
 * account id); prizes go down the table past excluded customers, each customer at most maxWinsPerCustomer of
 * them; each customer's one result is at their best ticket, rank = its position; an excluded customer's result
 * is lost, whatever their ticket. Also the results hash of those results, in rank order.
 */
function decide(record, { accountIds, counts }, excluded) {
  const { drawId, definition } = record;
  const tickets = new Tickets(Buffer.from(record.seed, 'hex'), drawId);
  // Every kept ticket's 16 bytes in one buffer, and their first 4 as numbers: the ranking of a million
  // tickets compares numbers, and bytes only in the rare case those are equal.
  const k = definition.maxWinsPerCustomer;
  const keptCount = counts.reduce((sum, count) => sum + Math.min(count, k), 0);
  const kept = Buffer.alloc(keptCount * 16);
  const keptHead = new Uint32Array(keptCount);
  const keptOwner = new Uint32Array(keptCount);
  let j = 0;
  for (let i = 0; i < accountIds.length; i++)
    for (const t of bestTickets(tickets, accountIds[i], counts[i], k)) {
      kept.write(t, j * 16, 'latin1');
      keptHead[j] = kept.readUInt32BE(j * 16);
      keptOwner[j++] = i;
    }
  const order = Uint32Array.from(keptHead, (_, i) => i).sort((a, b) => {
    if (keptHead[a] !== keptHead[b]) return keptHead[b] - keptHead[a];
    const byValue = kept.compare(kept, a * 16, a * 16 + 16, b * 16, b * 16 + 16);
    if (byValue !== 0) return byValue;
    return accountIds[keptOwner[a]] < accountIds[keptOwner[b]] ? -1 : 1;
  });
  const bestPrize = new Int32Array(accountIds.length).fill(-1);
  const wins = new Uint32Array(accountIds.length);
  let prize = 0;
  let given = 0;
  for (const k of order) {
    if (prize >= definition.prizes.length) break;
    const owner = keptOwner[k];
    if (excluded[owner] || wins[owner] >= definition.maxWinsPerCustomer) continue;
    if (wins[owner]++ === 0) bestPrize[owner] = prize;
    if (++given === definition.prizes[prize].quantity) [prize, given] = [prize + 1, 0];
  }
  const bestKept = new Uint32Array(accountIds.length);
  const best = (i) => uuid(kept.toString('hex', bestKept[i] * 16, bestKept[i] * 16 + 16));
  const ownerAtRank = new Uint32Array(keptCount + 1);
  // The entrants in rank order (those with a ticket).
  const byRank = new Uint32Array(accountIds.length);
  const outcomes = outcomesOf(definition);
  const drawIdJson = JSON.stringify(drawId);
  const expected = {
    rank: new Uint32Array(accountIds.length),
    ownerAtRank,
    best,
    bestPrize,
    excluded,
    outcomes,
    written: (i) => writtenLine(drawIdJson, accountIds, counts, i, expected),
  };
  const hash = createHash('sha256');
  let lines = '';
  let ranked = 0;
  order.forEach((at, position) => {
    const owner = keptOwner[at];
    if (expected.rank[owner] !== 0) return;
    expected.rank[owner] = position + 1;
    ownerAtRank[position + 1] = owner;
    byRank[ranked++] = owner;
    bestKept[owner] = at;
    lines += resultLine(drawIdJson, accountIds, counts, owner, expected);
    // Hashed in batches: a million small updates cost more than the hashing.
    if (lines.length > 65_536) {
      hash.update(lines);
      lines = '';
    }
  });
  return { ...expected, byRank: byRank.subarray(0, ranked), resultsHash: hash.update(lines).digest('hex') };
}

/**
 * What each entrant can have won, made once: `lost` (also what an excluded entrant gets), each table prize, the
 * default prize; each with its prize as canonical JSON and as JSON.stringify writes it.
 */
function outcomesOf({ prizes, defaultPrize }) {
  const outcome = (prize) => ({
    outcome: prize ? 'won' : 'lost',
    prize,
    prizeJson: canonicalJson(prize),
    prizeWritten: JSON.stringify(prize),
  });
  return {
    lost: outcome(null),
    table: prizes.map(({ prizeId, name }) => outcome({ prizeId, name })),
    otherwise: outcome(defaultPrize),
  };
}

/** What entrant `i` must have won. */
function outcomeOf(i, { outcomes, bestPrize, excluded }) {
  if (excluded[i]) return outcomes.lost;
  return outcomes.table[bestPrize[i]] ?? outcomes.otherwise;
}

/**
 * canonicalJson({ drawId, accountId, outcome, prize, ticket, rank, tickets }) + "\n" of entrant `i`'s expected
 * result, written out with its keys in sorted order (as canonicalJson would put them).
 */
function resultLine(drawIdJson, accountIds, counts, i, expected) {
  const { outcome, prizeJson } = outcomeOf(i, expected);
  return `{"accountId":${JSON.stringify(accountIds[i])},"drawId":${drawIdJson},"outcome":"${outcome}","prize":${prizeJson},"rank":${expected.rank[i]},"ticket":"${expected.best(i)}","tickets":${counts[i]}}\n`;
}

/**
 * Entrant `i`'s expected result as prizedraw writes it (JSON.stringify of a result, its keys in their order):
 * a published line equal to it is that result, without being parsed.
 */
function writtenLine(drawIdJson, accountIds, counts, i, expected) {
  const { outcome, prizeWritten } = outcomeOf(i, expected);
  const excluded = expected.excluded[i] ? ',"excluded":true' : '';
  return `{"drawId":${drawIdJson},"accountId":${JSON.stringify(accountIds[i])},"outcome":"${outcome}","prize":${prizeWritten},"ticket":"${expected.best(i)}","rank":${expected.rank[i]},"tickets":${counts[i]}${excluded}}`;
}

/**
 * Compares a published result with entrant `i`'s expected one field by field, naming each that differs;
 * returns whether a hashed field (all but `excluded`) differs.
 */
function compareResult(got, i, { accountIds, counts }, expected, differ) {
  const { outcome, prize, prizeJson } = outcomeOf(i, expected);
  let hashed = false;
  const mismatch = (field, want) => {
    const [a, b] = [canonicalJson(got[field]), canonicalJson(want)];
    if (a === b) return;
    if (field !== 'excluded') hashed = true;
    differ(`entrant ${accountIds[i]}: published ${field} ${a}, recomputed ${b}`);
  };
  if (got.outcome !== outcome) mismatch('outcome', outcome);
  if (canonicalJson(got.prize) !== prizeJson) mismatch('prize', prize);
  const ticket = expected.best(i);
  if (got.ticket !== ticket) mismatch('ticket', ticket);
  if (got.rank !== expected.rank[i]) mismatch('rank', expected.rank[i]);
  if (got.tickets !== counts[i]) mismatch('tickets', counts[i]);
  if (got.excluded !== (expected.excluded[i] ? true : undefined))
    mismatch('excluded', expected.excluded[i] ? true : undefined);
  return hashed;
}

/** An SCA draw's record: the definition's hash, the entry list, and no seed, results or winners. */
function verifyScaRecord(record, entries, differ) {
  if (hex(sha256(Buffer.from(canonicalJson(record.definition)))) !== record.definitionHash)
    differ('the definition does not hash to definitionHash');
  checkEntries(record, entries, differ);
  for (const id of record.excluded ?? [])
    if (entrantIndex(entries.accountIds, id) === undefined) differ(`excluded ${id} is not in the entry list`);
  if (record.verifiable || record.seed)
    differ('the record of an SCA draw claims a seed: SCA draws its winners');
  if (record.resultsHash !== hex(sha256()) || record.winners !== 0)
    differ('the record of an SCA draw has a results hash or winners other than those of no results');
}

function verify(record, entries, resultsFile, differ) {
  const { drawId } = record;
  if (record.scheme !== 'prizedraw-verifiable-draw-v1') differ(`unknown scheme ${record.scheme}`);
  if (record.definition.administrator === 'sca') {
    verifyScaRecord(record, entries, differ);
    let published = 0;
    if (resultsFile !== undefined) forEachResult(resultsFile, () => published++);
    if (published > 0) differ(`SCA draws the winners, yet ${published} results were published`);
    return;
  }
  if (resultsFile === undefined)
    return differ(`draw ${drawId} is drawn in-house: its results.json is needed`);
  if (!record.verifiable || !record.seed) return differ(`draw ${drawId} is not verifiable: ${record.reason}`);
  const seed = Buffer.from(record.seed, 'hex');
  if (hex(sha256(seed)) !== record.definition.seedCommitment)
    differ("the revealed seed does not match the definition's seedCommitment");
  if (hex(sha256(Buffer.from(canonicalJson(record.definition)))) !== record.definitionHash)
    differ('the definition does not hash to definitionHash');
  checkEntries(record, entries, differ);

  const indexOf = (id) => entrantIndex(entries.accountIds, id);
  const excluded = new Uint8Array(entries.accountIds.length);
  for (const id of record.excluded ?? []) {
    if (indexOf(id) !== undefined) excluded[indexOf(id)] = 1;
    else differ(`excluded ${id} is not in the entry list`);
  }
  const expected = decide(record, entries, excluded);
  if (expected.resultsHash !== record.resultsHash)
    differ('the recomputed results do not hash to resultsHash');

  // Published results equal to the expected ones in every hashed field hash as they do: comparing them is
  // checking their hash, without holding a million of them to sort by rank.
  const seen = new Uint8Array(entries.accountIds.length);
  let hashDiffers = false;
  let winners = 0;
  let read = 0;
  forEachResult(resultsFile, (text) => {
    // A line that is, character for character, the expected result of the entrant next in rank as prizedraw
    // writes it (`--save` lists them so) is theirs: nothing to parse or compare. Any other line (another order
    // or layout, a result that differs) is parsed and compared field by field.
    const next = expected.byRank[read++];
    if (next !== undefined && !seen[next] && text === expected.written(next)) {
      seen[next] = 1;
      if (outcomeOf(next, expected).outcome === 'won') winners++;
      return;
    }
    const got = JSON.parse(text);
    if (got.outcome === 'won') winners++;
    // The entrant the expected ranking has at this rank, if it is them; else found by id.
    const atRank = expected.ownerAtRank[got.rank];
    const i = entries.accountIds[atRank] === got.accountId ? atRank : indexOf(got.accountId);
    if (i === undefined || seen[i]) {
      hashDiffers = true;
      return differ(
        `entrant ${got.accountId}: ${i === undefined ? 'a published result but no entry' : 'more than one published result'}`,
      );
    }
    seen[i] = 1;
    if (compareResult(got, i, entries, expected, differ)) hashDiffers = true;
  });
  seen.forEach((was, i) => {
    if (was) return;
    hashDiffers = true;
    differ(`entrant ${entries.accountIds[i]}: no published result`);
  });
  if (hashDiffers) differ('the published results do not hash to resultsHash');
  if (winners !== record.winners)
    differ(`the record says ${record.winners} winners, the results have ${winners}`);
}

/** Prints `account`'s inclusion proof and recomputed tickets; false when they do not lead to the root. */
function printAccount(record, { accountIds, counts }, account) {
  const index = accountIds.indexOf(account);
  if (index < 0) {
    say(`${account} is not in the entry list`);
    return false;
  }
  const leaves = accountIds.map((id, i) => leaf(id, counts[i]));
  let hash = leaves[index];
  say(`${account}: ${counts[index]} tickets, leaf ${index} of ${accountIds.length}`);
  for (const step of proofOf(leaves, index)) {
    say(`  ${step.side.padEnd(5)} ${step.hash}`);
    const sibling = Buffer.from(step.hash, 'hex').toString('latin1');
    hash = step.side === 'right' ? node(hash, sibling) : node(sibling, hash);
  }
  const included = hex(hash) === record.entriesRoot;
  say(`root ${hex(hash)} ${included ? 'is' : 'is NOT'} entriesRoot`);
  // A record without a seed (an SCA draw's, one not verifiable) has no tickets to recompute.
  const tickets =
    record.seed && new Tickets(Buffer.from(record.seed, 'hex'), record.drawId).customer(account);
  for (let n = 1; tickets && n <= Math.min(counts[index], 1000); n++)
    say(`  ${n} ${uuid(hex(tickets.ticket(n)))}`);
  return included;
}

const args = process.argv.slice(2);
const accountAt = args.indexOf('--account');
const account = accountAt >= 0 ? args.splice(accountAt, 2)[1] : undefined;
if (args.length !== 1 && args.length !== 2) {
  process.stderr.write('usage: node tools/verify-draw.mjs record.json [results.json] [--account ID]\n');
  process.exit(2);
}
const { record, ...entries } = readRecord(args[0]);
let problems = 0;
const differ = (problem) => {
  if (++problems <= MAX_LISTED) say(`differs: ${problem}`);
};
verify(record, entries, args[1], differ);
if (account !== undefined && !printAccount(record, entries, account))
  differ(`${account}'s inclusion proof does not lead to entriesRoot`);
if (problems > MAX_LISTED) say(`… and ${problems - MAX_LISTED} more differences`);
if (problems > 0) process.exit(1);
const checked =
  record.definition.administrator === 'sca'
    ? 'entry list checked; SCA draws the winners'
    : `${record.winners} winners recomputed`;
say(`draw ${record.drawId} verified: ${record.entrants} entrants, ${record.tickets} tickets, ${checked}`);
