// One draw, live: its counts growing over Server-Sent Events, the trigger (with a confirmation), each wallet
// partition's markers seen, run and results, then the winners by prize and the results, a page at a time or
// by account.
import { api, follow } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h, number, replaceRows, setUsable, table, usable } from './dom.js';

export function showDraw(drawId, { view, fail }) {
  const path = `/v1/console/draws/${encodeURIComponent(drawId)}`;
  const state = h('span', { class: 'state', id: 'draw-state' });
  const figure = (id, label) => h('div', {}, h('output', { id }, '0'), h('span', {}, label));
  const entrants = figure('entrants', 'entrants');
  const tickets = figure('tickets', 'tickets');
  const resultsSeen = figure('results-seen', 'results');
  const lateTickets = figure('late-tickets', 'late tickets');
  const verification = h('p', { id: 'verification' });
  const fullVerification = h('p', { id: 'full-verification', 'aria-live': 'polite' });
  const problems = h('ul', { id: 'verification-problems', class: 'issues' });
  const verifyButton = h(
    'button',
    {
      type: 'button',
      id: 'verify',
      hidden: true,
      onclick: () => usable(verifyButton) && api(`${path}/verify`, { method: 'POST' }).catch(fail),
    },
    'Verify every ticket',
  );
  const windowText = h('p', { id: 'draw-window' });
  const winners = h('tbody', { id: 'winners' });
  const partitions = h('tbody', { id: 'partitions' });
  const histogram = h('tbody', { id: 'histogram' });
  const milestones = h('tbody', { id: 'milestones' });
  const results = h('tbody', { id: 'results' });
  const confirm = confirmDialog({
    id: 'confirm-trigger',
    title: `Trigger ${drawId} now?`,
    text: 'Tickets that arrive after the trigger are reported late and not drawn.',
    action: 'Trigger',
    confirmed: () => api(`${path}/trigger`, { method: 'POST' }).catch(fail),
  });
  const triggerButton = h(
    'button',
    { type: 'button', id: 'trigger', onclick: () => usable(triggerButton) && confirm.showModal() },
    'Trigger draw…',
  );
  const account = h('input', { id: 'account', name: 'account', type: 'search' });
  const search = h(
    'form',
    {
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        loadResults(account.value.trim());
      },
    },
    h('label', { for: 'account' }, 'Find an account’s result'),
    account,
    h('button', { type: 'submit' }, 'Search'),
  );
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/draws' }, '← Draws')),
    h('h1', {}, `Draw ${drawId} `, state),
    windowText,
    h('div', { class: 'figures', 'aria-live': 'polite' }, entrants, tickets, resultsSeen, lateTickets),
    verification,
    h('p', {}, verifyButton),
    fullVerification,
    problems,
    h('p', {}, triggerButton),
    confirm,
    h('h2', {}, 'Tickets per customer'),
    table(['Tickets', 'Customers'], histogram),
    h('h2', {}, 'Milestones reached'),
    table(['Tickets', 'Customers'], milestones),
    h('h2', {}, 'Progress by partition (after the trigger)'),
    table(['Partition', 'Markers seen', 'Run entries sent', 'Run ended', 'Results written'], partitions),
    h('h2', {}, 'Winners by prize'),
    table(['Prize', 'Winners'], winners),
    h('h2', {}, 'Results'),
    search,
    table(['Rank', 'Account', 'Outcome', 'Prize', 'Tickets'], results),
  );
  const loadResults = async (accountId) => {
    const query = accountId ? `?account=${encodeURIComponent(accountId)}` : '?limit=50';
    try {
      const page = await api(`${path}/results${query}`);
      replaceRows(results, page.results.map(resultRow));
    } catch (problem) {
      fail(problem);
    }
  };
  let shownResults = -1;
  let shownDraw;
  let markers = { known: false, partitions: [] };
  const show = (draw) => {
    if (!draw) return fail(new Error(`no draw ${drawId} is defined`));
    state.textContent = draw.state;
    state.dataset.state = draw.state;
    windowText.textContent = `${draw.promoCode}: opens ${draw.opensLocal}, closes ${draw.closesLocal}`;
    entrants.firstChild.textContent = number(draw.entrants);
    tickets.firstChild.textContent = number(draw.tickets);
    resultsSeen.firstChild.textContent = number(draw.results);
    lateTickets.firstChild.textContent = draw.completed ? number(draw.completed.lateTickets) : '—';
    verification.textContent = verificationText(draw);
    const full = draw.fullVerification;
    verifyButton.hidden = !draw.verification?.verifiable;
    setUsable(verifyButton, full?.state !== 'running');
    fullVerification.dataset.state = full?.state ?? 'not-run';
    fullVerification.textContent = fullVerificationText(full);
    problems.replaceChildren(...(full?.problems ?? []).map((p) => h('li', {}, p)));
    shownDraw = draw;
    showPartitions();
    setUsable(triggerButton, !['drawing', 'completed', 'skipped-sca'].includes(draw.state));
    winners.replaceChildren(
      ...draw.winnersByPrize.map((w) =>
        h(
          'tr',
          { 'data-prize-id': w.prizeId },
          h('td', {}, w.name),
          h('td', { class: 'number' }, number(w.count)),
        ),
      ),
    );
    histogram.replaceChildren(...draw.histogram.map((bar) => barRow(bar, draw.entrants)));
    milestones.replaceChildren(
      ...draw.milestones.map((m) =>
        h(
          'tr',
          {},
          h('td', { class: 'number' }, number(m.tickets)),
          h('td', { class: 'number' }, number(m.customers)),
        ),
      ),
    );
    // The first page follows the results as they come, until the operator searches.
    if (draw.results !== shownResults && !account.value) loadResults('');
    shownResults = draw.results;
  };
  // Markers seen come from the wallet's instances, asked every 2 s between the trigger and completion, and
  // once after it (the final figures).
  const showPartitions = () => partitions.replaceChildren(...partitionRows(shownDraw, markers));
  let askedCompleted = false;
  const askMarkers = () => {
    const completed = shownDraw?.state === 'completed';
    if (shownDraw?.state !== 'drawing' && (!completed || askedCompleted)) return;
    askedCompleted = completed;
    api(`${path}/markers`).then((answer) => {
      markers = answer;
      showPartitions();
    }, fail);
  };
  const polling = setInterval(askMarkers, 2000);
  const stop = new AbortController();
  follow(`${path}/live`, (name, data) => name === 'draw' && show(data), stop.signal).catch(fail);
  return () => {
    stop.abort();
    clearInterval(polling);
  };
}

