import { SingleBar } from 'cli-progress';

// What the CLI tells its user goes to stdout through here; logs (pino) are for the services.

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Prints rows as an aligned two-column table. */
export function table(title: string, rows: readonly (readonly [string, string | number])[]): void {
  const width = Math.max(title.length, ...rows.map(([label]) => label.length));
  say(`\n${title}\n${'─'.repeat(width + 14)}`);
  for (const [label, value] of rows) {
    say(`${label.padEnd(width)}  ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`);
  }
}

/** A progress bar for long work; plain lines when stdout is not a terminal (CI logs). */
export function progress(label: string, total: number) {
  if (!process.stdout.isTTY) {
    let lastShown = 0;
    return {
      update(done: number) {
        if (done !== lastShown && (done === total || done - lastShown >= total / 10)) {
          lastShown = done;
          say(`${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
        }
      },
      stop() {},
    };
  }
  const bar = new SingleBar({
    format: `${label.padEnd(24)} [{bar}] {percentage}% {value}/{total} {eta_formatted} left`,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
}
