import type { z } from 'zod';
import { entrySchema, stakeSchema, ticketsAwardedSchema } from './schemas/activity';
import { consoleActionSchema, consoleRedriveSchema } from './schemas/console-action';
import { customerExclusionSchema } from './schemas/customer-exclusion';
import { customerMessageDeliveredSchema, customerMessageSchema } from './schemas/customer-message';
import { customerOnlineSchema } from './schemas/customer-online';
import { drawDefinedSchema } from './schemas/draw-definition';
import { drawRecordEntriesSchema, drawRecordSchema } from './schemas/draw-record';
import { drawCompletedSchema, drawResultSchema } from './schemas/draw-result';
import { drawTriggerSchema } from './schemas/draw-trigger';
import { couponRedeemedSchema, instantWinDrawnSchema } from './schemas/instant-win';
import { messageDeleteSchema } from './schemas/message-delete';
import {
  drawMarkerSchema,
  enrichedActivitySchema,
  lateTicketSchema,
  runChunkSchema,
  runEndSchema,
  runEntrySchema,
  scaExportReadySchema,
  ticketsGrantedSchema,
} from './schemas/pipeline';
import { ticketCountSchema } from './schemas/ticket-count';
import { eppmActivitySchema, unqualificationSchema } from './schemas/unqualification';

/** The CloudEvent `type` of every event in the public contract, so no service spells one out. */
export const EVENT_TYPES = {
  stake: 'prizedraw.stake.v1',
  ticketsAwarded: 'prizedraw.tickets-awarded.v1',
  entry: 'prizedraw.entry.v1',
  drawDefined: 'prizedraw.draw-defined.v1',
  drawTrigger: 'prizedraw.draw-trigger.v1',
  drawResult: 'prizedraw.draw-result.v1',
  drawCompleted: 'prizedraw.draw-completed.v1',
  ticketCount: 'prizedraw.ticket-count.v1',
  instantWinDrawn: 'prizedraw.instant-win-drawn.v1',
  couponRedeemed: 'prizedraw.instant-win-coupon-redeemed.v1',
  customerOnline: 'prizedraw.customer-online.v1',
  messageDelete: 'prizedraw.message-delete.v1',
  eppmActivity: 'prizedraw.eppm-activity.v1',
  customerMessage: 'prizedraw.customer-message.v1',
  drawRecord: 'prizedraw.draw-record.v1',
  drawRecordEntries: 'prizedraw.draw-record-entries.v1',
  consoleAction: 'prizedraw.console-action.v1',
  consoleRedrive: 'prizedraw.console-redrive.v1',
  customerExclusion: 'prizedraw.customer-exclusion.v1',
  customerMessageDelivered: 'prizedraw.customer-message-delivered.v1',
} as const;

/** The CloudEvent `type` of the events prizedraw's services pass among themselves (not public contract). */
export const PIPELINE_EVENT_TYPES = {
  drawMarker: 'prizedraw.draw-marker.v1',
  enrichedActivity: 'prizedraw.activity-enriched.v1',
  ticketsGranted: 'prizedraw.tickets-granted.v1',
  runEntry: 'prizedraw.run-entry.v1',
  runChunk: 'prizedraw.run-chunk.v1',
  runEnd: 'prizedraw.run-end.v1',
  lateTicket: 'prizedraw.late-ticket.v1',
  scaExportReady: 'prizedraw.sca-export-ready.v1',
  unqualification: 'prizedraw.unqualification.v1',
} as const;

/** The zod schema of every event type's data: the single source of the contract and of asyncapi.yaml. */
export const eventSchemas = {
  [EVENT_TYPES.stake]: stakeSchema,
  [EVENT_TYPES.ticketsAwarded]: ticketsAwardedSchema,
  [EVENT_TYPES.entry]: entrySchema,
  [EVENT_TYPES.drawDefined]: drawDefinedSchema,
  [EVENT_TYPES.drawTrigger]: drawTriggerSchema,
  [EVENT_TYPES.drawResult]: drawResultSchema,
  [EVENT_TYPES.drawCompleted]: drawCompletedSchema,
  [EVENT_TYPES.ticketCount]: ticketCountSchema,
  [EVENT_TYPES.instantWinDrawn]: instantWinDrawnSchema,
  [EVENT_TYPES.couponRedeemed]: couponRedeemedSchema,
  [EVENT_TYPES.eppmActivity]: eppmActivitySchema,
  [EVENT_TYPES.customerMessage]: customerMessageSchema,
  [EVENT_TYPES.customerOnline]: customerOnlineSchema,
  [EVENT_TYPES.messageDelete]: messageDeleteSchema,
  [EVENT_TYPES.drawRecord]: drawRecordSchema,
  [EVENT_TYPES.drawRecordEntries]: drawRecordEntriesSchema,
  [EVENT_TYPES.consoleAction]: consoleActionSchema,
  [EVENT_TYPES.consoleRedrive]: consoleRedriveSchema,
  [EVENT_TYPES.customerExclusion]: customerExclusionSchema,
  [EVENT_TYPES.customerMessageDelivered]: customerMessageDeliveredSchema,
  [PIPELINE_EVENT_TYPES.drawMarker]: drawMarkerSchema,
  [PIPELINE_EVENT_TYPES.enrichedActivity]: enrichedActivitySchema,
  [PIPELINE_EVENT_TYPES.ticketsGranted]: ticketsGrantedSchema,
  [PIPELINE_EVENT_TYPES.runEntry]: runEntrySchema,
  [PIPELINE_EVENT_TYPES.runChunk]: runChunkSchema,
  [PIPELINE_EVENT_TYPES.runEnd]: runEndSchema,
  [PIPELINE_EVENT_TYPES.lateTicket]: lateTicketSchema,
  [PIPELINE_EVENT_TYPES.scaExportReady]: scaExportReadySchema,
  [PIPELINE_EVENT_TYPES.unqualification]: unqualificationSchema,
} as const;

/** A CloudEvent `type` of the public contract, e.g. `'prizedraw.stake.v1'`. */
export type PublicEventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** A CloudEvent `type` prizedraw knows, public or between its services. */
export type EventType = keyof typeof eventSchemas;

/** The data of event type `T` after validation (defaults filled in). */
export type EventData<T extends EventType> = z.output<(typeof eventSchemas)[T]>;

/** The data of event type `T` as a producer may send it (fields with defaults may be left out). */
export type EventDataInput<T extends EventType> = z.input<(typeof eventSchemas)[T]>;

/** Whether `type` is an event type of the contract. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}
