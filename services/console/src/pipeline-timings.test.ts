import { PipelineTimings } from './pipeline-timings';

const stamps = (...at: number[]) => at.map((t, i) => ({ stage: i === 0 ? 'occurred' : `s${i}.out`, at: t }));

describe('PipelineTimings', () => {
  it('when records fall into intervals, then each interval has its rate and latency, the newest last', () => {
    const timings = new PipelineTimings(1000, 3);
    timings.add('t', 10_100, stamps(10_000), 12_500);
    timings.add('t', 10_900, stamps(10_500), 12_500);
    timings.add('t', 12_200, stamps(12_000), 12_500);
    const [topic] = timings.topics(12_500);
    expect(topic).toEqual({
      topic: 't',
      perSecond: [2, 0, 1],
      meanLatencyMs: [250, null, 200],
      maxLatencyMs: [400, null, 200],
    });
  });

  it('when a record is older than the kept intervals, then it is not counted, and old intervals age out', () => {
    const timings = new PipelineTimings(1000, 2);
    timings.add('t', 1_000, stamps(900), 10_000);
    expect(timings.topics(10_000)).toEqual([]);
    timings.add('t', 10_000, stamps(9_000), 10_000);
    expect(timings.topics(11_500)[0]?.perSecond).toEqual([1, 0]);
    expect(timings.topics(12_000)[0]?.perSecond).toEqual([0, 0]);
  });

  it('when timelines have several stamps, then each stage is charged the time since the stamp before it', () => {
    const timings = new PipelineTimings(1000, 5);
    timings.add('t', 5_000, stamps(4_000, 4_100, 4_400), 5_000);
    timings.add('t', 5_000, stamps(4_000, 4_300, 4_400), 5_000);
    expect(timings.stages(5_000)).toEqual([
      { stage: 's1.out', records: 2, meanHopMs: 200 },
      { stage: 's2.out', records: 2, meanHopMs: 200 },
    ]);
  });

  it('when a record has no timeline or a stamp after its own time, then it is skipped or counted as 0 ms', () => {
    const timings = new PipelineTimings(1000, 2);
    timings.add('t', 5_000, [], 5_000);
    expect(timings.topics(5_000)).toEqual([]);
    timings.add('t', 5_000, stamps(5_200), 5_000);
    expect(timings.topics(5_000)[0]?.maxLatencyMs).toEqual([null, 0]);
  });
});
