// Key of a customer's totals in the `ticket-totals` store: `<draw>/<customer>`, both URI-encoded so `/`
// only separates them and a draw's customers form the range [`<draw>/`, `<draw>0`).

/** The store key of a customer's totals in a draw. */
export function totalsKey(drawId: string, customerId: string): string {
  return `${encodeURIComponent(drawId)}/${encodeURIComponent(customerId)}`;
}
