import { createDeployment } from '../../../test/e2e/support/deployment';
import { startServiceProcess } from '../../../test/support/service-process';

// Kubernetes sends SIGTERM and, 30 s later by default, SIGKILL. Each stream application waits for its
// consumer's fetch in flight (up to 5 s) when it closes.

describe('shutting down', () => {
  it('when a process running four services gets SIGTERM, then it closes them together and exits well within the grace period', async () => {
    const deployment = await createDeployment();
    const process = await startServiceProcess(
      ['ingestion', 'enrichment', 'dedupe', 'ticket-rules'],
      deployment.env,
      { built: true },
    );
    const asked = Date.now();
    await process.stop();
    expect(await process.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(15_000);
  });
});
