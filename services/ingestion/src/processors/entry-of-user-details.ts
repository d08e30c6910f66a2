import type { UserDetails } from '@prizedraw/compliance-db';
import type { Entry } from '@prizedraw/events';

/** The `prizedraw.entry.v1` data of a `user_details` row; empty columns are left out. */
export function entryOfUserDetails(row: UserDetails): Entry {
  const { entryId, utmContent, email, site, accountId, firstName, lastName, phone } = row;
  return {
    entryId,
    utmContent,
    email,
    site,
    ...(accountId ? { accountId } : {}),
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(phone ? { phone } : {}),
  };
}
