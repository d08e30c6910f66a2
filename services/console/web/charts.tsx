// Charts drawn by uPlot, each in a named image (role img, its label saying what it shows: the figures are in
// the page as text too). A chart is made once when shown and given new data as it comes.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

const INK = '#23395d';
const BAR = '#4a78c2';

function Chart({
  label,
  options,
  data,
}: {
  label: string;
  options: (width: number) => uPlot.Options;
  data: uPlot.AlignedData;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot>();
  useEffect(() => {
    const element = holder.current!;
    const made = new uPlot(options(element.clientWidth), data, element);
    plot.current = made;
    // Follows the page's width (a phone turned, a window narrowed).
    const resized = new ResizeObserver(() => {
      const { width, height } = options(element.clientWidth);
      made.setSize({ width, height });
    });
    resized.observe(element);
    return () => {
      resized.disconnect();
      made.destroy();
    };
  }, []);
  useEffect(() => plot.current?.setData(data), [data]);
  return <div class="chart" ref={holder} role="img" aria-label={label} />;
}

const indices = (values: ArrayLike<unknown>) => Array.from(values, (_, i) => i);

/** A small line of the last samples, from 0 to their highest. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  return (
    <Chart
      label={label}
      data={[indices(values), values]}
      options={() => ({
        width: 160,
        height: 32,
        padding: [2, 0, 2, 0],
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: (_, _min, max) => [0, Math.max(1, max)] } },
        series: [{}, { stroke: INK, width: 2, points: { show: false } }],
      })}
    />
  );
}

/** Bars with a label each (a histogram's buckets), as wide as the page allows up to 40 rem. */
export function BarChart({ labels, values, label }: { labels: string[]; values: number[]; label: string }) {
  // The axis asks for the labels when it draws: the latest, not those of when the chart was made.
  const shown = useRef(labels);
  shown.current = labels;
  return (
    <Chart
      label={label}
      data={[indices(values), values]}
      options={(width) => ({
        width: Math.min(width, 640),
        height: 180,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: (u) => [-0.5, Math.max(0, u.data[0].length - 0.5)] },
          y: { range: (_, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            grid: { show: false },
            splits: (u) => indices(u.data[0]),
            values: (_, splits) => splits.map((i) => shown.current[i] ?? ''),
          },
          { grid: { stroke: '#ddd' } },
        ],
        series: [
          {},
          { fill: BAR, stroke: BAR, paths: uPlot.paths.bars?.({ size: [0.6, 64] }), points: { show: false } },
        ],
      })}
    />
  );
}