// One row per wallet partition the runs, results or markers name, in partition order.
function partitionRows(draw, markers) {
  const seen = new Map(markers.partitions.map((m) => [m.partition, m]));
  const progress = new Map(draw.partitions.map((p) => [p.partition, p]));
  const numbers = [...new Set([...seen.keys(), ...progress.keys()])].sort((a, b) => a - b);
  return numbers.map((partition) => {
    const p = progress.get(partition) ?? { runEntries: 0, runEnded: false, results: 0 };
    return h(
      'tr',
      { 'data-partition': partition },
      h('td', { class: 'number' }, partition),
      h('td', { 'data-field': 'markers' }, markersText(seen.get(partition), p.runEnded, markers.known)),
      h('td', { class: 'number' }, number(p.runEntries)),
      h('td', { 'data-field': 'run-ended' }, p.runEnded ? 'yes' : 'not yet'),
      h('td', { class: 'number', 'data-field': 'results' }, number(p.results)),
    );
  });
}

// A partition sends its run once it has seen the marker of every source partition, so a run's end implies them.
function markersText(seen, runEnded, known) {
  if (seen?.sourcePartitions)
    return `${seen.markers.length} of ${seen.sourcePartitions}${seen.markers.length ? ` (from ${seen.markers.join(', ')})` : ''}`;
  if (runEnded) return 'all (its run ended)';
  return seen || known ? 'none yet' : 'not known (no wallet instance answered)';
}

// A bar drawn with CSS (its width the share of entrants); the number is there as text for everyone.
const barRow = (bar, entrants) =>
  h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row' },
      bar.to === null ? `${bar.from}+` : bar.from === bar.to ? `${bar.from}` : `${bar.from}–${bar.to}`,
    ),
    h(
      'td',
      { class: 'bar-cell' },
      h('span', { class: 'bar', style: `width: ${entrants ? (100 * bar.customers) / entrants : 0}%` }),
      h('span', { class: 'number' }, number(bar.customers)),
    ),
  );

const resultRow = (result) =>
  h(
    'tr',
    { 'data-account-id': result.accountId },
    h('td', { class: 'number' }, number(result.rank)),
    h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(result.accountId)}` }, result.accountId)),
    h('td', {}, result.outcome),
    h('td', {}, result.prize?.name ?? '—'),
    h('td', { class: 'number' }, number(result.tickets)),
  );

// What `prizedraw verify`, run from the console, found.
function fullVerificationText(full) {
  if (!full) return '';
  if (full.state === 'running') return `prizedraw verify is running (since ${full.startedAt})…`;
  if (full.state === 'verified') return `Verified by prizedraw verify at ${full.finishedAt}: ${full.summary}`;
  if (full.state === 'differs')
    return `prizedraw verify found differences at ${full.finishedAt}${full.summary ? `: ${full.summary}` : ':'}`;
  return `prizedraw verify could not run to its end: ${full.summary}`;
}

function verificationText({ drawId, state, verification: v }) {
  if (!v) return state === 'completed' ? 'No draw record published yet.' : '';
  if (!v.verifiable) return `Not verifiable: ${v.reason ?? 'no seed commitment'}.`;
  const seed = v.seedMatchesCommitment
    ? 'its revealed seed matches the commitment'
    : 'its revealed seed does NOT match the commitment';
  return `Verifiable: ${seed}; results hash ${v.resultsHash}. Every ticket is checked by prizedraw verify ${drawId} (the button runs it).`;
}
