#!/usr/bin/env node
// The `prizedraw` command.
import { baseConfigSchema, parseConfig } from '@prizedraw/service';
import { Command } from 'commander';
import { drawsDefine } from './commands/draws-define';
import { drawsStatus } from './commands/draws-status';
import { drawsTrigger } from './commands/draws-trigger';
import { start } from './commands/start';

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
    'run services in this process: ingestion, enrichment, dedupe, ticket-rules, ticket-wallet, prize-draw, or all',
  )
  .argument('<services...>')
  .action(async (names: string[]) => {
    const running = await start(names, process.env);
    const stop = () => void running.close().then(() => process.exit(0), fail);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });

const draws = program.command('draws').description('define, trigger and inspect draws');
draws
  .command('define')
  .argument('<file>', 'JSON or YAML: one draw or a list')
  .action((file: string) => drawsDefine(config(), file));
draws
  .command('trigger')
  .argument('<drawId>')
  .action((drawId: string) => drawsTrigger(config(), drawId));
draws
  .command('status')
  .argument('<drawId>')
  .action((drawId: string) => drawsStatus(config(), drawId));

program.parseAsync().catch(fail);
