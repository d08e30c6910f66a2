import { z } from 'zod';
import { dateTime, id } from './common';

/**
 * `prizedraw.console-action.v1` on `{brand}.console.audit` (key = drawId): an operator defined or triggered
 * a draw from the console, or requested an SCA draw's export again. Written before the action's own record, so no action goes unaudited.
 */
export const consoleActionSchema = z
  .object({
    action: z
      .enum(['define-draw', 'trigger-draw', 'retry-sca-export'])
      .describe("What the operator did (retry-sca-export: sent an SCA draw's export request again)."),
    drawId: id().describe('The draw acted on; also the record key.'),
    operator: id().describe("The operator: the subject of the console token's bearer."),
    at: dateTime().describe('When the console accepted the action.'),
  })
  .describe('An operator action taken in the console, for the audit trail.');

/** Data of `prizedraw.console-action.v1`. */
export type ConsoleAction = z.output<typeof consoleActionSchema>;

/**
 * `prizedraw.console-redrive.v1` on `{brand}.console.audit` (key = the dead-letter topic): an operator sent
 * a dead-lettered record back to the topic it came from, as it was. Written before the record is re-sent.
 */
export const consoleRedriveSchema = z
  .object({
    deadLetterTopic: id().describe('The dead-letter topic the record was on; also the record key.'),
    partition: z.int().nonnegative().describe('Its partition there.'),
    offset: id().describe('Its offset there (a decimal string: offsets pass 2^53).'),
    originTopic: id().describe('The topic it is sent back to (its dlq-origin-topic header).'),
    operator: id().describe("The operator: the subject of the console token's bearer."),
    at: dateTime().describe('When the console accepted the re-drive.'),
  })
  .describe('An operator re-drove a dead-lettered record to its source topic, for the audit trail.');

/** Data of `prizedraw.console-redrive.v1`. */
export type ConsoleRedrive = z.output<typeof consoleRedriveSchema>;
