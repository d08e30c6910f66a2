import { z } from 'zod';
import { currency, email, id, moneyMinor } from './common';

// Field descriptions are zod metadata rather than comments so that asyncapi.yaml and the registry's JSON
// Schemas carry them too.

/** `prizedraw.stake.v1`: a customer staked money on a promotion; tickets follow from `stakePerTicketMinor`. */
export const stakeSchema = z
  .object({
    accountId: id().describe('The customer (account id); also the record key.'),
    promoCode: id().describe('The promotion the stake counts for.'),
    activityId: id().describe('Upstream id of the bet or wager; a repeat is dropped as a duplicate.'),
    stakeMinor: moneyMinor().describe('Amount staked, in minor units (cents).'),
    currency: currency().describe('ISO 4217 code of the stake, e.g. EUR.'),
  })
  .describe('A customer staked money on a promotion.');

/** `prizedraw.tickets-awarded.v1`: tickets pushed by another promotion. */
export const ticketsAwardedSchema = z
  .object({
    accountId: id().describe('The customer (account id); also the record key.'),
    promoCode: id().describe('The promotion whose draw the tickets are for.'),
    awardId: id().describe('Upstream id of the award; a repeat is dropped as a duplicate.'),
    // At least 1: an award of no tickets is an upstream mistake worth seeing in the dead-letter topic.
    tickets: z.int().positive().describe('Number of tickets awarded, at least 1.'),
  })
  .describe('Tickets awarded to a customer by another promotion.');

/** `prizedraw.entry.v1`: a contest entry, from a landing page or the compliance database. */
export const entrySchema = z
  .object({
    entryId: id().describe('Upstream id of the entry; a repeat is dropped as a duplicate.'),
    utmContent: id().describe("The marketing link's utm_content: it names the contest."),
    email: email().describe('Email address of the entrant.'),
    accountId: id().optional().describe('The account, when the entrant has one; else the key is the email.'),
    site: id().optional().describe('Site the entry came from.'),
    firstName: z.string().max(128).optional().describe("Entrant's first name, for the SCA entries file."),
    lastName: z.string().max(128).optional().describe("Entrant's last name, for the SCA entries file."),
    phone: z.string().max(32).optional().describe("Entrant's phone number, for the SCA entries file."),
  })
  .describe('An entry into a contest.');

/** Data of `prizedraw.stake.v1`. */
export type Stake = z.output<typeof stakeSchema>;
/** Data of `prizedraw.tickets-awarded.v1`. */
export type TicketsAwarded = z.output<typeof ticketsAwardedSchema>;
/** Data of `prizedraw.entry.v1`. */
export type Entry = z.output<typeof entrySchema>;
