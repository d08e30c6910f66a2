import type { ContestEntry } from '@prizedraw/events';
import type { KeyValueStore } from '@prizedraw/stream';
import { invertTicket } from '../processors/ticket-format';

/** Name of the wallet's state store (one LevelDB per wallet partition, changelog-backed). */
export const WALLET_STORE = 'ticket-wallet';

/** `customer|<drawId>|<customerId>`: what one customer holds in one draw. */
export interface CustomerWallet {
  /** How many tickets the customer earned in the draw. */
  tickets: number;
  /** The customer's k highest tickets (k = maxWinsPerCustomer), highest first. */
  best: string[];
  /** In SCA draws, every entry the customer made, in arrival order. */
  entries?: ContestEntry[];
}

/** `index|<drawId>|<inverted ticket>|<customerId>`: one kept ticket, in the draw's highest-first index. */
export interface IndexedTicket {
  customerId: string;
  ticket: string;
  /** The customer's ticket count, kept here so a run needs no second read per entry. */
  tickets: number;
  /** In SCA draws, on the customer's best ticket only: every entry they made (one file row each). */
  entries?: ContestEntry[];
}

/** `draw|<drawId>`: a draw as this wallet partition sees it. */
export interface WalletDraw {
  /** Partitions whose marker the run waits for; set by the first marker. */
  sourcePartitions?: number;
  /** Source partitions whose marker arrived, ascending. */
  markers: number[];
  /** The run was sent; tickets arriving from now on are late. */
  drawn: boolean;
  customers: number;
  tickets: number;
  /** Tickets granted after the run was sent. */
  lateTickets: number;
  /** Grants ignored because their running total was already held (a repeat). */
  duplicateGrants?: number;
  /** Entries of the run sent, once drawn. */
  runEntries?: number;
  /** Per source partition, the activity offset its marker carried; null once a marker carried none. */
  cutoffs?: { partition: number; offset: string }[] | null;
}

// Ids are URI-encoded inside keys, so a `|` in a draw or customer id cannot reach into another draw's range.
const part = encodeURIComponent;

/** The wallet store's key layout, shared by the processor and the live-count reader. */
export const walletKeys = {
  customer: (drawId: string, customerId: string) => `customer|${part(drawId)}|${part(customerId)}`,
  index: (drawId: string, ticket: string, customerId: string) =>
    `index|${part(drawId)}|${invertTicket(ticket)}|${part(customerId)}`,
  draw: (drawId: string) => `draw|${part(drawId)}`,
  /** Bounds of a draw's index: every key starts with `index|<drawId>|`; `}` sorts right after `|`. */
  indexRange: (drawId: string) => ({ gte: `index|${part(drawId)}|`, lt: `index|${part(drawId)}}` }),
  /** `exclusion|<customerId>`: the customer is excluded from prizes (present only while excluded). */
  exclusion: (customerId: string) => `exclusion|${part(customerId)}`,
  exclusionRange: { gte: 'exclusion|', lt: 'exclusion}' },
  /** The offset of the first record of this partition's exclusions not applied yet. */
  exclusionsOffset: 'exclusions-offset',
} as const;

type WalletValue = CustomerWallet | IndexedTicket | WalletDraw | true | string;

/** Typed access to the wallet's store for the processor; the runtime owns and commits the store. */
export class WalletStore {
  readonly #store: KeyValueStore<WalletValue>;

  constructor(store: KeyValueStore<unknown>) {
    this.#store = store as KeyValueStore<WalletValue>;
  }

  async customer(drawId: string, customerId: string): Promise<CustomerWallet | undefined> {
    return (await this.#store.get(walletKeys.customer(drawId, customerId))) as CustomerWallet | undefined;
  }

  putCustomer(drawId: string, customerId: string, wallet: CustomerWallet): void {
    this.#store.put(walletKeys.customer(drawId, customerId), wallet);
  }

  putIndexed(drawId: string, entry: IndexedTicket): void {
    this.#store.put(walletKeys.index(drawId, entry.ticket, entry.customerId), entry);
  }

  deleteIndexed(drawId: string, ticket: string, customerId: string): void {
    this.#store.delete(walletKeys.index(drawId, ticket, customerId));
  }

  /** The draw's kept tickets, highest first, straight from the index (no sort), a batch at a time. */
  highestFirst(drawId: string): AsyncIterable<IndexedTicket[]> {
    return this.#store.valueBatches(walletKeys.indexRange(drawId)) as AsyncIterable<IndexedTicket[]>;
  }

  async draw(drawId: string): Promise<WalletDraw | undefined> {
    return (await this.#store.get(walletKeys.draw(drawId))) as WalletDraw | undefined;
  }

  putDraw(drawId: string, draw: WalletDraw): void {
    this.#store.put(walletKeys.draw(drawId), draw);
  }

  /** The customer is excluded from prizes, or no longer, from now on. */
  putExclusion(customerId: string, excluded: boolean): void {
    if (excluded) this.#store.put(walletKeys.exclusion(customerId), true);
    else this.#store.delete(walletKeys.exclusion(customerId));
  }

  /** Every record of this partition's exclusions up to and including `offset` is applied. */
  putExclusionsRead(offset: string): void {
    this.#store.put(walletKeys.exclusionsOffset, (BigInt(offset) + 1n).toString());
  }

  /** Every customer of this partition excluded now (a regulated operator's list: held in memory). */
  async excluded(): Promise<Set<string>> {
    const customers = new Set<string>();
    for await (const [key] of this.#store.range(walletKeys.exclusionRange))
      customers.add(decodeURIComponent(key.slice('exclusion|'.length)));
    return customers;
  }

  /** The offset of the first exclusion record of this partition not applied; '0' before any. */
  async exclusionsOffset(): Promise<string> {
    return ((await this.#store.get(walletKeys.exclusionsOffset)) as string | undefined) ?? '0';
  }
}
