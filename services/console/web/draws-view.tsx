// The Draws page: the draws a page at a time with their state and counts (refreshed), and the form that
// defines one.
import { useRef, useState } from 'preact/hooks';
import { api, Problem } from './api.js';
import { CustomerSearch } from './customer-view.js';
import { definitionOf } from './draw-definition.js';
import { type Fail, number, Rows, useEvery } from './parts.js';

const REFRESH_MS = 2000;
// Years of contest periods make 100,000s of draws: the page shows them a hundred at a time.
const PAGE_SIZE = 100;

interface DrawRow {
  drawId: string;
  promoCode: string;
  state: string;
  entrants: number;
  tickets: number;
  opensAt: string;
  opensLocal: string;
  closesAt: string;
  closesLocal: string;
}

interface DrawList {
  draws: DrawRow[];
  total: number;
  next: string | null;
}

const drawListPath = (after: string | undefined) =>
  `/v1/console/draws?limit=${PAGE_SIZE}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;

export function DrawsView({ fail }: { fail: Fail }) {
  const [list, setList] = useState<DrawList>({ draws: [], total: 0, next: null });
  // The `after` of every page opened up to this one (none for the first page); going back pops one.
  const [trail, setTrail] = useState<string[]>([]);
  // The page shown: a refresh of the page left behind that answers late is not shown over it.
  const shown = useRef<string[]>(trail);
  const load = (pages: string[]) =>
    api<DrawList>(drawListPath(pages.at(-1))).then((page) => {
      if (shown.current === pages) setList(page);
    }, fail);
  const open = (pages: string[]) => {
    shown.current = pages;
    setTrail(pages);
    load(pages);
  };
  const refresh = () => load(trail);
  useEvery(refresh, REFRESH_MS);
  const first = trail.length * PAGE_SIZE;
  return (
    <>
      <h1>Draws</h1>
      <CustomerSearch />
      <nav class="pages" aria-label="Draw pages">
        <button
          type="button"
          id="draws-newer"
          disabled={trail.length === 0}
          onClick={() => open(trail.slice(0, -1))}
        >
          Later closing
        </button>
        <span id="draws-shown">
          {list.draws.length === 0
            ? `${number(list.total)} draws`
            : `${number(first + 1)}–${number(first + list.draws.length)} of ${number(list.total)}`}
        </span>
        <button
          type="button"
          id="draws-older"
          disabled={list.next === null}
          onClick={() => list.next !== null && open([...trail, list.next])}
        >
          Earlier closing
        </button>
      </nav>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">The defined draws, latest closing first</caption>
          <thead>
            <tr>
              {['Draw', 'Promotion', 'State', 'Entrants', 'Tickets', 'Opens', 'Closes'].map((t) => (
                <th scope="col" key={t}>
                  {t}
                </th>
              ))}
            </tr>
          </thead>
          <Rows id="draws">
            {list.draws.map((draw) => (
              <DrawLine key={draw.drawId} draw={draw} />
            ))}
          </Rows>
        </table>
      </div>
      <h2>Define a draw</h2>
      <DefineForm defined={refresh} />
    </>
  );
}

const DrawLine = ({ draw }: { draw: DrawRow }) => (
  <tr data-draw-id={draw.drawId}>
    <td>
      <a href={`#/draws/${encodeURIComponent(draw.drawId)}`}>{draw.drawId}</a>
    </td>
    <td>{draw.promoCode}</td>
    <td>
      <span class="state" data-state={draw.state}>
        {draw.state}
      </span>
    </td>
    <td class="number" data-field="entrants">
      {number(draw.entrants)}
    </td>
    <td class="number" data-field="tickets">
      {number(draw.tickets)}
    </td>
    <td>
      <time dateTime={draw.opensAt}>{draw.opensLocal}</time>
    </td>
    <td>
      <time dateTime={draw.closesAt}>{draw.closesLocal}</time>
    </td>
  </tr>
);

// Fields are the browser's own (uncontrolled): the list refreshing above does not touch what is typed.
const Field = ({
  label,
  name,
  ...attributes
}: {
  label: string;
  name: string;
  [attribute: string]: unknown;
}) => (
  <label>
    {label}
    <input name={name} id={`define-${name}`} {...attributes} />
  </label>
);

function DefineForm({ defined }: { defined: () => unknown }) {
  const [now] = useState(() => new Date());
  const [issues, setIssues] = useState<{ text: string; done?: boolean }[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setIssues([]);
    const data = new FormData(form.current!);
    const body = definitionOf((name) => String(data.get(name) ?? ''));
    try {
      await api('/v1/console/draws', { method: 'POST', body });
      setIssues([{ text: `Defined ${body.drawId}`, done: true }]);
      defined();
    } catch (problem) {
      if (!(problem instanceof Problem)) throw problem;
      const shown = problem.issues.length
        ? problem.issues.map((i) => `${i.field}: ${i.message}`)
        : [problem.message];
      setIssues(shown.map((text) => ({ text })));
    }
  };
  return (
    <>
      <form class="grid" id="define" ref={form} onSubmit={submit}>
        <Field label="Draw id" name="drawId" required />
        <Field label="Promotion code" name="promoCode" required />
        <Field
          label="Opens at (ISO-8601 with offset)"
          name="opensAt"
          defaultValue={now.toISOString()}
          required
        />
        <Field
          label="Closes at (ISO-8601 with offset)"
          name="closesAt"
          defaultValue={new Date(now.getTime() + 3_600_000).toISOString()}
          required
        />
        <Field label="Time zone" name="timezone" defaultValue="Europe/London" required />
        <label>
          Administrator
          <select name="administrator" id="define-administrator">
            <option>in-house</option>
            <option>sca</option>
          </select>
        </label>
        <Field
          label="Stake per ticket (minor units)"
          name="stakePerTicketMinor"
          type="number"
          min={1}
          defaultValue="500"
        />
        <Field label="Milestones (comma-separated)" name="milestones" defaultValue="10, 50" />
        <label>
          Prizes, one a line: id, name, quantity
          <textarea name="prizes" id="define-prizes" rows={3} required />
        </label>
        <Field label="Default prize (id, name; empty for none)" name="defaultPrize" />
        <p>
          <button type="submit">Define draw</button>
        </p>
      </form>
      <ul class="issues" id="define-issues" aria-live="polite">
        {issues.map((issue) => (
          <li key={issue.text} class={issue.done ? 'done' : undefined}>
            {issue.text}
          </li>
        ))}
      </ul>
    </>
  );
}
