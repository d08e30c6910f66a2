// Runs the ingestion service on its own: `node services/ingestion/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { ingestionConfigSchema, ingestionService } from './index';

runMain(ingestionConfigSchema, (config) => [ingestionService(config)]);
