// Runs the decisions service on its own: `node services/decisions/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { decisionsConfigSchema, decisionsService } from './index';

runMain(decisionsConfigSchema, (config) => [decisionsService(config)]);
