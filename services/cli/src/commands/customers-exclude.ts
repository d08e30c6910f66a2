import { type CustomerExclusion, EVENT_TYPES } from '@prizedraw/events';
import { type BaseConfig, topicsOf } from '@prizedraw/service';
import { say } from '../output';
import { publish } from '../publish';

/**
 * `prizedraw customers exclude ID [--reason TEXT]` and `prizedraw customers include ID`: excludes a customer
 * from prizes (self-exclusion, closed account) or lifts it, on `{brand}.customer.exclusions`. Draws whose
 * run a wallet partition sends from then on skip the customer's tickets; runs already sent keep theirs.
 */
export async function customersExclude(
  config: BaseConfig,
  customerId: string,
  excluded: boolean,
  reason?: string,
): Promise<void> {
  const topic = topicsOf(config).exclusions;
  const data: CustomerExclusion = { customerId, excluded, ...(reason !== undefined && { reason }) };
  await publish(config, topic, [{ type: EVENT_TYPES.customerExclusion, key: customerId, data }]);
  say(`${excluded ? 'excluded' : 'lifted the exclusion of'} ${customerId} on ${topic}`);
}
