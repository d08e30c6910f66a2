// Runs the draw service on its own: `node services/prize-draw/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { prizeDrawConfigSchema, prizeDrawService } from './index';

runMain(prizeDrawConfigSchema, (config) => [prizeDrawService(config)]);
