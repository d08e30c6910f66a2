import {
  compareCodePoints,
  type DrawRecord,
  entriesRoot,
  type RecordEntry,
  sortEntries,
} from '@prizedraw/events';

/**
 * The entry list against the record: in leaf order, each entrant once, hashing to `entriesRoot`, as many
 * entrants and tickets as the record says. One pass over a list in order; the sorted copy and the duplicate
 * count are only made for a list out of order, to name what is wrong with it.
 */
export function checkEntries(record: DrawRecord, entries: readonly RecordEntry[]): string[] {
  const problems: string[] = [];
  let ascending = true;
  let repeated = false;
  for (let i = 1; i < entries.length && ascending; i++) {
    const order = compareCodePoints(entries[i - 1]!.accountId, entries[i]!.accountId);
    if (order === 0) repeated = true;
    if (order > 0) ascending = false;
  }
  if (!ascending) {
    problems.push('the entries are not in leaf order');
    repeated = new Set(entries.map((e) => e.accountId)).size !== entries.length;
  }
  if (repeated) problems.push('an entrant is listed twice');
  if (entriesRoot(ascending ? entries : sortEntries(entries)) !== record.entriesRoot)
    problems.push(`the entries do not hash to the record's entriesRoot ${record.entriesRoot}`);
  if (entries.length !== record.entrants)
    problems.push(`the record says ${record.entrants} entrants, its entry list has ${entries.length}`);
  const tickets = entries.reduce((sum, entry) => sum + entry.tickets, 0);
  if (tickets !== record.tickets)
    problems.push(`the record says ${record.tickets} tickets, its entries hold ${tickets}`);
  return problems;
}

/**
 * The index of each account id in the entry list: a binary search when the list is in leaf order (a million
 * ids need no Map), else a Map built once (the list is wrong then anyway, but its entrants are still named).
 */
export function entryIndex(entries: readonly RecordEntry[]): (accountId: string) => number | undefined {
  const inOrder = entries.every(
    (e, i) => i === 0 || compareCodePoints(entries[i - 1]!.accountId, e.accountId) < 0,
  );
  if (!inOrder) {
    const byId = new Map(entries.map((e, i) => [e.accountId, i]));
    return (accountId) => byId.get(accountId);
  }
  return (accountId) => {
    let [low, high] = [0, entries.length - 1];
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compareCodePoints(entries[middle]!.accountId, accountId);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
}

/** The excluded entrants: in leaf order, each once, each an entrant. */
export function checkExcluded(
  record: DrawRecord,
  indexOf: (accountId: string) => number | undefined,
): string[] {
  const excluded = record.excluded ?? [];
  const problems: string[] = [];
  if (!excluded.every((id, i) => i === 0 || compareCodePoints(excluded[i - 1]!, id) < 0))
    problems.push('the excluded entrants are not in leaf order, each once');
  for (const accountId of excluded)
    if (indexOf(accountId) === undefined) problems.push(`excluded ${accountId} is not in the entry list`);
  return problems;
}
