// SCA exports: the contests of the compliance database and each SCA draw's submission (file pair, sha256).
import { api } from './api.js';
import { h, number } from './dom.js';

const table = (id, headings, rows) =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headings.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', { id }, ...rows),
    ),
  );

export function showSca({ view, fail }) {
  view.replaceChildren(h('h1', {}, 'SCA exports'), h('p', {}, 'Loading…'));
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
        'sca-contests',
        ['Contest', 'utm_content', 'Name', 'Frequency', 'Time zone', 'Active'],
        sca.contests.map((c) =>
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
      sca.rejected.length
        ? h(
            'ul',
            { class: 'issues' },
            ...sca.rejected.map((r) => h('li', {}, `Contest ${r.contestId} cannot be used: ${r.reason}`)),
          )
        : '',
      h('h2', {}, 'Submissions'),
      table(
        'sca-submissions',
        ['Draw', 'Closes', 'Files', 'sha256', 'Rows', 'Delivered'],
        sca.draws.map(({ drawId, closesAt, submission: s }) =>
          h(
            'tr',
            { 'data-draw-id': drawId },
            h('td', {}, drawId),
            h('td', {}, h('time', { datetime: closesAt }, closesAt)),
            h('td', {}, s ? `${s.txtName} (${number(s.txtBytes)} B), ${s.hshName}` : 'not exported yet'),
            h('td', {}, h('code', {}, s?.sha256 ?? '—')),
            h('td', { class: 'number' }, s ? number(s.rows) : '—'),
            h('td', { 'data-field': 'delivered' }, s ? (s.finishedAt ?? 'in progress or interrupted') : '—'),
          ),
        ),
      ),
    );
  }, fail);
  return () => undefined;
}
