// One draw, live: its counts growing over Server-Sent Events, the trigger (with a confirmation), each wallet
// partition's markers seen, run and results, then the winners by prize and the results, a page at a time or
// by account.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, follow } from './api.js';
import { BarChart } from './charts.js';
import { ConfirmDialog } from './confirm-dialog.js';
import {
  bucketLabel,
  type FullVerification,
  fullVerificationText,
  markersText,
  type Partition,
  type PartitionMarkers,
  partitionLines,
  type Verification,
  verificationText,
} from './draw-texts.js';
import { Action, type Fail, number, Table, useEvery } from './parts.js';

interface Draw {
  drawId: string;
  state: string;
  promoCode: string;
  opensLocal: string;
  closesLocal: string;
  entrants: number;
  tickets: number;
  results: number;
  completed?: { lateTickets: number } | null;
  verification?: Verification;
  fullVerification?: FullVerification;
  winnersByPrize: { prizeId: string; name: string; count: number }[];
  histogram: { from: number; to: number | null; customers: number }[];
  milestones: { tickets: number; customers: number }[];
  partitions: Partition[];
}

interface Result {
  rank: number;
  accountId: string;
  outcome: string;
  prize?: { name: string } | null;
  tickets: number;
}

const MARKERS_MS = 2000;
const RAN = ['drawing', 'completed', 'skipped-sca'];

export function DrawView({ drawId, fail }: { drawId: string; fail: Fail }) {
  const path = `/v1/console/draws/${encodeURIComponent(drawId)}`;
  const [draw, setDraw] = useState<Draw>();
  const confirm = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const stop = new AbortController();
    follow(
      `${path}/live`,
      (name, data) => {
        if (name !== 'draw') return;
        if (!data) return fail(new Error(`no draw ${drawId} is defined`));
        setDraw(data as Draw);
      },
      stop.signal,
    ).catch(fail);
    return () => stop.abort();
  }, []);
  return (
    <>
      <p>
        <a href="#/draws">← Draws</a>
      </p>
      <h1>
        Draw {drawId}{' '}
        <span class="state" id="draw-state" data-state={draw?.state}>
          {draw?.state}
        </span>
      </h1>
      <p id="draw-window">
        {draw && `${draw.promoCode}: opens ${draw.opensLocal}, closes ${draw.closesLocal}`}
      </p>
      <Figures draw={draw} />
      <Verifying drawId={drawId} path={path} draw={draw} fail={fail} />
      <p>
        <Action
          id="trigger"
          usable={!RAN.includes(draw?.state ?? '')}
          onPress={() => confirm.current?.showModal()}
        >
          Trigger draw…
        </Action>
      </p>
      <ConfirmDialog
        id="confirm-trigger"
        dialog={confirm}
        title={`Trigger ${drawId} now?`}
        text="Tickets that arrive after the trigger are reported late and not drawn."
        action="Trigger"
        onConfirm={() => api(`${path}/trigger`, { method: 'POST' }).catch(fail)}
      />
      <h2>Tickets per customer</h2>
      <BarChart
        label="Bar chart: customers by the number of tickets they hold (the table below gives the figures)"
        labels={draw?.histogram.map(bucketLabel) ?? []}
        values={draw?.histogram.map((bar) => bar.customers) ?? []}
      />
      <Table id="histogram" headings={['Tickets', 'Customers']}>
        {draw?.histogram.map((bar) => (
          <tr key={bar.from}>
            <th scope="row">{bucketLabel(bar)}</th>
            <td class="number">{number(bar.customers)}</td>
          </tr>
        ))}
      </Table>
      <h2>Milestones reached</h2>
      <Table id="milestones" headings={['Tickets', 'Customers']}>
        {draw?.milestones.map((m) => (
          <tr key={m.tickets}>
            <td class="number">{number(m.tickets)}</td>
            <td class="number">{number(m.customers)}</td>
          </tr>
        ))}
      </Table>
      <h2>Progress by partition (after the trigger)</h2>
      <Partitions path={path} draw={draw} fail={fail} />
      <h2>Winners by prize</h2>
      <Table id="winners" headings={['Prize', 'Winners']}>
        {draw?.winnersByPrize.map((w) => (
          <tr key={w.prizeId} data-prize-id={w.prizeId}>
            <td>{w.name}</td>
            <td class="number">{number(w.count)}</td>
          </tr>
        ))}
      </Table>
      <h2>Results</h2>
      <Results path={path} resultsSeen={draw?.results} fail={fail} />
    </>
  );
}

