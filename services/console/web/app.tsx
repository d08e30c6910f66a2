// The console's page: log in with an operator token, then the view the URL's hash names (the Draws list by
// default). After each page change focus is on the page (<main>); the login form puts it on the token field.
import { render } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, Problem, setToken, token } from './api.js';
import { CustomerView } from './customer-view.js';
import { DeadLettersView, DeadLetterTopicView } from './dead-letters-view.js';
import { DrawView } from './draw-view.js';
import { DrawsView } from './draws-view.js';
import { HealthView } from './health-view.js';
import type { Fail } from './parts.js';
import { ScaView } from './sca-view.js';

function App() {
  const [hash, setHash] = useState(location.hash);
  const [loggedIn, setLoggedIn] = useState(!!token());
  const [error, setError] = useState('');
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    const changed = () => {
      setError('');
      setHash(location.hash);
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  useLayoutEffect(() => {
    if (loggedIn) main.current?.focus();
  }, [hash, loggedIn]);
  const logOut = useCallback(() => {
    setToken(undefined);
    setError('');
    setLoggedIn(false);
  }, []);
  const fail: Fail = useCallback((problem) => {
    if (problem instanceof Problem && problem.status === 401) return logOut();
    setError(problem instanceof Error ? problem.message : String(problem));
  }, []);
  return (
    <>
      <header>
        <a href="#/draws" class="brand">
          prizedraw console
        </a>
        <nav aria-label="Main">
          <a href="#/draws">Draws</a> <a href="#/dead-letters">Dead letters</a>{' '}
          <a href="#/sca">SCA exports</a> <a href="#/health">Health</a>
        </nav>
        <button type="button" id="logout" hidden={!loggedIn} onClick={logOut}>
          Log out
        </button>
      </header>
      <main id="view" tabIndex={-1} ref={main}>
        {loggedIn ? (
          <View key={hash} hash={hash} fail={fail} />
        ) : (
          <Login loggedIn={() => setLoggedIn(true)} />
        )}
      </main>
      <p id="error" role="alert" class="error">
        {error}
      </p>
    </>
  );
}

function View({ hash, fail }: { hash: string; fail: Fail }) {
  const named = (pattern: RegExp) => {
    const found = pattern.exec(hash)?.[1];
    return found === undefined ? undefined : decodeURIComponent(found);
  };
  const drawId = named(/^#\/draws\/(.+)$/);
  const accountId = named(/^#\/customers\/(.+)$/);
  const deadLetterTopic = named(/^#\/dead-letters\/(.+)$/);
  if (drawId) return <DrawView drawId={drawId} fail={fail} />;
  if (accountId) return <CustomerView accountId={accountId} fail={fail} />;
  if (deadLetterTopic) return <DeadLetterTopicView topic={deadLetterTopic} fail={fail} />;
  if (hash === '#/dead-letters') return <DeadLettersView fail={fail} />;
  if (hash === '#/health') return <HealthView fail={fail} />;
  if (hash === '#/sca') return <ScaView fail={fail} />;
  return <DrawsView fail={fail} />;
}

function Login({ loggedIn }: { loggedIn: () => void }) {
  const [message, setMessage] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => input.current?.focus(), [message]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setToken(input.current?.value.trim());
    try {
      await api('/v1/console/draws?limit=1');
      loggedIn();
    } catch (problem) {
      setToken(undefined);
      setMessage(problem instanceof Problem ? `Not accepted: ${problem.message}` : String(problem));
    }
  };
  return (
    <form id="login" onSubmit={submit}>
      <h1>Log in</h1>
      <p>
        Paste an operator token: <code>prizedraw token --role operator --subject &lt;you&gt;</code>
      </p>
      <label htmlFor="token">Operator token</label>
      <textarea id="token" name="token" rows={4} required autocomplete="off" ref={input} />
      <p>
        <button type="submit">Log in</button>
      </p>
      {message && (
        <p role="alert" class="issues">
          {message}
        </p>
      )}
    </form>
  );
}

render(<App />, document.body);
