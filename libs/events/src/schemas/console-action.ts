import { z } from 'zod';
import { dateTime, id } from './common';

/**
 * `prizedraw.console-action.v1` on `{brand}.console.audit` (key = drawId): an operator defined or triggered
 * a draw from the console. Written before the action's own record, so no action goes unaudited.
 */
export const consoleActionSchema = z
  .object({
    action: z.enum(['define-draw', 'trigger-draw']).describe('What the operator did.'),
    drawId: id().describe('The draw acted on; also the record key.'),
    operator: id().describe("The operator: the subject of the console token's bearer."),
    at: dateTime().describe('When the console accepted the action.'),
  })
  .describe('An operator action taken in the console, for the audit trail.');

/** Data of `prizedraw.console-action.v1`. */
export type ConsoleAction = z.output<typeof consoleActionSchema>;
