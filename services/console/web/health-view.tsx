// Health: each process's readiness, the consumer lag of each stream application of the deployment, and the
// throughput and end-to-end latency of the topics the console reads (from the events' timelines), now and as
// small charts of the last samples.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { Sparkline } from './charts.js';
import { type Fail, number, Table, useEvery } from './parts.js';

const REFRESH_MS = 5000;

interface Health {
  sampledAt: string | null;
  groups: { group: string; lag: number; history: number[]; topics: { topic: string; lag: number }[] }[];
  topics: TopicFlow[];
  stages: { stage: string; records: number; meanHopMs: number }[];
}

interface TopicFlow {
  topic: string;
  perSecond: number[];
  meanLatencyMs: (number | null)[];
  maxLatencyMs: (number | null)[];
}

interface Readiness {
  url?: string;
  status: string;
  reason?: string;
  notReady: string[];
  checkedAt: string;
}

export function HealthView({ fail }: { fail: Fail }) {
  const [health, setHealth] = useState<Health>();
  const [services, setServices] = useState<Readiness[]>([]);
  useEvery(() => {
    api<Health>('/v1/console/health').then(setHealth, fail);
    api<{ services: Readiness[] }>('/v1/console/health/services').then(
      ({ services }) => setServices(services),
      fail,
    );
  }, REFRESH_MS);
  const sampledAt = health?.sampledAt;
  return (
    <>
      <h1>Health</h1>
      <h2>Processes</h2>
      <p>
        Each process’s own readiness (its /health/ready), asked every few seconds: those in
        CONSOLE_SERVICE_URLS, else the console’s own.
      </p>
      <Table
        id="readiness"
        headings={['Process', 'Readiness', 'Applications not ready, or why unreachable', 'Asked at']}
      >
        {services.map((service) => (
          <ReadinessLine key={service.url ?? ''} service={service} />
        ))}
      </Table>
      <h2>Consumer lag</h2>
      <p>
        Consumer lag: offsets on each application’s input topics past what it committed. A quiet application
        shows up to one per partition of a transactional input topic: the commit marker after its last record.
      </p>
      <p id="sampled-at">
        {health && (sampledAt ? `Sampled at ${new Date(sampledAt).toLocaleTimeString()}` : 'Not sampled yet')}
      </p>
      <Table id="lag" headings={['Application', 'Lag', 'Last samples', 'By topic']}>
        {health?.groups.map((group) => (
          <tr key={group.group} data-group={group.group}>
            <th scope="row">{group.group}</th>
            <td class="number" data-field="lag">
              {number(group.lag)}
            </td>
            <td>
              <Sparkline
                values={group.history}
                label={`lag of ${group.group} over the last ${group.history.length} samples`}
              />
            </td>
            <td>{group.topics.map((t) => `${t.topic}: ${number(t.lag)}`).join(', ')}</td>
          </tr>
        ))}
      </Table>
      <h2>Throughput and end-to-end latency</h2>
      <p>
        Records written to each topic per second, and the time from the first stamp of their timeline (when
        the activity occurred) to when they were written, by sampling interval.
      </p>
      <Table
        id="throughput"
        headings={['Topic', 'Records/s', 'Last samples', 'Mean latency', 'Last samples', 'Max latency']}
      >
        {health?.topics.map((topic) => (
          <TopicLine key={topic.topic} topic={topic} />
        ))}
      </Table>
      <h2>Time added by each stage</h2>
      <Table id="stages" headings={['Stage', 'Records', 'Mean time after the previous stamp']}>
        {health?.stages.map((s) => (
          <tr key={s.stage} data-stage={s.stage}>
            <th scope="row">{s.stage}</th>
            <td class="number">{number(s.records)}</td>
            <td class="number" data-field="hop">{`${number(s.meanHopMs)} ms`}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function ReadinessLine({ service }: { service: Readiness }) {
  const name = service.url ?? 'this console’s process';
  return (
    <tr data-process={name}>
      <th scope="row">{name}</th>
      <td data-field="status">{service.status}</td>
      <td data-field="detail">
        {service.status === 'unreachable' ? service.reason : service.notReady.join(', ') || '—'}
      </td>
      <td>{new Date(service.checkedAt).toLocaleTimeString()}</td>
    </tr>
  );
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${number(v)} ms`);
const lastKnown = (values: (number | null)[]) => values.findLast((v) => v !== null);

// The last complete interval's figures (the newest one is still filling), and the charts of all of them.
function TopicLine({ topic }: { topic: TopicFlow }) {
  const complete = topic.perSecond.length - 2;
  return (
    <tr data-topic={topic.topic}>
      <th scope="row">{topic.topic}</th>
      <td class="number" data-field="per-second">
        {number(topic.perSecond[complete] ?? 0)}
      </td>
      <td>
        <Sparkline values={topic.perSecond} label={`records per second on ${topic.topic}, last samples`} />
      </td>
      <td class="number" data-field="latency">
        {ms(lastKnown(topic.meanLatencyMs))}
      </td>
      <td>
        <Sparkline
          values={topic.meanLatencyMs.map((v) => v ?? 0)}
          label={`mean end-to-end latency on ${topic.topic}, last samples`}
        />
      </td>
      <td class="number" data-field="max-latency">
        {ms(lastKnown(topic.maxLatencyMs))}
      </td>
    </tr>
  );
}
