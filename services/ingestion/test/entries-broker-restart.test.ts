import { decodeEvent } from '@prizedraw/events';
import { createDeployment } from '../../../test/e2e/support/deployment';
import { readAll } from '../../../test/support/kafka';
import { PrivateKafkaBroker } from '../../../test/support/private-kafka-broker';
import { type ServiceProcess, startServiceProcess } from '../../../test/support/service-process';
import { waitUntil } from '../../../test/support/wait-until';

// `POST /v1/entries` of an ingestion process (the built CLI) on a broker of this test's own, stopped and
// restarted under a steady load of posting clients. A client that gets 503 waits as Retry-After says and
// posts the same entry again, as a landing page's backend should; any other failure is recorded.

const CLIENTS = 4;
// Longer than any answer should take: a POST still waiting then counts as hung.
const HUNG_MS = 20_000;

interface Answers {
  accepted: Set<string>;
  unavailable: number;
  /** Every answer that is neither 202 nor a 503 with Retry-After, and every POST that hung. */
  wrong: string[];
}

/** A client posting entries `<prefix>-0`, `-1`, … one at a time until `stop` aborts, each until it is accepted. */
async function postEntries(url: string, prefix: string, answers: Answers, stop: AbortSignal): Promise<void> {
  for (let n = 0; !stop.aborted; n += 1) {
    const entryId = `${prefix}-${n}`;
    const body = JSON.stringify({ entryId, utmContent: 'restart', email: `${entryId}@example.com` });
    for (;;) {
      const response = await fetch(`${url}/v1/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(HUNG_MS),
      }).catch((error: Error) => error);
      if (response instanceof Error) {
        answers.wrong.push(`${entryId}: ${response.name} ${response.message}`);
        return;
      }
      await response.arrayBuffer();
      if (response.status === 202) {
        answers.accepted.add(entryId);
        break;
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status !== 503 || !(retryAfter > 0)) {
        answers.wrong.push(
          `${entryId}: ${response.status} retry-after=${response.headers.get('retry-after')}`,
        );
        return;
      }
      answers.unavailable += 1;
      // As a client honouring Retry-After would, but short: the test wants many attempts in the outage.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('POST /v1/entries while the broker restarts', () => {
  let broker: PrivateKafkaBroker | undefined;
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    await service?.stop();
    await broker?.close();
  }, 60_000);

  it('when the broker is down and comes back (crashed, then stopped cleanly), then posts get 503 with Retry-After, never 500, the process stays up, and every accepted entry is in Kafka', async () => {
    broker = await PrivateKafkaBroker.start();
    const deployment = await createDeployment(broker);
    service = await startServiceProcess(
      ['ingestion'],
      { ...deployment.env, KAFKA_SESSION_TIMEOUT_MS: '10000', LOG_LEVEL: 'error' },
      { built: true, readyTimeoutMs: 90_000 },
    );
    const exited = service.exited.then((code) => {
      throw new Error(`the ingestion process exited (code ${code})`);
    });
    const whileRunning = <T>(work: Promise<T>) => Promise.race([work, exited]);
    const answers: Answers = { accepted: new Set(), unavailable: 0, wrong: [] };
    const stop = new AbortController();
    const clients = Array.from({ length: CLIENTS }, (_, c) =>
      postEntries(service!.url, `client-${c}`, answers, stop.signal),
    );
    const acceptedMore = async (count: number, what: string) => {
      const target = answers.accepted.size + count;
      await whileRunning(waitUntil(what, () => answers.accepted.size >= target || answers.wrong.length > 0));
    };

    try {
      for (const crash of [true, false]) {
        await acceptedMore(50, 'posts accepted with the broker up');
        const unavailableBefore = answers.unavailable;
        await broker.stop(crash ? 'SIGKILL' : 'SIGTERM');
        await whileRunning(
          waitUntil(
            'posts answered 503 while the broker is down',
            () => answers.unavailable >= unavailableBefore + CLIENTS || answers.wrong.length > 0,
            { timeoutMs: 45_000 },
          ),
        );
        await broker.startAgain();
        await acceptedMore(50, 'posts accepted again once the broker is back');
      }
    } finally {
      stop.abort();
      await Promise.all(clients);
    }

    expect(answers.wrong).toEqual([]);
    expect(service.child.exitCode).toBeNull();
    const written = (await readAll(deployment.topics.activity, broker.client())).map(
      (message) => (decodeEvent(message).data as { entryId: string }).entryId,
    );
    // A post answered 503 may have reached Kafka too; its retry is then a repeat of the same entry id, which
    // dedupe drops. An accepted entry must be there.
    const inKafka = new Set(written);
    expect([...answers.accepted].filter((entryId) => !inKafka.has(entryId))).toEqual([]);
  }, 240_000);
});
