/**
 * Topic-name templates of every topic prizedraw reads or writes. `{dc}` and `{brand}` are replaced by the
 * `DC` and `BRAND` settings (`{env}`, of the delete instructions only, by the message queue's `ENV`). The public
 * ones (PUBLIC_TOPIC_KEYS) are the contract (see asyncapi.yaml); the rest are
 * internal to the pipeline and keyed by customer like the public ones.
 */
export const TOPIC_TEMPLATES = {
  /** Inbound activity: stakes, ticket awards, contest entries. */
  activity: '{dc}.{brand}.cpp.activity',
  /** Draw definitions, compacted, key = drawId. */
  definitions: '{brand}.draw.definitions',
  /** Inbound draw triggers. */
  triggers: '{brand}.draw.triggers',
  /** Outbound draw results (won / lost per entrant, draw completed). */
  results: '{brand}.draw.results',
  /** Outbound draw records (compacted): what anyone needs to verify a completed draw. */
  records: '{brand}.draw.records',
  /** Inbound customer exclusions (compacted, key customerId): who may not be paid a prize at draw time. */
  exclusions: '{brand}.customer.exclusions',
  /** Outbound live ticket counts. */
  ticketUpdates: '{brand}.ticket.updates',
  /** Outbound instant-win draws and coupon redemptions (key customerId), relayed from the service's outbox. */
  instantWinEvents: '{brand}.instant-win.events',
  /** Inbound EPPM qualification verdicts; week-one unqualifications come from here. */
  eppmActivity: '{dc}.{brand}.eppm.activity',
  /** Customer messages for the message queue (key customerId): the customer was not on site, or must not be interrupted. */
  messageQueueInbound: '{brand}.message-queue.inbound',
  /** Outbound customer messages the onsite gateway delivered (at once, or later from the queue), with when (key customerId). */
  messagesDelivered: '{brand}.customer-messages.delivered',
  /** Outbound: a customer opened a live session at the onsite gateway (key customerId). */
  customersOnline: '{brand}.customers.online',
  /** Inbound delete instructions for queued customer messages (key customerId); `{env}` as the seed names it. */
  messageDeletes: 'msq.inbound.delete.{env}',
  ingested: '{brand}.cpp.ingested.events',
  enriched: '{brand}.cpp.enriched.events',
  relevant: '{brand}.relevant.events',
  unqualified: '{brand}.relevant.unqualification.events',
  tickets: '{brand}.tickets',
  walletInput: '{brand}.wallet.input',
  runs: '{brand}.draw.runs',
  lateTickets: '{brand}.draw.late-tickets',
  unmatched: '{brand}.cpp.unmatched.events',
  entries: '{brand}.contest.entries',
  /** SCA draws whose runs are complete, waiting for the export worker (key drawId). */
  scaExports: '{brand}.sca.exports',
  /** Outbound audit trail of operator actions in the console (key: the draw, or the dead-letter topic). */
  consoleAudit: '{brand}.console.audit',
} as const;

/** Logical name of a topic, e.g. `'activity'`. */
export type TopicKey = keyof typeof TOPIC_TEMPLATES;

/** Every topic name for one data centre and brand. */
export type TopicNames = { readonly [K in TopicKey]: string };

/** The topics users produce to or consume from; the others are internal to the pipeline. */
export const PUBLIC_TOPIC_KEYS = [
  'activity',
  'definitions',
  'triggers',
  'results',
  'records',
  'exclusions',
  'ticketUpdates',
  'instantWinEvents',
  'customersOnline',
  'messageDeletes',
  'eppmActivity',
  'messageQueueInbound',
  'consoleAudit',
  'messagesDelivered',
] as const satisfies readonly TopicKey[];

/** Options of {@link topicNames}. */
export interface TopicNameOptions {
  /** Data centre, lowercase `[a-z0-9-]+`. Default `local`. */
  dc?: string;
  /** Brand, lowercase `[a-z0-9-]+`. Default `demo`. */
  brand?: string;
  /** Environment of the message queue's delete instructions, lowercase `[a-z0-9-]+`. Default `local`. */
  env?: string;
}

const NAME_PART = /^[a-z0-9-]+$/;

function checkNamePart(field: 'dc' | 'brand' | 'env', value: string): void {
  if (!NAME_PART.test(value)) {
    throw new RangeError(
      `${field} must be lowercase letters, digits or '-' (matching [a-z0-9-]+), got ${JSON.stringify(value)}`,
    );
  }
}

/**
 * Every topic name for a data centre and brand.
 *
 * @example topicNames({ brand: 'acme' }).results // 'acme.draw.results'
 * @throws RangeError naming `dc`, `brand` or `env` when it is not lowercase `[a-z0-9-]+`.
 */
export function topicNames({
  dc = 'local',
  brand = 'demo',
  env = 'local',
}: TopicNameOptions = {}): TopicNames {
  checkNamePart('dc', dc);
  checkNamePart('brand', brand);
  checkNamePart('env', env);
  const names: Partial<Record<TopicKey, string>> = {};
  for (const [key, template] of Object.entries(TOPIC_TEMPLATES) as [TopicKey, string][]) {
    names[key] = template.replace('{dc}', dc).replace('{brand}', brand).replace('{env}', env);
  }
  return Object.freeze(names as Record<TopicKey, string>);
}

/** The dead-letter topic of `topic`: records of `topic` that fail decoding or validation go there. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
