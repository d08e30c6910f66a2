// SCA exports: the contests of the compliance database and each SCA draw's export: its period, the file
// pair with sha256 and S3 keys, where it stands and why, the export worker's failed attempts with their
// reasons, and a retry (with a confirmation) of one that failed.
import { useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { type Fail, number, Table, useEvery } from './parts.js';

const STATE_TEXT: Readonly<Record<string, string>> = {
  'not-requested': 'runs not complete',
  queued: 'queued for the export worker',
  delivering: 'delivering',
  stalled: 'stalled',
  failed: 'failed',
  delivered: 'delivered',
};
const RETRIABLE = ['failed', 'stalled', 'delivering', 'queued'];

interface Contest {
  contestId: number;
  utmContent: string;
  name: string | null;
  frequency: string;
  timezone: string;
  active: boolean;
}

interface Failures {
  attempts: number;
  latest: { failedAt: string; step: string; reason: string }[];
}

interface ScaExport {
  drawId: string;
  period: { contest: string; start: string; end: string } | null;
  submission: {
    txtName: string;
    txtBytes: number;
    hshName: string;
    sha256: string;
    rows: number;
    finishedAt: string | null;
  } | null;
  s3: { txt: string; hsh: string } | null;
  status: { state: string; reason?: string | null };
  failedAttempts: Failures | null;
}

interface Sca {
  configured: boolean;
  contests: Contest[];
  rejected: { contestId: number; reason: string }[];
  draws: ScaExport[];
  failures: { step: string; attempts: number }[] | null;
}

export function ScaView({ fail }: { fail: Fail }) {
  const [sca, setSca] = useState<Sca>();
  const [done, setDone] = useState('');
  const confirm = useRef<HTMLDialogElement>(null);
  const retrying = useRef('');
  useEvery(() => api<Sca>('/v1/console/sca').then(setSca, fail));
  const retry = (drawId: string) => {
    retrying.current = drawId;
    confirm.current?.showModal();
  };
  if (!sca)
    return (
      <>
        <h1>SCA exports</h1>
        <p>Loading…</p>
      </>
    );
  if (!sca.configured)
    return (
      <>
        <h1>SCA exports</h1>
        <p id="sca-not-configured">Not configured: the console has no MYSQL_URL.</p>
      </>
    );
  return (
    <>
      <h1>SCA exports</h1>
      <h2>Contests</h2>
      <Table
        id="sca-contests"
        headings={['Contest', 'utm_content', 'Name', 'Frequency', 'Time zone', 'Active']}
      >
        {sca.contests.map((c) => (
          <tr key={c.contestId}>
            <td class="number">{c.contestId}</td>
            <td>{c.utmContent}</td>
            <td>{c.name ?? '—'}</td>
            <td>{c.frequency}</td>
            <td>{c.timezone}</td>
            <td>{c.active ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </Table>
      {sca.rejected.length > 0 && (
        <ul class="issues">
          {sca.rejected.map((r) => (
            <li key={r.contestId}>{`Contest ${r.contestId} cannot be used: ${r.reason}`}</li>
          ))}
        </ul>
      )}
      <h2>Exports by period</h2>
      <p id="sca-retry-done" role="status">
        {done}
      </p>
      <ConfirmDialog
        id="confirm-sca-retry"
        dialog={confirm}
        title="Request this export again?"
        text="The export worker delivers the pair unless it is there already. Do this once what failed is fixed."
        action="Retry"
        onConfirm={() =>
          api<{ drawId: string }>(`/v1/console/sca/${encodeURIComponent(retrying.current)}/retry`, {
            method: 'POST',
          }).then(({ drawId }) => setDone(`Export of ${drawId} requested again.`), fail)
        }
      />
      <Table
        id="sca-submissions"
        headings={[
          'Draw',
          'Period',
          'Files',
          'sha256',
          'S3 keys',
          'Rows',
          'Delivered',
          'State',
          'Failed attempts',
        ]}
      >
        {sca.draws.map((draw) => (
          <ExportLine key={draw.drawId} {...draw} retry={retry} />
        ))}
      </Table>
      <h2>Failed attempts by step (the export worker's counter)</h2>
      {sca.failures === null ? (
        <p id="sca-failures">The export worker runs in another process: see its /metrics.</p>
      ) : (
        <Table id="sca-failures" headings={['Step', 'Failed attempts']}>
          {sca.failures.map((f) => (
            <tr key={f.step}>
              <td>{f.step}</td>
              <td class="number">{number(f.attempts)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

function ExportLine({
  drawId,
  period,
  submission: s,
  s3,
  status,
  failedAttempts,
  retry,
}: ScaExport & { retry: (drawId: string) => void }) {
  return (
    <tr data-draw-id={drawId}>
      <td>{drawId}</td>
      <td>{period ? `${period.contest}: ${period.start} to ${period.end}` : '—'}</td>
      <td>{s ? `${s.txtName} (${number(s.txtBytes)} B), ${s.hshName}` : 'not exported yet'}</td>
      <td>
        <code>{s?.sha256 ?? '—'}</code>
      </td>
      <td data-field="s3">
        {s3 ? (
          <>
            <code>{s3.txt}</code>
            <br />
            <code>{s3.hsh}</code>
          </>
        ) : (
          '—'
        )}
      </td>
      <td class="number">{s ? number(s.rows) : '—'}</td>
      <td data-field="delivered">{s ? (s.finishedAt ?? 'in progress or interrupted') : '—'}</td>
      <td data-field="state" data-state={status.state}>
        {STATE_TEXT[status.state]}
        {status.reason && <p class="reason">{status.reason}</p>}
        {RETRIABLE.includes(status.state) && (
          <button
            type="button"
            data-retry={drawId}
            aria-label={`Retry the export of ${drawId}`}
            onClick={() => retry(drawId)}
          >
            Retry…
          </button>
        )}
      </td>
      <td data-field="failures">
        <FailedAttempts failed={failedAttempts} />
      </td>
    </tr>
  );
}

// The worker's failed attempts at one draw: the count, and the latest with their step, time and reason.
function FailedAttempts({ failed }: { failed: Failures | null }) {
  if (failed === null) return <>not recorded (the export worker has not migrated the database yet)</>;
  if (failed.attempts === 0) return <>none</>;
  return (
    <details>
      <summary>{`${number(failed.attempts)} failed`}</summary>
      <ol class="failures">
        {failed.latest.map((f) => (
          <li key={`${f.failedAt} ${f.step}`}>
            <time dateTime={f.failedAt}>{f.failedAt}</time> {`${f.step}: `}
            <span>{f.reason}</span>
          </li>
        ))}
      </ol>
      {failed.attempts > failed.latest.length && <p>{`the latest ${failed.latest.length} shown`}</p>}
    </details>
  );
}
