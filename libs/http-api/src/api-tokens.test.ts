import { createSigner } from 'fast-jwt';
import { ApiTokens, TokenRejected } from './api-tokens';
import { TokenSecret } from './token-secret';

const secret = new TokenSecret(Buffer.from('a test secret of thirty-two bytes!'));
const tokens = new ApiTokens(secret);

describe('ApiTokens', () => {
  it('when a token is issued, then it verifies to its role and subject', () => {
    const token = tokens.issue({ role: 'customer', subject: 'acct-42', ttlSeconds: 600 });
    expect(tokens.verify(token)).toEqual({ role: 'customer', subject: 'acct-42' });
  });

  /** A token signed as ours are but for `overrides` (an algorithm, an audience, no expiry). */
  const signed = (claims: object, overrides: object = {}) =>
    createSigner<object>({
      key: secret.reveal(),
      iss: 'prizedraw',
      aud: 'prizedraw-api',
      sub: 'x',
      expiresIn: 60_000,
      ...overrides,
    })(claims);

  it.each([
    [
      'unsigned (alg none)',
      signed({ role: 'operator' }, { algorithm: 'none', key: undefined }),
      'the token is not signed with HS256',
    ],
    [
      'for another audience',
      signed({ role: 'operator' }, { aud: 'elsewhere' }),
      'the token was issued for another issuer or audience',
    ],
    [
      'without expiry',
      signed({ role: 'operator' }, { expiresIn: undefined }),
      'the token lacks a required claim (sub, role, exp)',
    ],
    ['of a role not ours', signed({ role: 'admin' }), "the token's role must be one of operator, customer"],
  ])('when a token is %s, then it is refused saying why', (_, token, reason) => {
    expect(() => tokens.verify(token)).toThrow(new TokenRejected(reason));
  });

  it('when the ttl is not a positive whole number, then issuing fails naming it', () => {
    expect(() => tokens.issue({ role: 'operator', subject: 'x', ttlSeconds: 0 })).toThrow(/^ttlSeconds: /);
  });
});
