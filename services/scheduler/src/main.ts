// Runs the scheduler service on its own: `node services/scheduler/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { schedulerConfigSchema, schedulerService } from './index';

runMain(schedulerConfigSchema, (config) => [schedulerService(config)]);
