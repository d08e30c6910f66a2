// Runs the message queue on its own: `node services/message-queue/dist/main.js`.
import { runMain } from '@prizedraw/service';
import { messageQueueConfigSchema, messageQueueService } from './index';

runMain(messageQueueConfigSchema, (config) => [messageQueueService(config)]);
