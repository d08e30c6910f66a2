#!/usr/bin/env node
// The `prizedraw` command.
import { baseConfigSchema, parseConfig } from '@prizedraw/service';
import { Command } from 'commander';
import { customersExclude } from './commands/customers-exclude';
import { demo } from './commands/demo';
import { demoInstantWin } from './commands/demo-instant-win';
import { drawsDefine } from './commands/draws-define';
import { drawsReplay } from './commands/draws-replay';
import { drawsStatus } from './commands/draws-status';
import { drawsTrigger } from './commands/draws-trigger';
import { schedulerRun } from './commands/scheduler-run';
import { start } from './commands/start';
import { issueToken, type TokenOptions } from './commands/token';
import { topicsCreate } from './commands/topics-create';
import { type VerifyOptions, verify } from './commands/verify';
import type { StartedMessage } from './demo/pipeline-process';
import { say } from './output';
import { seedConfigSchema } from './seed-config';

const program = new Command('prizedraw')
  .description('Event-driven prize draws on Apache Kafka')
  .showHelpAfterError();
const config = () => parseConfig(baseConfigSchema);
const fail = (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
};

program
  .command('start')
  .description(
    'run services in this process: ingestion, enrichment, dedupe, ticket-rules, ticket-wallet, prize-draw, sca-export, scheduler, or all of those; instant-win, onsite-gateway, message-queue, decisions, notifications, console',
  )
  .argument('<services...>')
  .action(async (names: string[]) => {
    const running = await start(names, process.env);
    const stop = () => void running.close().then(() => process.exit(0), fail);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // Forked by another prizedraw process (the demo runs its pipeline's stages so): tell it where this one
    // listens, and stop when it goes away, killed or not, so that none is left behind.
    if (process.send) {
      process.once('disconnect', stop);
      if (process.connected) process.send({ url: running.url } satisfies StartedMessage);
      else stop();
    }
  });

const draws = program.command('draws').description('define, trigger and inspect draws');
draws
  .command('define')
  .argument('<file>', 'JSON or YAML: one draw or a list')
  .action((file: string) => drawsDefine(parseConfig(seedConfigSchema), file));
draws
  .command('trigger')
  .argument('<drawId>')
  .action((drawId: string) => drawsTrigger(config(), drawId));
draws
  .command('replay')
  .description(
    "rebuild a completed draw's entry list from the activity up to its cut-offs and compare it with its record",
  )
  .argument('<drawId>')
  .action(async (drawId: string) => {
    await drawsReplay(config(), drawId);
  });
draws
  .command('status')
  .argument('<drawId>')
  .action((drawId: string) => drawsStatus(config(), drawId));

const customers = program
  .command('customers')
  .description('exclude customers from prizes at draw time (self-exclusion, closed account), or lift it');
customers
  .command('exclude')
  .argument('<customerId>', 'the account id (or normalized email of a contest entrant)')
  .option('--reason <text>', 'why, for operators (never published in a draw record)')
  .action((customerId: string, options: { reason?: string }) =>
    customersExclude(config(), customerId, true, options.reason),
  );
customers
  .command('include')
  .argument('<customerId>')
  .description('lift an exclusion: draws sent from now on count the customer again')
  .action((customerId: string) => customersExclude(config(), customerId, false));

program
  .command('verify')
  .description(
    'check a completed draw from its published record: seed, every ticket, winners, ranks, cut-offs, exclusions',
  )
  .argument('<drawId>')
  .option('--account <id>', "print this entrant's Merkle inclusion proof and recomputed tickets")
  .option('--save <dir>', 'also write record.json and results.json there, for tools/verify-draw.mjs')
  .action(async (drawId: string, options: VerifyOptions) => {
    await verify(config(), drawId, options);
  });

program
  .command('topics')
  .description("prizedraw's Kafka topics")
  .command('create')
  .description('create the missing pipeline topics of DC and BRAND; fail if a partition count differs')
  .action(() => topicsCreate(config()));

program
  .command('scheduler')
  .description('SCA contests: define their periods as draws and trigger those that ended')
  .command('run')
  .description('sync contests, then trigger every period that ended in the 7 days before --as-of, once')
  .option('--as-of <date>', 'ISO-8601 date or instant to run as of (default: now)')
  .action((options: { asOf?: string }) => schedulerRun(options.asOf));

program
  .command('demo')
  .description(
    'start everything on fresh topics, send a realistic load, draw, and print a checked summary; ' +
      'demo instant-win: a campaign of instant-win draws through the API',
  )
  .argument('[kind]', 'draw (the default) or instant-win', 'draw')
  .option('--customers <count>', 'customers in the load (default 50,000; instant-win 5,000)', (value) =>
    Number.parseInt(value, 10),
  )
  .option('--keep-topics', "leave the demo's topics on the broker when it ends (deleted by default)")
  .action(async (kind: string, options: { customers?: number; keepTopics?: boolean }) => {
    if (kind !== 'draw' && kind !== 'instant-win')
      throw new Error(`unknown demo ${kind}: draw or instant-win`);
    const customers = options.customers ?? (kind === 'draw' ? 50_000 : 5_000);
    if (!Number.isInteger(customers) || customers < 1)
      throw new Error('--customers: expected a positive whole number');
    const demoOptions = { customers, keepTopics: options.keepTopics === true };
    await (kind === 'draw' ? demo(demoOptions) : demoInstantWin(demoOptions));
  });

program
  .command('token')
  .description('issue an API token for local use, signed with API_TOKEN_SECRET or API_TOKEN_SECRET_FILE')
  .requiredOption('--role <role>', 'operator or customer')
  .requiredOption('--subject <id>', "the token's subject: an operator's name or a customer's account id")
  .option('--ttl <duration>', 'how long it is valid: 3600, 90s, 15m, 12h or 7d', '1h')
  .action((options: TokenOptions) => say(issueToken(options)));

program.parseAsync().catch(fail);