const Figures = ({ draw }: { draw: Draw | undefined }) => (
  <div class="figures" aria-live="polite">
    <Figure id="entrants" label="entrants" value={draw ? number(draw.entrants) : '0'} />
    <Figure id="tickets" label="tickets" value={draw ? number(draw.tickets) : '0'} />
    <Figure id="results-seen" label="results" value={draw ? number(draw.results) : '0'} />
    <Figure
      id="late-tickets"
      label="late tickets"
      value={!draw ? '0' : draw.completed ? number(draw.completed.lateTickets) : '—'}
    />
  </div>
);

// The draw record's commitment, and `prizedraw verify` run from the console on the button.
function Verifying({
  drawId,
  path,
  draw,
  fail,
}: {
  drawId: string;
  path: string;
  draw: Draw | undefined;
  fail: Fail;
}) {
  const full = draw?.fullVerification;
  return (
    <>
      <p id="verification">{draw && verificationText(drawId, draw.state, draw.verification)}</p>
      <p>
        <Action
          id="verify"
          hidden={!draw?.verification?.verifiable}
          usable={full?.state !== 'running'}
          onPress={() => api(`${path}/verify`, { method: 'POST' }).catch(fail)}
        >
          Verify every ticket
        </Action>
      </p>
      <p id="full-verification" aria-live="polite" data-state={full?.state ?? 'not-run'}>
        {fullVerificationText(full)}
      </p>
      <ul id="verification-problems" class="issues">
        {full?.problems?.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </>
  );
}

// Markers seen come from the wallet's instances, asked every 2 s between the trigger and completion, and
// once after it (the final figures).
function Partitions({ path, draw, fail }: { path: string; draw: Draw | undefined; fail: Fail }) {
  const [markers, setMarkers] = useState<{ known: boolean; partitions: PartitionMarkers[] }>({
    known: false,
    partitions: [],
  });
  const askedCompleted = useRef(false);
  useEvery(() => {
    const completed = draw?.state === 'completed';
    if (draw?.state !== 'drawing' && (!completed || askedCompleted.current)) return;
    askedCompleted.current = completed;
    api<typeof markers>(`${path}/markers`).then(setMarkers, fail);
  }, MARKERS_MS);
  return (
    <Table
      id="partitions"
      headings={['Partition', 'Markers seen', 'Run entries sent', 'Run ended', 'Results written']}
    >
      {partitionLines(draw?.partitions ?? [], markers.partitions).map((p) => (
        <tr key={p.partition} data-partition={p.partition}>
          <td class="number">{p.partition}</td>
          <td data-field="markers">{markersText(p.markers, p.runEnded, markers.known)}</td>
          <td class="number">{number(p.runEntries)}</td>
          <td data-field="run-ended">{p.runEnded ? 'yes' : 'not yet'}</td>
          <td class="number" data-field="results">
            {number(p.results)}
          </td>
        </tr>
      ))}
    </Table>
  );
}

// The results a page at a time: the first page follows them as they come, until the operator searches for
// an account.
function Results({ path, resultsSeen, fail }: { path: string; resultsSeen: number | undefined; fail: Fail }) {
  const [results, setResults] = useState<Result[]>([]);
  const [account, setAccount] = useState('');
  const load = (accountId: string) =>
    api<{ results: Result[] }>(
      `${path}/results${accountId ? `?account=${encodeURIComponent(accountId)}` : '?limit=50'}`,
    ).then((page) => setResults(page.results), fail);
  useEffect(() => {
    if (resultsSeen !== undefined && !account) load('');
  }, [resultsSeen]);
  return (
    <>
      <search>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            load(account.trim());
          }}
        >
          <label htmlFor="account">Find an account’s result</label>
          <input
            id="account"
            name="account"
            type="search"
            value={account}
            onInput={(event) => setAccount(event.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <Table id="results" headings={['Rank', 'Account', 'Outcome', 'Prize', 'Tickets']}>
        {results.map((result) => (
          <tr key={result.accountId} data-account-id={result.accountId}>
            <td class="number">{number(result.rank)}</td>
            <td>
              <a href={`#/customers/${encodeURIComponent(result.accountId)}`}>{result.accountId}</a>
            </td>
            <td>{result.outcome}</td>
            <td>{result.prize?.name ?? '—'}</td>
            <td class="number">{number(result.tickets)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

const Figure = ({ id, label, value }: { id: string; label: string; value: string }) => (
  <div>
    <output id={id}>{value}</output>
    <span>{label}</span>
  </div>
);
