import { runSchemathesis } from '../../../test/support/schemathesis';
import { buildCampaign } from './support/build-campaign';
import { setUpInstantWinService } from './support/set-up-instant-win-service';

// The instant-win API tested from outside by schemathesis against the /openapi.json its process serves, as an
// operator and as a customer: no server error, and every answer what the document says. Every check runs but
// positive_data_acceptance: rules JSON Schema cannot state (a phone number libphonenumber knows, a time zone
// the runtime knows, closesAt after opensAt, odds summing to at most 1) reject some schema-valid bodies with
// a 400 naming the field, which that check counts as a failure.

const t = setUpInstantWinService();

beforeAll(async () => {
  // A campaign, so that the stateful phase can reach past 404 through the links from POST /v1/campaigns.
  const operator = `Bearer ${t.tokens.issue({ role: 'operator', subject: 'ops', ttlSeconds: 600 })}`;
  await fetch(`${t.service.url}/v1/campaigns`, {
    method: 'POST',
    headers: { authorization: operator, 'content-type': 'application/json' },
    body: JSON.stringify(buildCampaign({ closesAt: '2099-01-01T00:00:00Z' })),
  });
});

describe.each(['operator', 'customer'] as const)('the instant-win API as %s', (role) => {
  it('when schemathesis runs every check, then no server error and no response off the document', async () => {
    const token = t.tokens.issue({ role, subject: `${role}-1`, ttlSeconds: 600 });
    const run = await runSchemathesis(t.service.url, {
      authorization: `Bearer ${token}`,
      maxExamples: 30,
      extraArgs: ['--exclude-checks', 'positive_data_acceptance'],
    });

    expect(run.operations.tested).toBe(6);
    expect(run.failureTypes).not.toContain('ServerError');
    expect(run.failureTypes).not.toContain('JsonSchemaError');
    expect(run.exitCode === 0 && run.errors.length === 0 ? 'no failures' : run.output).toBe('no failures');
  });
});
