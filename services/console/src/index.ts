/**
 * @prizedraw/console — the operations console: a page (`/console/`) and its JSON API (`/v1/console/…`, a
 * token of role operator) showing what prizedraw writes — every draw with its state and live counts, one draw
 * live over Server-Sent Events, its winners by prize and results — and letting an operator define and trigger
 * draws, each action audited on `{brand}.console.audit`.
 *
 * @example
 * const running = await runServices([consoleService(config)], config);
 * // browser: `${running.url}/console/`, paste a token of `prizedraw token --role operator --subject ann`
 */

import { createPool } from '@prizedraw/compliance-db';
import { SeedDirectory } from '@prizedraw/events';
import { apiTokensOf, createEventProducer, type Service } from '@prizedraw/service';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { committedOffsets } from './adapters/committed-offsets';
import { startConsoleFeed } from './adapters/console-feed';
import { registerConsoleRoutes } from './adapters/console-routes';
import { CustomerMessagesQuery } from './adapters/customer-messages-query';
import { startDeadLetterFeed } from './adapters/dead-letter-feed';
import { DeadLetterPages } from './adapters/dead-letter-pages';
import { DeadLetterRedrive } from './adapters/dead-letter-redrive';
import { registerDeadLetterRoutes } from './adapters/dead-letter-routes';
import { DrawVerifier } from './adapters/draw-verifier';
import { registerHealthRoutes } from './adapters/health-route';
import { startLagSampler } from './adapters/lag-sampler';
import { registerLiveRoute } from './adapters/live-route';
import { LiveStreams } from './adapters/live-streams';
import { registerMarkersRoute } from './adapters/markers-route';
import { OperatorActions } from './adapters/operator-actions';
import { registerPageRoutes } from './adapters/page-routes';
import { registerScaRoute } from './adapters/sca-route';
import { ServiceReadiness } from './adapters/service-readiness';
import { WalletClient } from './adapters/wallet-client';
import type { ConsoleConfig } from './config';
import { CustomerMessageLog } from './customer-messages';
import { DeadLetterLog } from './dead-letter-log';
import { DrawBoard } from './draw-board';
import { LagHistory } from './lag-history';
import { PipelineTimings } from './pipeline-timings';
import type { ScaExportRequest } from './sca-exports';

export { type ConsoleConfig, consoleConfigSchema } from './config';
export {
  CustomerMessageLog,
  type MessageStatus,
  messageStatusOf,
  type QueuedMessageRecord,
} from './customer-messages';
export { type DeadLetter, DeadLetterLog, type DeadLetterTopicSummary } from './dead-letter-log';
export { type CustomerDraw, DrawBoard, type DrawDetail, type DrawSummary } from './draw-board';
export { DrawProgress, type PrizeWinners } from './draw-progress';
export { type DrawState, drawStateOf, inTimeZone } from './draw-state';
export { type DrawVerification, verificationOf } from './draw-verification';
export { type FullVerification, fullVerificationOf } from './full-verification';
export { type GroupLag, type GroupLagHistory, LagHistory } from './lag-history';
export { type PartitionProgress, PartitionProgressTable } from './partition-progress';
export { PipelineTimings, type StageTiming, type TopicTimings } from './pipeline-timings';
export {
  type ScaExportRequest,
  type ScaExportState,
  type ScaExportStatus,
  scaExportStatusOf,
  scaPeriodOf,
} from './sca-exports';
export { type HistogramBar, TICKET_BUCKETS, TicketHistogram } from './ticket-histogram';

// A service creates its dead-letter topics when it starts, which may be after the console.
const DISCOVER_DEAD_LETTER_TOPICS_MS = 10_000;
// Queued messages kept per customer for the customer page.
const MESSAGES_PER_CUSTOMER = 20;
// Samples of consumer lag (and intervals of throughput) kept for the Health page's charts (at 5 s, 5 minutes).
const LAG_SAMPLES = 60;

/** CloudEvent source of what the console produces (audit events, definitions, triggers). */
export const CONSOLE_SOURCE = '/prizedraw/console';

/**
 * The console: its feed of the topics, API, live streams and page on the process's HTTP server. The token
 * secret (API_TOKEN_SECRET or API_TOKEN_SECRET_FILE) is checked when the service is made, naming the variable.
 */
