import { endToEndLatencyMs, formatTimeline, hopLatencyMs, parseTimeline, timelineEnds } from './timeline';

describe('parseTimeline', () => {
  it('reads stamps in order', () => {
    expect(
      parseTimeline('occurred@1732240000000,ingestion.in@1732240000100,ingestion.out@1732240000105'),
    ).toEqual([
      { stage: 'occurred', at: 1732240000000 },
      { stage: 'ingestion.in', at: 1732240000100 },
      { stage: 'ingestion.out', at: 1732240000105 },
    ]);
  });

  it('when stamps are malformed, then skips them and keeps the rest', () => {
    expect(parseTimeline('occurred@1,Bad@2,no-at,x@,@3,y@-4,z@5.5, ticket-rules.out@6 ,,a@b@7')).toEqual([
      { stage: 'occurred', at: 1 },
      { stage: 'ticket-rules.out', at: 6 },
    ]);
  });

  it('when empty or missing, then gives no stamps', () => {
    expect(parseTimeline('')).toEqual([]);
    expect(parseTimeline(undefined)).toEqual([]);
  });
});

describe('timelineEnds', () => {
  it('gives the first and last stamps, as parseTimeline reads them', () => {
    const texts = [
      'occurred@1,ingestion.in@2,ingestion.out@3',
      'occurred@1',
      'Bad@0,occurred@1,x@,dedupe.out@9,,no-at',
      ',,occurred@1,',
    ];
    for (const text of texts) {
      const stamps = parseTimeline(text);
      expect(timelineEnds(text)).toEqual({ first: stamps[0], last: stamps.at(-1) });
    }
  });

  it('when no stamp is well formed, then gives undefined', () => {
    for (const text of ['', undefined, ',', 'Bad@1,x@', ',,,']) expect(timelineEnds(text)).toBeUndefined();
  });
});

describe('formatTimeline', () => {
  it('writes what parseTimeline reads', () => {
    const stamps = [
      { stage: 'occurred', at: 1 },
      { stage: 'dedupe.in', at: 20 },
    ];
    expect(formatTimeline(stamps)).toBe('occurred@1,dedupe.in@20');
    expect(parseTimeline(formatTimeline(stamps))).toEqual(stamps);
    expect(formatTimeline([])).toBe('');
  });

  it('when a stamp could not be read back, then throws naming it', () => {
    expect(() => formatTimeline([{ stage: 'Bad,Stage', at: 1 }])).toThrow(/stage must match.*"Bad,Stage"/);
    expect(() => formatTimeline([{ stage: 'ok', at: 1.5 }])).toThrow(/epoch milliseconds/);
  });

  // It keeps the last timeline's text for the next one equal to it (a draw's results share theirs).
  it('when timelines follow one another, then each gets its own text, even after its stamps were changed', () => {
    const stamps = [
      { stage: 'occurred', at: 1 },
      { stage: 'prize-draw.out', at: 5 },
    ];
    expect(formatTimeline(stamps)).toBe('occurred@1,prize-draw.out@5');
    expect(formatTimeline([...stamps])).toBe('occurred@1,prize-draw.out@5');
    expect(formatTimeline([stamps[0]!, { stage: 'prize-draw.out', at: 6 }])).toBe(
      'occurred@1,prize-draw.out@6',
    );
    expect(formatTimeline([{ stage: 'occurred', at: 2 }, stamps[1]!])).toBe('occurred@2,prize-draw.out@5');
    expect(formatTimeline(stamps.slice(1))).toBe('prize-draw.out@5');
    expect(formatTimeline(stamps)).toBe('occurred@1,prize-draw.out@5');
    stamps[0]!.at = 3;
    expect(formatTimeline(stamps)).toBe('occurred@3,prize-draw.out@5');
    stamps[1]!.stage = 'notifications.out';
    expect(formatTimeline(stamps)).toBe('occurred@3,notifications.out@5');
    stamps[1]!.stage = 'Bad';
    expect(() => formatTimeline(stamps)).toThrow(/stage must match/);
  });
});

describe('latency', () => {
  const stamps = [
    { stage: 'occurred', at: 1000 },
    { stage: 'ingestion.out', at: 1100 },
  ];

  it('end to end is from the first stamp, hop is from the last', () => {
    expect(endToEndLatencyMs(stamps, 1500)).toBe(500);
    expect(hopLatencyMs(stamps, 1500)).toBe(400);
  });

  it('when there are no stamps, then NaN', () => {
    expect(endToEndLatencyMs([], 1)).toBeNaN();
    expect(hopLatencyMs([], 1)).toBeNaN();
  });
});
