import type { DrawResult } from '@prizedraw/events';

type Prize = NonNullable<DrawResult['prize']>;

const WON = 1;
const EXCLUDED = 2;
const TICKET_BYTES = 16;

/**
 * The results of one draw the console keeps for paging and search, in columns. As the objects `JSON.parse`
 * makes, with their own copies of the draw id and the ticket string, 200,000 of them and their index by
 * account took 49.5 MB of heap (docs/console.md); here a result is its account id, four small integers and
 * the ticket's 16 bytes. A result is rebuilt as a {@link DrawResult} only when a page or a search asks for it.
 */
export class KeptResults {
  #drawId = '';
  readonly #accountIds: string[] = [];
  readonly #ranks: number[] = [];
  readonly #tickets: number[] = [];
  readonly #flags: number[] = [];
  /** Index into #prizes, or -1 for a result without a prize. */
  readonly #prizeOf: number[] = [];
  /** The distinct prizes of the draw (a few), shared by the results that name them. */
  readonly #prizes: Prize[] = [];
  #ticketBytes = Buffer.alloc(0);
  readonly #indexOf = new Map<string, number>();
  /** Indexes in rank order; undefined when a result came since the last sort. */
  #byRank: number[] | undefined = [];

  get size(): number {
    return this.#accountIds.length;
  }

  has(accountId: string): boolean {
    return this.#indexOf.has(accountId);
  }

  add(result: DrawResult): void {
    const index = this.#accountIds.length;
    this.#drawId = result.drawId;
    this.#accountIds.push(result.accountId);
    this.#ranks.push(result.rank);
    this.#tickets.push(result.tickets);
    this.#flags.push((result.outcome === 'won' ? WON : 0) | (result.excluded ? EXCLUDED : 0));
    this.#prizeOf.push(result.prize ? this.#prizeIndex(result.prize) : -1);
    this.#ticketAt(index, result.ticket);
    this.#indexOf.set(result.accountId, index);
    // The draw writes results highest rank first per partition: mostly they come in order, and stay sorted.
    const byRank = this.#byRank;
    if (byRank && (index === 0 || this.#ranks[byRank[byRank.length - 1]!]! <= result.rank))
      byRank.push(index);
    else this.#byRank = undefined;
  }

  get(accountId: string): DrawResult | undefined {
    const index = this.#indexOf.get(accountId);
    return index === undefined ? undefined : this.#resultAt(index);
  }

  /** Kept results in rank order, `limit` from `offset`. */
  page(offset: number, limit: number): DrawResult[] {
    this.#byRank ??= Array.from(this.#ranks, (_, i) => i).sort((a, b) => this.#ranks[a]! - this.#ranks[b]!);
    return this.#byRank.slice(offset, offset + limit).map((index) => this.#resultAt(index));
  }

  #prizeIndex(prize: Prize): number {
    const known = this.#prizes.findIndex((p) => p.prizeId === prize.prizeId && p.name === prize.name);
    if (known >= 0) return known;
    this.#prizes.push({ prizeId: prize.prizeId, name: prize.name });
    return this.#prizes.length - 1;
  }

  #ticketAt(index: number, ticket: string): void {
    const end = (index + 1) * TICKET_BYTES;
    if (end > this.#ticketBytes.length) {
      const grown = Buffer.alloc(Math.max(1024 * TICKET_BYTES, 2 * this.#ticketBytes.length));
      this.#ticketBytes.copy(grown);
      this.#ticketBytes = grown;
    }
    // A lowercase UUID (the contract's pattern): its 32 hex digits.
    this.#ticketBytes.write(ticket.replaceAll('-', ''), end - TICKET_BYTES, 'hex');
  }

  #resultAt(index: number): DrawResult {
    const hex = this.#ticketBytes.toString('hex', index * TICKET_BYTES, (index + 1) * TICKET_BYTES);
    const prize = this.#prizeOf[index]!;
    const flags = this.#flags[index]!;
    return {
      drawId: this.#drawId,
      accountId: this.#accountIds[index]!,
      outcome: flags & WON ? 'won' : 'lost',
      prize: prize < 0 ? null : { ...this.#prizes[prize]! },
      ticket: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      rank: this.#ranks[index]!,
      tickets: this.#tickets[index]!,
      ...(flags & EXCLUDED && { excluded: true as const }),
    };
  }
}
