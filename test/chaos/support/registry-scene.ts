import type { DrawDefined } from '@prizedraw/events';
import { createDeployment, type Deployment, e2eDraw } from '../../e2e/support/deployment';
import { uniqueName } from '../../support/kafka';
import { type PrivateRegistry, startPrivateRegistry } from '../../support/private-registry';

/** What a registry fault test works with: its own registry, a fresh brand, an open draw already defined. */
export interface RegistryScene {
  readonly registry: PrivateRegistry;
  readonly deployment: Deployment;
  readonly draw: DrawDefined;
  /** The brand's environment with `SCHEMA_REGISTRY_URL` on the private registry. */
  readonly env: Record<string, string>;
}

/** Starts a private registry and a deployment together, and defines a draw the test's stakes match. */
export async function startRegistryScene(name: string): Promise<RegistryScene> {
  const draw = e2eDraw(uniqueName(name));
  const [registry, deployment] = await Promise.all([startPrivateRegistry(), createDeployment()]);
  await deployment.define(draw);
  return { registry, deployment, draw, env: { ...deployment.env, SCHEMA_REGISTRY_URL: registry.url } };
}
