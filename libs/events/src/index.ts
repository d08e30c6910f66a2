/**
 * @prizedraw/events — the envelope and the public contract of prizedraw.
 *
 * Every record on every topic is a CloudEvent in Kafka's binary content mode; this package encodes and
 * decodes them (structured mode is read too), validates their data against the zod schemas of the contract,
 * names the topics, and carries the timeline of stamps that makes per-hop latency measurable.
 *
 * @example
 * import { bind, decodeAndValidate, encodeEvent, EVENT_TYPES, stamp, toCloudEvent, topicNames } from '@prizedraw/events';
 *
 * const topics = topicNames({ dc: 'local', brand: 'demo' });
 * // Throws DecodeError / ValidationError (retriable: false) for a record to dead-letter.
 * const input = decodeAndValidate(message, { origin: { topic, partition, offset: message.offset } });
 * if (input.type === EVENT_TYPES.stake) {
 *   const { accountId } = input.data;
 *   let count = bind({ drawId: 'xmas', accountId, tickets: 3, milestone: false }, input); // copies the timeline
 *   count = stamp(count, 'ticket-wallet.out');
 *   const event = toCloudEvent(count, { type: EVENT_TYPES.ticketCount, source: '/prizedraw/ticket-wallet' });
 *   await producer.send({ topic: topics.ticketUpdates, messages: [encodeEvent(event, { key: accountId })] });
 * }
 */

export {
  ACTIVITY_PARTITION_ATTRIBUTE,
  type Binder,
  bind,
  OCCURRED_STAGE,
  stamp,
  type ToCloudEventOptions,
  toCloudEvent,
} from './binder';
export {
  type EncodableEvent,
  type IncomingHeaderValue,
  type IncomingRecord,
  JSON_CONTENT_TYPE,
  type OutgoingRecord,
  type PrizedrawCloudEvent,
  REGISTRY_CONTENT_TYPE,
  STRUCTURED_CONTENT_TYPE,
  type ValidatedEvent,
} from './cloud-event';
export {
  type DecodeOptions,
  type DecodeWithCodecOptions,
  decodeAndValidate,
  decodeEvent,
  type EncodeOptions,
  encodeEvent,
  encodeStructuredEvent,
} from './cloud-event-codec';
export { DEAD_LETTER_HEADERS } from './dead-letter-headers';
export { decodeRecordKey } from './decode-record-key';
export { decodeUtf8Strict } from './decode-utf8-strict';
export {
  DecodeError,
  type InvalidRecordErrorOptions,
  PrizedrawError,
  type PrizedrawErrorOptions,
  type RecordOrigin,
  ValidationError,
  type ValidationIssue,
} from './errors';
export { eventJsonSchema, type JsonSchema } from './event-json-schema';
export {
  EVENT_TYPES,
  type EventData,
  type EventDataInput,
  type EventType,
  eventSchemas,
  isEventType,
  PIPELINE_EVENT_TYPES,
  type PublicEventType,
} from './event-schemas';
export { decodeEventData } from './json-data';
export { parseEventData } from './parse-event-data';
export { readBackEvent, readsBackAsWritten } from './read-back-event';
export { runChunkOf, runEntriesOf } from './run-entries-of';
export {
  createDataCodec,
  type DataCodec,
  type DataCodecOptions,
  type EncodedData,
} from './schema-registry-codec';
export {
  type Entry,
  entrySchema,
  type Stake,
  stakeSchema,
  type TicketsAwarded,
  ticketsAwardedSchema,
} from './schemas/activity';
export { isTimeZone } from './schemas/common';
export {
  type ConsoleAction,
  type ConsoleRedrive,
  consoleActionSchema,
  consoleRedriveSchema,
} from './schemas/console-action';
export { type CustomerExclusion, customerExclusionSchema } from './schemas/customer-exclusion';
export {
  type CustomerMessage,
  customerMessageSchema,
  DELIVERY_PREFERENCES,
  type DeliveryPreference,
  MESSAGE_TYPES,
  type MessageType,
} from './schemas/customer-message';
export { type CustomerOnline, customerOnlineSchema } from './schemas/customer-online';
export { type DrawDefined, drawDefinedSchema } from './schemas/draw-definition';
export {
  type DrawRecord,
  type DrawRecordEntries,
  drawRecordEntriesSchema,
  drawRecordSchema,
  recordEntrySchema,
} from './schemas/draw-record';
export {
  type DrawCompleted,
  type DrawResult,
  drawCompletedSchema,
  drawResultSchema,
} from './schemas/draw-result';
export { type DrawTrigger, drawTriggerSchema } from './schemas/draw-trigger';
export {
  type CouponRedeemed,
  couponCode,
  couponRedeemedSchema,
  type InstantWinDrawn,
  instantWinDrawnSchema,
  type WonCoupon,
  wonCouponSchema,
} from './schemas/instant-win';
export { type MessageDelete, messageDeleteSchema } from './schemas/message-delete';
export {
  type ContestEntry,
  contestEntrySchema,
  type DrawMarker,
  type DrawRules,
  drawMarkerSchema,
  drawRulesSchema,
  type EnrichedActivity,
  enrichedActivitySchema,
  type LateTicket,
  lateTicketSchema,
  type RunChunk,
  type RunChunkEntry,
  type RunEnd,
  type RunEntry,
  runChunkEntrySchema,
  runChunkSchema,
  runEndSchema,
  runEntrySchema,
  type ScaExportReady,
  scaExportReadySchema,
  type TicketsGranted,
  ticketsGrantedSchema,
} from './schemas/pipeline';
export { type TicketCount, ticketCountSchema } from './schemas/ticket-count';
export {
  type EppmActivity,
  eppmActivitySchema,
  type Unqualification,
  unqualificationSchema,
} from './schemas/unqualification';
export {
  endToEndLatencyMs,
  formatTimeline,
  hopLatencyMs,
  parseTimeline,
  STAGE_PATTERN,
  type Stamp,
  TIMELINE_ATTRIBUTE,
  TIMELINE_HEADER,
  timelineEnds,
} from './timeline';
export {
  deadLetterTopic,
  PUBLIC_TOPIC_KEYS,
  TOPIC_TEMPLATES,
  type TopicKey,
  type TopicNameOptions,
  type TopicNames,
  topicNames,
} from './topics';
export { customerTickets, type TicketWriter } from './verifiable/customer-tickets';
export {
  DRAW_RECORD_FILE_END,
  drawRecordFileHead,
  drawRecordFileLine,
} from './verifiable/draw-record-file';
export {
  canonicalJson,
  DRAW_SCHEME,
  deriveTicket,
  type HashedResult,
  type LineOutcome,
  lengthPrefixed,
  resultLine,
  resultLines,
  resultsHashOf,
  SEED_BYTES,
  seedCommitmentOf,
  sha256Hex,
  ticketMessage,
  uint64,
} from './verifiable/draw-scheme';
export {
  compareCodePoints,
  EntriesRootBuilder,
  entriesRoot,
  entryLeaf,
  inclusionProof,
  type ProofStep,
  type RecordEntry,
  rootFromProof,
  sortEntries,
} from './verifiable/entries-merkle-tree';
export { SeedDirectory, seedsIn } from './verifiable/seed-directory';
export { withSeedCommitment } from './verifiable/with-seed-commitment';
