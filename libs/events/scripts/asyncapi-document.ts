import {
  DEAD_LETTER_HEADERS,
  decodeAndValidate,
  EVENT_TYPES,
  type EventType,
  eventJsonSchema,
  JSON_CONTENT_TYPE,
  type JsonSchema,
  REGISTRY_CONTENT_TYPE,
  TIMELINE_HEADER,
  TOPIC_TEMPLATES,
  type TopicKey,
} from '../src/index';
import { examples } from './asyncapi-examples';

// Builds the AsyncAPI 3.0 document of the public contract from the zod schemas, the topic templates and the
// event types in src/, so that none of them is written twice. generate-asyncapi.ts renders it to YAML.

type EventKey = keyof typeof EVENT_TYPES;

interface MessageSpec {
  summary: string;
  key: string;
}

const messageSpecs: Record<EventKey, MessageSpec> = {
  stake: { summary: 'A customer staked money on a promotion.', key: 'accountId' },
  ticketsAwarded: { summary: 'Tickets awarded by another promotion.', key: 'accountId' },
  entry: { summary: 'A contest entry.', key: 'accountId, or the normalized email when there is none' },
  drawDefined: {
    summary: 'A draw and its prizes (a later definition replaces an earlier one).',
    key: 'drawId',
  },
  drawTrigger: { summary: 'Run a draw now; sending it twice draws once.', key: 'drawId' },
  drawResult: { summary: 'One entrant won or lost: exactly one per entrant per draw.', key: 'accountId' },
  drawCompleted: { summary: 'A draw is complete: every entrant has had a result.', key: 'drawId' },
  ticketCount: { summary: "A customer's live ticket count in a draw.", key: 'accountId' },
  instantWinDrawn: {
    summary: 'A customer drew in an instant-win campaign: won a coupon or not. One per committed draw.',
    key: 'customerId',
  },
  couponRedeemed: { summary: 'An instant-win coupon was redeemed.', key: 'customerId' },
  eppmActivity: {
    summary: "EPPM's verdict on a customer's qualification for a week of a promotion.",
    key: 'accountId',
  },
  customerMessage: {
    summary: 'A rendered message for one customer, to show on site (or queued until they come back).',
    key: 'customerId',
  },
  customerMessageDelivered: {
    summary:
      'A customer message the onsite gateway delivered to an open page (at once, or later from the message ' +
      'queue), and when.',
    key: 'customerId',
  },
  customerOnline: {
    summary: 'A customer opened a live session at the onsite gateway: one per session opened.',
    key: 'customerId',
  },
  messageDelete: {
    summary: 'Remove queued messages of a customer (reward spent, coupon redeemed, prize claimed first).',
    key: 'customerId',
  },
  drawRecord: {
    summary: 'The record of a completed draw: revealed seed, entries root, cut-offs, results hash.',
    key: 'drawId',
  },
  drawRecordEntries: {
    summary: "One chunk of a draw record's entry list (accountId, tickets), in Merkle leaf order.",
    key: '<drawId>|entries|<chunk>',
  },
  consoleAction: {
    summary: 'An operator defined or triggered a draw in the console.',
    key: 'drawId',
  },
  consoleRedrive: {
    summary: 'An operator re-drove a dead-lettered record to its source topic from the console.',
    key: 'deadLetterTopic',
  },
  customerExclusion: {
    summary: 'A customer may not, or may again, be paid a prize in draws sent from now.',
    key: 'customerId; a tombstone lifts the exclusion',
  },
};

interface ChannelSpec {
  topic: TopicKey;
  description: string;
  messages: EventKey[];
  compacted?: boolean;
  /** Inbound: consumed by prizedraw, rejected records go to its dead-letter topic. */
  deadLetter?: boolean;
  /** Inbound, but prizedraw's own CLI writes it too. */
  alsoSent?: string;
}

