// Runs the draw-results service on its own: `node services/draw-results/dist/main.js`.
import { baseConfigSchema, runMain } from '@prizedraw/service';
import { drawResultsService } from './index';

runMain(baseConfigSchema, () => [drawResultsService()]);
