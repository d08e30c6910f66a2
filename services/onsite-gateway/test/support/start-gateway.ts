import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { parseConfig, type RunningServices, runServices } from '@prizedraw/service';
import { uniqueName } from '../../../../test/support/kafka';
import { onsiteGatewayConfigSchema, onsiteGatewayService } from '../../src';

/** The secret the test gateways sign and verify tokens with. */
export const TEST_SECRET = 'an onsite gateway test secret of 32+ bytes';
/** Tokens signed with {@link TEST_SECRET}. */
export const testTokens = new ApiTokens(new TokenSecret(Buffer.from(TEST_SECRET)));

/** A bearer header of `role` and `subject`. */
export const bearer = (role: 'operator' | 'customer', subject: string) => ({
  authorization: `Bearer ${testTokens.issue({ role, subject, ttlSeconds: 300 })}`,
});

/** An onsite gateway running in this process on a free port, brand of its own, demo tokens on. */
export async function startGateway(
  env: Record<string, string> = {},
): Promise<RunningServices & { brand: string }> {
  const brand = env.BRAND ?? uniqueName('osg').toLowerCase();
  const config = parseConfig(onsiteGatewayConfigSchema, {
    ...process.env,
    BRAND: brand,
    PARTITIONS: '2',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    API_TOKEN_SECRET: TEST_SECRET,
    ONSITE_DEMO_TOKENS: 'true',
    ...env,
  });
  const running = await runServices([onsiteGatewayService(config)], config);
  return { ...running, brand };
}