const channelSpecs: ChannelSpec[] = [
  {
    topic: 'activity',
    description:
      'Activity produced by upstream systems; `time` is when it happened. Activity of a draw whose ' +
      'definition is tagged `unqualification` (dedupe setting DEDUPE_UNQUALIFICATION_TAG) earns no tickets: ' +
      'it tells the customer they did not qualify for a week of that promotion (seed 001: week-two ' +
      'unqualification; the week from a `week-<n>` tag of the draw, else 2).',
    messages: ['stake', 'ticketsAwarded', 'entry'],
    deadLetter: true,
  },
  {
    topic: 'definitions',
    description: 'Draw definitions, written by `prizedraw draws define FILE` or the contest sync. Compacted.',
    messages: ['drawDefined'],
    compacted: true,
    alsoSent: '`prizedraw draws define FILE` and the contest sync write draw definitions.',
    deadLetter: true,
  },
  {
    topic: 'triggers',
    description: 'Draw triggers from operators, the CLI or the scheduler.',
    messages: ['drawTrigger'],
    deadLetter: true,
  },
  {
    topic: 'results',
    description: 'Draw results: one per entrant per draw (winners and losers), then one draw-completed.',
    messages: ['drawResult', 'drawCompleted'],
  },
  {
    topic: 'records',
    description:
      'Draw records, written by prize-draw with each draw-completed, in the same transaction: the revealed ' +
      'seed, the definition and its hash, the entry list (in chunks) and its Merkle root, the cut-off offsets ' +
      'of the activity topic, the counts and the results hash. Anyone holding a record and the results can ' +
      'check every ticket and winner (`prizedraw verify`, tools/verify-draw.mjs; docs/verifiable-draws.md). ' +
      'An SCA-administered draw, which prize-draw does not draw, gets a record too, once its runs are all in: ' +
      'entry list, cut-offs and exclusions, no seed and no results (sca-export copies it beside the entries ' +
      'file in S3). Compacted.',
    messages: ['drawRecord', 'drawRecordEntries'],
    compacted: true,
  },
  {
    topic: 'exclusions',
    description:
      'Customers who may not be paid a prize (self-exclusion, closed account), key customerId. The ticket ' +
      "wallet applies them; a draw skips the tickets of every customer excluded when its wallet partition's " +
      'run is sent (the next ticket takes the prize) and lists them in its record. `excluded: false` or a ' +
      'tombstone lifts an exclusion. Compacted.',
    messages: ['customerExclusion'],
    compacted: true,
    alsoSent: '`prizedraw customers exclude ID` and `prizedraw customers include ID` write exclusions.',
    deadLetter: true,
  },
  {
    topic: 'ticketUpdates',
    description: 'Live ticket counts, so a customer can see where they stand.',
    messages: ['ticketCount'],
  },
  {
    topic: 'consoleAudit',
    description:
      'The audit trail of the operations console (services/console): one event per draw defined or ' +
      'triggered and per dead-lettered record re-driven there, naming the operator, produced before the ' +
      'action itself.',
    messages: ['consoleAction', 'consoleRedrive'],
  },
  {
    topic: 'instantWinEvents',
    description:
      "Instant-win draws and coupon redemptions, relayed from the instant-win service's transactional outbox: " +
      'one event per committed draw or redemption, in a Kafka transaction (read with isolation.level ' +
      'read_committed). ce_id is the outbox row id: should a relay ever publish a row twice, the copies share ' +
      'their ce_id, so a consumer that keeps the ce_ids it has seen drops the repeat.',
    messages: ['instantWinDrawn', 'couponRedeemed'],
  },
  {
    topic: 'eppmActivity',
    description:
      'Qualification verdicts from EPPM. A verdict with qualified false becomes an unqualification message ' +
      'for the customer (seed 001: week-one unqualification).',
    messages: ['eppmActivity'],
    deadLetter: true,
  },
  {
    topic: 'messageQueueInbound',
    description:
      'Customer messages for the message queue, produced by notifications when the onsite gateway answers 404 ' +
      '(the customer has no open session) or when the message must not interrupt the customer (REWARD_AWARDED ' +
      "on a Monday of the brand's time zone). messageId is stable per source event and message type: a repeat " +
      'is the same message, which the queue holds once.',
    messages: ['customerMessage'],
    // The message queue consumes it: what it cannot read goes to the dead-letter topic.
    deadLetter: true,
    alsoSent: 'notifications produces the messages it queues, keyed by customer.',
  },
  {
    topic: 'messagesDelivered',
    description:
      "Customer messages the onsite gateway delivered to the customer's open page, each with the time of " +
      "the gateway's answer, written by the one that delivered it. notifications writes a message the gateway " +
      'delivered at once, in the Kafka transaction of the event the message was made from, so once per source ' +
      'event (ce_source /prizedraw/notifications, ce_id <messageId>:delivered). The message queue writes a ' +
      'message it queued and redelivered when the customer came online: the transaction that removes the ' +
      'message from its MariaDB table after the gateway answered 200 also writes the event to its outbox ' +
      '(msq_outbox), relayed exactly once for read-committed consumers (ce_source /prizedraw/message-queue, ' +
      'ce_id the outbox row id). A message is delivered one way or the other, so each has one event. The ' +
      "operations console shows them on the customer page. Retained as the cluster's default retention, not " +
      "compacted: a customer's messages are all kept, not only the latest.",
    messages: ['customerMessageDelivered'],
  },
  {
    topic: 'customersOnline',
    description:
      'Produced by the onsite gateway each time a customer opens a live session (at least once: a repeat ' +
      'only makes the message queue look for queued messages again). The message queue consumes it and ' +
      "redelivers the customer's queued, unexpired messages in order.",
    messages: ['customerOnline'],
    deadLetter: true,
    alsoSent: 'The onsite gateway produces one event each time a customer opens a session.',
  },
  {
    topic: 'messageDeletes',
    description:
      'Delete instructions for the message queue, produced by other systems (and by prizedraw for instant-win ' +
      'coupons, see its send operation): the customer already knows ' +
      '(spent the reward, redeemed the coupon, claimed the prize), so the queued message is removed unseen. ' +
      'An instruction for a message not (or no longer) queued changes nothing.',
    messages: ['messageDelete'],
    deadLetter: true,
    alsoSent:
      'The message queue produces one instruction per instant-win coupon redeemed, keyed by customer, with ' +
      'sourceId = the ce_id of the instant-win-drawn event that won the coupon (its win message).',
  },
];

