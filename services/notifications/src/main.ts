// Runs the notifications service on its own: `node services/notifications/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { notificationsConfigSchema, notificationsService } from './index';

runMain(notificationsConfigSchema, (config) => [notificationsService(config)]);
