// Dead letters: each dead-letter topic with its counts by reason; one topic's latest records with their
// headers, or any partition paged through by offset, and a re-drive of the selected ones to the topic they
// came from (with a confirmation).
import { useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { Action, type Fail, number, Table, useEvery } from './parts.js';

const PAGE_SIZE = 50;

interface TopicCounts {
  topic: string;
  count: number;
  reasons: { reason: string; count: number }[];
}

type HeaderValue = { text: string } | { hex: string } | null;

interface DeadLetter {
  partition: number;
  offset: string;
  reason: string;
  key: string | null;
  value: string | null;
  headers: Record<string, HeaderValue[]>;
}

interface Page {
  partition: number;
  from: string;
  to: string;
  low: string;
  high: string;
}

export function DeadLettersView({ fail }: { fail: Fail }) {
  const [topics, setTopics] = useState<TopicCounts[]>();
  useEvery(() =>
    api<{ topics: TopicCounts[] }>('/v1/console/dead-letters').then(({ topics }) => setTopics(topics), fail),
  );
  return (
    <>
      <h1>Dead letters</h1>
      <div id="dead-letter-topics">
        {topics?.length === 0 && <p>No dead-lettered records.</p>}
        {topics?.map((topic) => (
          <section key={topic.topic} data-topic={topic.topic}>
            <h2>
              <a href={`#/dead-letters/${encodeURIComponent(topic.topic)}`}>{topic.topic}</a> (
              {number(topic.count)})
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Records</th>
                </tr>
              </thead>
              <tbody>
                {topic.reasons.map((r) => (
                  <tr key={r.reason}>
                    <td>{r.reason}</td>
                    <td class="number">{number(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </>
  );
}

const pageQuery = (partition: number, before?: string) =>
  `?partition=${partition}&limit=${PAGE_SIZE}${before === undefined ? '' : `&before=${before}`}`;

const placeOf = (record: DeadLetter) => `${record.partition}:${record.offset}`;

export function DeadLetterTopicView({ topic, fail }: { topic: string; fail: Fail }) {
  const path = `/v1/console/dead-letters/${encodeURIComponent(topic)}`;
  const [records, setRecords] = useState<DeadLetter[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [loaded, setLoaded] = useState(false);
  // Selected records by partition:offset; a new page starts with none.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState('');
  const [partition, setPartition] = useState('0');
  const confirm = useRef<HTMLDialogElement>(null);
  const load = (query: string) =>
    api<{ page: Page | null; records: DeadLetter[] }>(`${path}/records${query}`).then((answer) => {
      setRecords(answer.records);
      setPage(answer.page);
      setSelected(new Set());
      setLoaded(true);
    }, fail);
  useEvery(() => load(''));
  const toggle = (place: string) =>
    setSelected((before) => {
      const after = new Set(before);
      if (!after.delete(place)) after.add(place);
      return after;
    });
  const redrive = () =>
    api<{ redriven: unknown[] }>(`${path}/redrive`, {
      method: 'POST',
      body: {
        records: records
          .filter((record) => selected.has(placeOf(record)))
          .map(({ partition, offset }) => ({ partition, offset })),
      },
    }).then(({ redriven }) => setDone(`Re-drove ${redriven.length} record(s).`), fail);
  return (
    <>
      <p>
        <a href="#/dead-letters">← Dead letters</a>
      </p>
      <h1>{topic}</h1>
      <p>
        <button type="button" id="redrive" onClick={() => selected.size && confirm.current?.showModal()}>
          Re-drive selected…
        </button>
      </p>
      <ConfirmDialog
        id="confirm-redrive"
        dialog={confirm}
        title="Re-drive the selected records?"
        text="Each goes back to the topic it came from, as it was. Do this once what refused it is fixed."
        action="Re-drive"
        onConfirm={redrive}
      />
      <p id="redrive-done" role="status">
        {done}
      </p>
      <form
        id="pager"
        onSubmit={(event) => {
          event.preventDefault();
          load(pageQuery(Number(partition)));
        }}
      >
        <label htmlFor="page-partition">Page through partition</label>
        <input
          id="page-partition"
          name="partition"
          type="number"
          min={0}
          value={partition}
          onInput={(event) => setPartition(event.currentTarget.value)}
        />
        <button type="submit">Newest page</button>
        <Action
          id="page-older"
          usable={!!page && page.from !== page.low}
          onPress={() => page && load(pageQuery(page.partition, page.from))}
        >
          Older
        </Action>
        <Action
          id="page-newer"
          usable={!!page && page.to !== page.high}
          onPress={() => page && load(pageQuery(page.partition, String(BigInt(page.to) + BigInt(PAGE_SIZE))))}
        >
          Newer
        </Action>
      </form>
      <p id="dead-letter-page" role="status">
        {!loaded
          ? ''
          : page
            ? `Partition ${page.partition}, offsets ${page.from} to ${page.to} (of ${page.low} to ${page.high}).`
            : 'The latest records of every partition.'}
      </p>
      <Table id="dead-letters" headings={['Select', 'Partition:offset', 'Reason', 'Key', 'Record']}>
        {records.map((record) => (
          <DeadLetterLine
            key={placeOf(record)}
            record={record}
            selected={selected.has(placeOf(record))}
            toggle={toggle}
          />
        ))}
      </Table>
    </>
  );
}

function DeadLetterLine({
  record,
  selected,
  toggle,
}: {
  record: DeadLetter;
  selected: boolean;
  toggle: (place: string) => void;
}) {
  const place = placeOf(record);
  return (
    <tr data-record={place}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${place}`}
          data-partition={record.partition}
          data-offset={record.offset}
          checked={selected}
          onChange={() => toggle(place)}
        />
      </td>
      <td>{place}</td>
      <td>{record.reason}</td>
      <td>{record.key ?? '—'}</td>
      <td>
        <details>
          <summary>Headers and value</summary>
          <pre class="headers">{headerLines(record.headers)}</pre>
          <pre>{record.value ?? '(no value)'}</pre>
        </details>
      </td>
    </tr>
  );
}

// One line per value, a repeated header on as many lines as it has values (grouped by name: the API cannot
// say how different names were interleaved).
const headerLines = (headers: Record<string, HeaderValue[]>) =>
  Object.entries(headers)
    .flatMap(([name, values]) => values.map((value) => `${name}: ${headerValueText(value)}\n`))
    .join('');

const headerValueText = (value: HeaderValue) =>
  value === null ? '(no value)' : 'text' in value ? value.text : `(bytes, hex) ${value.hex}`;