const parameters = {
  dc: { description: 'Data centre (setting DC), lowercase [a-z0-9-]+.', default: 'local' },
  brand: { description: 'Brand (setting BRAND), lowercase [a-z0-9-]+.', default: 'demo' },
  env: {
    description: "Environment (the message queue's setting ENV), lowercase [a-z0-9-]+.",
    default: 'local',
  },
};

function parametersOf(address: string) {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => address.includes(`{${name}}`)));
}

/** The binary-mode headers every event carries: attributes as `ce_*`, the data's content type. */
const cloudEventHeaders: JsonSchema = {
  type: 'object',
  description:
    'CloudEvents 1.0 attributes in Kafka binary content mode. Consumers also accept structured mode ' +
    '(content-type application/cloudevents+json, the whole event as JSON in the value). Other extension ' +
    'attributes travel as further ce_<name> headers.',
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', minLength: 1, description: 'Unique per source; a repeat is a duplicate.' },
    ce_source: { type: 'string', format: 'uri-reference', description: 'Who produced the event.' },
    ce_type: { type: 'string', description: 'The event type, e.g. prizedraw.stake.v1.' },
    ce_time: { type: 'string', format: 'date-time', description: 'When it happened, RFC 3339 with offset.' },
    ce_subject: { type: 'string' },
    'content-type': {
      type: 'string',
      enum: [JSON_CONTENT_TYPE, REGISTRY_CONTENT_TYPE],
      description:
        `${JSON_CONTENT_TYPE}: the value is JSON. ${REGISTRY_CONTENT_TYPE}: written when a schema registry is ` +
        'configured (SCHEMA_REGISTRY_URL); the value is the Confluent wire format: byte 0, the 4-byte ' +
        'big-endian schema id, then the same JSON (subject = ce_type, JSON Schema). Consumers read both ' +
        'framings under either content type.',
    },
    ce_dataschema: {
      type: 'string',
      format: 'uri',
      description:
        'With a schema registry: the URL of the schema id in the value, <SCHEMA_REGISTRY_URL>/schemas/ids/<id>, ' +
        "as the registry's Confluent-compatible API serves it. Absent with plain JSON.",
    },
    [TIMELINE_HEADER]: {
      type: 'string',
      pattern: '^[a-z0-9.-]+@[0-9]+(,[a-z0-9.-]+@[0-9]+)*$',
      description:
        'Timeline extension: <stage>@<epoch-ms> of every hop the value passed, oldest first, e.g. ' +
        'occurred@1732240000000,ingestion.in@1732240000100. Producers may leave it out.',
    },
    ce_activitypartition: {
      type: 'string',
      pattern: '^(0|[1-9][0-9]*)$',
      description:
        'Activity-partition extension (activitypartition): the partition of the activity topic the activity ' +
        'behind the event was read from, in decimal. Ingestion sets it on the activity it forwards (replacing ' +
        'any value a producer sent), every pipeline stage carries it on to the events it derives, and the ' +
        'ticket wallet treats a prizedraw.tickets-granted.v1 from an activity partition whose draw marker it ' +
        'already has as late. Optional: an event without it (a producer outside the pipeline, an older ' +
        "version) counts up to the draw's last marker in its wallet partition.",
    },
  },
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time'],
};

/** The headers of an event of `type`: the shared CloudEvent headers with ce_type fixed. */
function headersOf(type: EventType): JsonSchema {
  return {
    type: 'object',
    allOf: [
      { $ref: '#/components/schemas/cloudEventHeaders' },
      { type: 'object', properties: { ce_type: { type: 'string', const: type } } },
    ],
  };
}

