// Runs the console on its own: `node services/console/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { consoleConfigSchema, consoleService } from './index';

runMain(consoleConfigSchema, (config) => [consoleService(config)]);
