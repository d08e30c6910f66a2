import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The benchmark's command-line options. `pnpm bench:x -- --events 10` hands the script a literal `--`
 * first, which parseArgs would take as the end of the options; it is dropped.
 */
export function benchOptions<const T extends Options>(
  options: T,
): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  const args = process.argv.slice(2);
  return parseArgs({ options, args: args[0] === '--' ? args.slice(1) : args }).values;
}

/** The items of an option given as one space-separated string (Node flags, environment settings). */
export function listOption(text: string): string[] {
  return text.split(' ').filter(Boolean);
}