function message(key: EventKey) {
  const type = EVENT_TYPES[key];
  const { summary, key: recordKey } = messageSpecs[key];
  const { $schema: _dialect, title: _title, ...payload } = eventJsonSchema(type);
  const example = examples[key];
  // An example that no longer decodes and validates would teach users the wrong thing: refuse to generate.
  const exampleHeaders = { ce_type: type, ...example.headers };
  decodeAndValidate({ value: JSON.stringify(example.payload), headers: exampleHeaders });
  return {
    name: type,
    title: type,
    summary,
    contentType: 'application/json',
    headers: headersOf(type),
    payload,
    bindings: { kafka: { key: { type: 'string', description: recordKey }, bindingVersion: '0.5.0' } },
    examples: [{ name: key, headers: exampleHeaders, payload: example.payload }],
  };
}

const deadLetterMessage = {
  name: 'dead-letter',
  title: 'Dead letter',
  summary: 'A record that could not be decoded or failed validation, with the reason and its origin.',
  description:
    'The original key, value and headers, unchanged (the value may not even be JSON), plus the headers below. ' +
    'Every original header is kept with its bytes (UTF-8 or not), a header without a value stays one (null), ' +
    'and a repeated header keeps all its values in their order; only the order between headers of different ' +
    'names may differ. A dlq-* header of the original is replaced by the one below.',
  headers: {
    type: 'object',
    properties: {
      [DEAD_LETTER_HEADERS.reason]: { type: 'string', description: 'Why it was rejected, naming the field.' },
      [DEAD_LETTER_HEADERS.error]: { type: 'string', enum: ['DecodeError', 'ValidationError'] },
      [DEAD_LETTER_HEADERS.originTopic]: { type: 'string' },
      [DEAD_LETTER_HEADERS.originPartition]: { type: 'string', pattern: '^[0-9]+$' },
      [DEAD_LETTER_HEADERS.originOffset]: { type: 'string', pattern: '^[0-9]+$' },
      [DEAD_LETTER_HEADERS.failedAt]: { type: 'string', format: 'date-time' },
    },
    required: Object.values(DEAD_LETTER_HEADERS),
  },
  payload: { description: 'The rejected record value as it was received.' },
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The AsyncAPI 3.0 document of the public topics and events, as plain data. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const spec of channelSpecs) {
    const address = TOPIC_TEMPLATES[spec.topic];
    const inbound = spec.deadLetter === true;
    channels[spec.topic] = {
      address,
      title: address,
      description: spec.description,
      parameters: parametersOf(address),
      messages: Object.fromEntries(
        spec.messages.map((key) => [key, { $ref: `#/components/messages/${key}` }]),
      ),
      ...(spec.compacted
        ? {
            bindings: {
              kafka: { topicConfiguration: { 'cleanup.policy': ['compact'] }, bindingVersion: '0.5.0' },
            },
          }
        : {}),
    };
    operations[`${inbound ? 'receive' : 'send'}${capitalized(spec.topic)}`] = {
      action: inbound ? 'receive' : 'send',
      channel: { $ref: `#/channels/${spec.topic}` },
      summary: inbound ? `prizedraw consumes ${address}.` : `prizedraw produces ${address}.`,
    };
    if (spec.alsoSent !== undefined) {
      operations[`send${capitalized(spec.topic)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${spec.topic}` },
        summary: spec.alsoSent,
      };
    }
    if (!inbound) continue;
    const dlq = `${spec.topic}DeadLetter`;
    channels[dlq] = {
      address: `${address}.dlq`,
      title: `${address}.dlq`,
      description: `Records of ${address} that failed decoding or validation. Nothing is dropped silently.`,
      parameters: parametersOf(address),
      messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
    };
    operations[`send${capitalized(dlq)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${dlq}` },
      summary: `prizedraw dead-letters rejected records of ${address}.`,
    };
  }
  const eventKeys = Object.keys(EVENT_TYPES) as EventKey[];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'prizedraw',
      version: '1.0.0',
      description:
        'The public contract of prizedraw: the topics users produce to and consume from, and their events. ' +
        'Every record is a CloudEvent in Kafka binary content mode (structured mode is accepted on input). ' +
        'Topic names use the DC and BRAND settings. Times are ISO-8601 with offset; money is an integer in ' +
        'minor units. Optional fields may be added; fields are never renamed or removed; unknown fields are ' +
        'ignored by consumers.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The single-node broker of the local stack (deploy/local).',
      },
    },
    channels,
    operations,
    components: {
      schemas: { cloudEventHeaders },
      messages: {
        ...Object.fromEntries(eventKeys.map((key) => [key, message(key)])),
        deadLetter: deadLetterMessage,
      },
    },
  };
}
