// Runs the enrichment service on its own: `node services/enrichment/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { enrichmentConfigSchema, enrichmentService } from './index';

runMain(enrichmentConfigSchema, (config) => [enrichmentService(config)]);
