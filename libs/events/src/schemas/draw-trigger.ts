import { z } from 'zod';
import { id } from './common';

/** `prizedraw.draw-trigger.v1` on `{brand}.draw.triggers`: draw now. Sending it twice draws once. */
export const drawTriggerSchema = z
  .object({ drawId: id().describe('The draw to run; also the record key.') })
  .describe('Runs a draw. Sending it twice draws once.');

/** Data of `prizedraw.draw-trigger.v1`. */
export type DrawTrigger = z.output<typeof drawTriggerSchema>;
