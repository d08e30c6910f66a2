import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { ConfigError } from '@prizedraw/service';
import { issueToken, ttlSeconds } from './token';

const SECRET = 'a local secret of at least thirty-two bytes';
const env = { API_TOKEN_SECRET: SECRET };
const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe('prizedraw token', () => {
  it('when role and subject are given, then the token verifies with the same secret as that principal', () => {
    const token = issueToken({ role: 'customer', subject: 'acct-42', ttl: '15m' }, env);

    expect(new ApiTokens(new TokenSecret(Buffer.from(SECRET))).verify(token)).toEqual({
      role: 'customer',
      subject: 'acct-42',
    });
    const { iat, exp } = decode(token);
    expect(exp - iat).toBe(900);
  });

  it('when the role is not one of ours, then it stops naming --role and the roles', () => {
    expect(() => issueToken({ role: 'admin', subject: 'x', ttl: '1h' }, env)).toThrow(
      '--role: expected one of operator, customer (got "admin")',
    );
  });

  it('when no secret is set, then it stops naming API_TOKEN_SECRET', () => {
    const issue = () => issueToken({ role: 'operator', subject: 'ops', ttl: '1h' }, {});
    expect(issue).toThrow(ConfigError);
    expect(issue).toThrow(/API_TOKEN_SECRET: .*\(not set\)/);
  });

  it.each([
    ['3600', 3_600],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
  ])('when --ttl is %s, then it is %i seconds', (ttl, seconds) => {
    expect(ttlSeconds(ttl)).toBe(seconds);
  });

  it.each(['0', '1w', '-5m', 'soon'])('when --ttl is %s, then it stops naming --ttl', (ttl) => {
    expect(() => ttlSeconds(ttl)).toThrow(/^--ttl: /);
  });
});
