import pino from 'pino';
import { StepWatch } from './step-watch';

describe('a step watch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when a step lasts over 15 s, then a warning names it every 15 s until the watch stops', () => {
    const lines: { step: string; forMs: number; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const watch = new StepWatch(logger);
    watch.at('restoring its stores');
    jest.advanceTimersByTime(14_000);
    expect(lines).toHaveLength(0);
    watch.at('committing its transaction');
    jest.advanceTimersByTime(16_000);
    expect(lines.map((l) => l.step)).toEqual(['committing its transaction']);
    expect(lines[0]!.msg).toBe(`task still committing its transaction after ${lines[0]!.forMs} ms`);
    watch.stop();
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(1);
  });

  it('when a step says where it has got to, then its warnings carry that as it is then', () => {
    const lines: { step: string; store?: string; left?: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const watch = new StepWatch(logger);
    let left = 40;
    watch.at('restoring its stores', () => ({ store: 'ticket-wallet', left }));
    jest.advanceTimersByTime(15_000);
    left = 12;
    jest.advanceTimersByTime(15_000);
    watch.stop();
    expect(lines.map(({ store, left }) => ({ store, left }))).toEqual([
      { store: 'ticket-wallet', left: 40 },
      { store: 'ticket-wallet', left: 12 },
    ]);
  });
});
