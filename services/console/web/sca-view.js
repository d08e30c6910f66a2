// SCA exports: the contests of the compliance database and each SCA draw's export: its period, the file
// pair with sha256 and S3 keys, where it stands and why, the export worker's failed attempts with their
// reasons, and a retry (with a confirmation) of one that failed.
import { api } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h, number, table } from './dom.js';

const STATE_TEXT = {
  'not-requested': 'runs not complete',
  queued: 'queued for the export worker',
  delivering: 'delivering',
  stalled: 'stalled',
  failed: 'failed',
  delivered: 'delivered',
};

export function showSca({ view, fail }) {
  view.replaceChildren(h('h1', {}, 'SCA exports'), h('p', {}, 'Loading…'));
  const done = h('p', { id: 'sca-retry-done', role: 'status' });
  let retrying;
  const confirm = confirmDialog({
    id: 'confirm-sca-retry',
    title: 'Request this export again?',
    text: 'The export worker delivers the pair unless it is there already. Do this once what failed is fixed.',
    action: 'Retry',
    confirmed: () =>
      api(`/v1/console/sca/${encodeURIComponent(retrying)}/retry`, { method: 'POST' }).then(
        ({ drawId }) => (done.textContent = `Export of ${drawId} requested again.`),
        fail,
      ),
  });
  const retryButton = (drawId) =>
    h(
      'button',
      {
        type: 'button',
        'data-retry': drawId,
        'aria-label': `Retry the export of ${drawId}`,
        onclick: () => {
          retrying = drawId;
          confirm.showModal();
        },
      },
      'Retry…',
    );
  api('/v1/console/sca').then((sca) => {
    if (!sca.configured)
      return view.replaceChildren(
        h('h1', {}, 'SCA exports'),
        h('p', { id: 'sca-not-configured' }, 'Not configured: the console has no MYSQL_URL.'),
      );
    view.replaceChildren(
      h('h1', {}, 'SCA exports'),
      h('h2', {}, 'Contests'),
      table(
        ['Contest', 'utm_content', 'Name', 'Frequency', 'Time zone', 'Active'],
        h(
          'tbody',
          { id: 'sca-contests' },
          ...sca.contests.map((c) =>
            h(
              'tr',
              {},
              h('td', { class: 'number' }, c.contestId),
              h('td', {}, c.utmContent),
              h('td', {}, c.name ?? '—'),
              h('td', {}, c.frequency),
              h('td', {}, c.timezone),
              h('td', {}, c.active ? 'yes' : 'no'),
            ),
          ),
        ),
      ),
      sca.rejected.length
        ? h(
            'ul',
            { class: 'issues' },
            ...sca.rejected.map((r) => h('li', {}, `Contest ${r.contestId} cannot be used: ${r.reason}`)),
          )
        : '',
      h('h2', {}, 'Exports by period'),
      done,
      confirm,
      table(
        ['Draw', 'Period', 'Files', 'sha256', 'S3 keys', 'Rows', 'Delivered', 'State', 'Failed attempts'],
        h('tbody', { id: 'sca-submissions' }, ...sca.draws.map((draw) => exportRow(draw, retryButton))),
      ),
      h('h2', {}, "Failed attempts by step (the export worker's counter)"),
      sca.failures === null
        ? h('p', { id: 'sca-failures' }, 'The export worker runs in another process: see its /metrics.')
        : table(
            ['Step', 'Failed attempts'],
            h(
              'tbody',
              { id: 'sca-failures' },
              ...sca.failures.map((f) =>
                h('tr', {}, h('td', {}, f.step), h('td', { class: 'number' }, number(f.attempts))),
              ),
            ),
          ),
    );
  }, fail);
  return () => undefined;
}

function exportRow({ drawId, period, submission: s, s3, status, failedAttempts }, retryButton) {
  const retriable = ['failed', 'stalled', 'delivering', 'queued'].includes(status.state);
  return h(
    'tr',
    { 'data-draw-id': drawId },
    h('td', {}, drawId),
    h('td', {}, period ? `${period.contest}: ${period.start} to ${period.end}` : '—'),
    h('td', {}, s ? `${s.txtName} (${number(s.txtBytes)} B), ${s.hshName}` : 'not exported yet'),
    h('td', {}, h('code', {}, s?.sha256 ?? '—')),
    h('td', { 'data-field': 's3' }, s3 ? [h('code', {}, s3.txt), h('br'), h('code', {}, s3.hsh)] : '—'),
    h('td', { class: 'number' }, s ? number(s.rows) : '—'),
    h('td', { 'data-field': 'delivered' }, s ? (s.finishedAt ?? 'in progress or interrupted') : '—'),
    h(
      'td',
      { 'data-field': 'state', 'data-state': status.state },
      STATE_TEXT[status.state],
      status.reason ? h('p', { class: 'reason' }, status.reason) : '',
      retriable ? retryButton(drawId) : '',
    ),
    h('td', { 'data-field': 'failures' }, failuresCell(failedAttempts)),
  );
}

// The worker's failed attempts at one draw: the count, and the latest with their step, time and reason.
function failuresCell(failed) {
  if (failed === null) return 'not recorded (the export worker has not migrated the database yet)';
  if (failed.attempts === 0) return 'none';
  return h(
    'details',
    {},
    h('summary', {}, `${number(failed.attempts)} failed`),
    h(
      'ol',
      { class: 'failures' },
      ...failed.latest.map((f) =>
        h('li', {}, h('time', { datetime: f.failedAt }, f.failedAt), ` ${f.step}: `, h('span', {}, f.reason)),
      ),
    ),
    failed.attempts > failed.latest.length ? h('p', {}, `the latest ${failed.latest.length} shown`) : '',
  );
}
