// Runs the instant-win service on its own: `node services/instant-win/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { instantWinConfigSchema, instantWinService } from './index';

runMain(instantWinConfigSchema, (config) => [instantWinService(config)]);
