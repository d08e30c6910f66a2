import type { DrawDefined } from '@prizedraw/events';
import type { Kafka } from 'kafkajs';
import { type ActivityLoad, buildActivityLoad } from '../../e2e/support/activity-load';
import { createDeployment, type Deployment, e2eDraw } from '../../e2e/support/deployment';
import { PrivateKafkaBroker } from '../../support/private-kafka-broker';

/** A draw on a broker of the test's own, which the test may crash and restart. */
export interface PrivateDraw {
  broker: PrivateKafkaBroker;
  client: Kafka;
  deployment: Deployment;
  draw: DrawDefined;
  /** The activity of `customers` customers, not yet produced, and the tickets it must earn. */
  load: ActivityLoad;
}

/** Starts a private broker, creates a deployment on it and defines an e2e draw (before any service starts). */
export async function startPrivateDraw(customers: number, seed: number): Promise<PrivateDraw> {
  const broker = await PrivateKafkaBroker.start();
  try {
    const deployment = await createDeployment(broker);
    const draw = e2eDraw(`draw-${deployment.env.BRAND}`);
    await deployment.define(draw);
    const load = buildActivityLoad({ customers, promoCode: draw.promoCode, stakePerTicketMinor: 50, seed });
    return { broker, client: broker.client(), deployment, draw, load };
  } catch (error) {
    // The caller never gets the broker to close: a failed set-up left its controller running after the run.
    await broker.close();
    throw error;
  }
}
