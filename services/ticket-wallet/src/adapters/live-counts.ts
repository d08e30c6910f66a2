import { type CustomerWallet, walletKeys } from './wallet-store';

/** What `GET /v1/draws/{drawId}/customers/{accountId}` answers: where a customer stands in a draw. */
export interface LiveCount {
  drawId: string;
  accountId: string;
  tickets: number;
  /** The customer's highest ticket so far (a lowercase UUID string). */
  bestTicket: string;
}

/** Reads one key of the wallet store of the partition that holds the customer. */
export type WalletStoreRead = (key: string) => Promise<unknown>;

/**
 * The live ticket count of a customer in a draw, or undefined when they hold no ticket in it. `read` reads
 * the `ticket-wallet` store of the partition of `{brand}.tickets` the account id is keyed to.
 */
export async function readLiveCount(
  read: WalletStoreRead,
  drawId: string,
  accountId: string,
): Promise<LiveCount | undefined> {
  const wallet = (await read(walletKeys.customer(drawId, accountId))) as CustomerWallet | undefined;
  const bestTicket = wallet?.best[0];
  if (wallet === undefined || bestTicket === undefined) return undefined;
  return { drawId, accountId, tickets: wallet.tickets, bestTicket };
}
