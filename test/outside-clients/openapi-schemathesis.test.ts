import { uniqueName } from '../support/kafka';
import { runSchemathesis } from '../support/schemathesis';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';

// The HTTP APIs of ingestion (POST /v1/entries) and the ticket wallet (live counts, markers seen) tested from outside by
// schemathesis against the /openapi.json their process serves: every answer to valid and invalid requests
// must be what the document says, and none a server error.

let service: ServiceProcess | undefined;

beforeAll(async () => {
  service = await startServiceProcess(['ingestion', 'ticket-wallet'], {
    BRAND: uniqueName('schemathesis'),
    PARTITIONS: '2',
  });
});

afterAll(() => service?.stop());

describe('the HTTP APIs against their OpenAPI document', () => {
  it('when the document is read, then it describes the API operations and leaves health and metrics out', async () => {
    const document = (await (await fetch(`${service!.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/draws/{drawId}/customers/{accountId}',
      '/v1/draws/{drawId}/markers',
      '/v1/entries',
    ]);
  });

  it('when schemathesis runs every check against ingestion and the wallet, then no server error and no response off the document', async () => {
    const run = await runSchemathesis(service!.url);

    expect(run.operations.tested).toBe(3);
    expect(run.testCases.generated).toBeGreaterThan(100);
    expect(run.failureTypes).not.toContain('ServerError');
    expect(run.failureTypes).not.toContain('JsonSchemaError');
    // Any other failure too, with schemathesis' own account of it (requests to reproduce it with).
    expect(run.exitCode === 0 && run.errors.length === 0 ? 'no failures' : run.output).toBe('no failures');
  });
});
