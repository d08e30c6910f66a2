// Runs the dedupe service on its own: `node services/dedupe/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { dedupeConfigSchema, dedupeService } from './index';

runMain(dedupeConfigSchema, (config) => [dedupeService(config)]);
