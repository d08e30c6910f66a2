import { type DeadLetter, DeadLetterLog } from './dead-letter-log';

const deadLetter = (offset: number, reason: string): DeadLetter => ({
  partition: 0,
  offset: String(offset),
  key: Buffer.from('a1'),
  value: Buffer.from('{}'),
  headers: {},
  reason,
  originTopic: 'local.demo.cpp.activity',
});

describe('DeadLetterLog', () => {
  it('when records come, then each topic counts them by reason, most frequent first', () => {
    const log = new DeadLetterLog(10);
    log.add('t.dlq', deadLetter(0, 'bad stake'));
    log.add('t.dlq', deadLetter(1, 'not JSON'));
    log.add('t.dlq', deadLetter(2, 'not JSON'));
    expect(log.summary()).toEqual([
      {
        topic: 't.dlq',
        count: 3,
        reasons: [
          { reason: 'not JSON', count: 2 },
          { reason: 'bad stake', count: 1 },
        ],
      },
    ]);
  });

  it('when more records come than are kept, then the latest are kept, newest first, and all are counted', () => {
    const log = new DeadLetterLog(2);
    for (const offset of [0, 1, 2]) log.add('t.dlq', deadLetter(offset, 'bad'));
    expect(log.latest('t.dlq').map((r) => r.offset)).toEqual(['2', '1']);
    expect(log.find('t.dlq', 0, '0')).toBeUndefined();
    expect(log.summary()[0]?.count).toBe(3);
  });

  it('when reasons keep varying, then past a hundred they are counted together', () => {
    const log = new DeadLetterLog(1);
    for (let i = 0; i < 105; i++) log.add('t.dlq', deadLetter(i, `value ${i} is wrong`));
    const reasons = log.summary()[0]!.reasons;
    expect(reasons).toHaveLength(101);
    expect(reasons[0]).toEqual({ reason: '(other reasons)', count: 5 });
  });
});