export function consoleService(config: ConsoleConfig): Service {
  const tokens = apiTokensOf(config);
  return {
    name: 'console',
    async start(context) {
      const logger = context.logger.child({ service: 'console' });
      const definitions = await context.definitions();
      const board = new DrawBoard(definitions, config.CONSOLE_RESULTS_KEPT);
      const timings = new PipelineTimings(config.CONSOLE_LAG_SAMPLE_MS, LAG_SAMPLES);
      const pool = config.MYSQL_URL === undefined ? undefined : createPool(config.MYSQL_URL);
      const scaRequests = new Map<string, ScaExportRequest>();
      const messages = new CustomerMessageLog(MESSAGES_PER_CUSTOMER, config.CONSOLE_MESSAGE_CUSTOMERS_KEPT);
      // Asked on demand (committed offsets, pages of dead letters) and the re-drive's producer: one client.
      const kafka = new Kafka({
        clientId: 'prizedraw-console-client',
        brokers: config.KAFKA_BROKERS,
        logLevel: logLevel.ERROR,
      });
      const admin = kafka.admin();
      await admin.connect();
      const stopFeed = await startConsoleFeed({
        brokers: config.KAFKA_BROKERS,
        topics: context.topics,
        board,
        timings,
        messages,
        scaRequests,
        dataCodec: context.dataCodec,
        logger,
      });
      const producer = await createEventProducer({
        brokers: config.KAFKA_BROKERS,
        clientId: 'prizedraw-console',
        source: CONSOLE_SOURCE,
        logger,
        dataCodec: context.dataCodec,
      });
      const deadLetters = new DeadLetterLog(config.CONSOLE_DEAD_LETTERS_KEPT);
      const stopDeadLetters = await startDeadLetterFeed({
        brokers: config.KAFKA_BROKERS,
        topics: context.topics,
        log: deadLetters,
        logger,
        discoverEveryMs: DISCOVER_DEAD_LETTER_TOPICS_MS,
      });
      // Re-driven records go out as they were, not as CloudEvents of the console: a producer of raw records.
      const redriveProducer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
      });
      await redriveProducer.connect();
      const lag = new LagHistory(LAG_SAMPLES);
      const stopLag = await startLagSampler({
        brokers: config.KAFKA_BROKERS,
        groupPrefix: `prizedraw-${config.BRAND}-`,
        history: lag,
        everyMs: config.CONSOLE_LAG_SAMPLE_MS,
        logger,
      });
      const streams = new LiveStreams(board, config.CONSOLE_LIVE_INTERVAL_MS);
      // Streams never end by themselves: the server's close would wait for them, so they are ended first.
      context.http.addHook('preClose', async () => streams.close());
      const verifier = new DrawVerifier({
        config,
        logger,
        outcome: (drawId, outcome) => board.progressOf(drawId).fullyVerified(outcome),
      });
      context.onClose(async () => {
        verifier.stop();
        await producer.close();
        await redriveProducer.disconnect();
        await admin.disconnect();
        await stopFeed();
        await stopDeadLetters();
        await stopLag();
        await pool?.end();
      });
      const actions = new OperatorActions(
        producer,
        context.topics,
        config.SEED_DIR === undefined ? undefined : new SeedDirectory(config.SEED_DIR),
      );
      const wallet = new WalletClient(config.CONSOLE_WALLET_URLS);
      registerConsoleRoutes(context.http, {
        wallet,
        verifier,
        messages: new CustomerMessagesQuery({
          log: messages,
          pool,
          admin,
          group: `prizedraw-${config.BRAND}-message-queue`,
          topic: context.topics.messageQueueInbound,
        }),
        board,
        tokens,
        actions,
      });
      registerLiveRoute(context.http, { board, tokens, streams });
      registerMarkersRoute(context.http, { tokens, wallet });
      const pages = new DeadLetterPages({ kafka, admin, log: deadLetters, topics: context.topics });
      registerDeadLetterRoutes(context.http, {
        log: deadLetters,
        pages,
        tokens,
        redrive: new DeadLetterRedrive({
          pages,
          producer: redriveProducer,
          audit: producer,
          topics: context.topics,
        }),
      });
      registerHealthRoutes(context.http, {
        history: lag,
        timings,
        readiness: new ServiceReadiness(config.CONSOLE_SERVICE_URLS),
        tokens,
      });
      registerScaRoute(context.http, {
        pool,
        definitions,
        tokens,
        requests: scaRequests,
        committed: () =>
          committedOffsets(admin, `prizedraw-${config.BRAND}-sca-export-worker`, context.topics.scaExports),
        bucket: config.S3_BUCKET,
        keyPrefix: config.S3_KEY_PREFIX,
        registry: context.registry,
        actions,
      });
      registerPageRoutes(context.http);
    },
  };
}
