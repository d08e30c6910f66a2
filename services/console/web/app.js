// The console's page: log in with an operator token, then the Draws list or one draw, by the URL's hash.
import { api, Problem, setToken, token } from './api.js';
import { showCustomer } from './customer-view.js';
import { showDeadLetters, showDeadLetterTopic } from './dead-letters-view.js';
import { h } from './dom.js';
import { showDraw } from './draw-view.js';
import { showDraws } from './draws-view.js';
import { showHealth } from './health-view.js';
import { showSca } from './sca-view.js';

const view = document.getElementById('view');
const error = document.getElementById('error');
let leave = () => undefined;

function showLogin(message) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off' });
  const form = h(
    'form',
    { id: 'login', onsubmit: (event) => login(event, input.value.trim()) },
    h('h1', {}, 'Log in'),
    h('p', {}, 'Paste an operator token: ', h('code', {}, 'prizedraw token --role operator --subject <you>')),
    h('label', { for: 'token' }, 'Operator token'),
    input,
    h('p', {}, h('button', { type: 'submit' }, 'Log in')),
    message ? h('p', { role: 'alert', class: 'issues' }, message) : null,
  );
  view.replaceChildren(form);
  input.focus();
}

async function login(event, value) {
  event.preventDefault();
  setToken(value);
  try {
    await api('/v1/console/draws');
    route();
  } catch (problem) {
    setToken(undefined);
    showLogin(problem instanceof Problem ? `Not accepted: ${problem.message}` : String(problem));
  }
}

function route() {
  leave();
  leave = () => undefined;
  error.textContent = '';
  document.getElementById('logout').hidden = !token();
  if (!token()) return showLogin();
  const drawId = /^#\/draws\/(.+)$/.exec(location.hash)?.[1];
  const accountId = /^#\/customers\/(.+)$/.exec(location.hash)?.[1];
  const deadLetterTopic = /^#\/dead-letters\/(.+)$/.exec(location.hash)?.[1];
  const context = { view, fail: (problem) => fail(problem) };
  if (drawId) leave = showDraw(decodeURIComponent(drawId), context);
  else if (accountId) leave = showCustomer(decodeURIComponent(accountId), context);
  else if (deadLetterTopic) leave = showDeadLetterTopic(decodeURIComponent(deadLetterTopic), context);
  else if (location.hash === '#/dead-letters') leave = showDeadLetters(context);
  else if (location.hash === '#/health') leave = showHealth(context);
  else if (location.hash === '#/sca') leave = showSca(context);
  else leave = showDraws(context);
  view.focus();
}

function fail(problem) {
  if (problem instanceof Problem && problem.status === 401) {
    setToken(undefined);
    return route();
  }
  error.textContent = problem instanceof Error ? problem.message : String(problem);
}

document.getElementById('logout').addEventListener('click', () => {
  setToken(undefined);
  route();
});
window.addEventListener('hashchange', route);
route();
