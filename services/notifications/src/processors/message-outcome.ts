/** What became of a source event: delivered on site, queued, or dropped — and why. */
export type MessageOutcome =
  | { readonly outcome: 'delivered'; readonly reason: 'onsite' }
  | { readonly outcome: 'queued'; readonly reason: 'offline' | 'monday' | 'no-gateway' }
  | {
      readonly outcome: 'dropped';
      readonly reason: 'filtered' | 'no-decision' | 'expired' | 'no-delivery-preference';
    };
