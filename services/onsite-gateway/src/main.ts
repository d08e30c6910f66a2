// Runs the onsite gateway on its own: `node services/onsite-gateway/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { onsiteGatewayConfigSchema, onsiteGatewayService } from './index';

runMain(onsiteGatewayConfigSchema, (config) => [onsiteGatewayService(config)]);
