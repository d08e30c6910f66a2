import { failureReason } from './failure-reason';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('failureReason', () => {
  it('when an error has a code its message does not name, then both are given', () => {
    expect(failureReason(withCode('Login incorrect.', 'EFTP530'))).toBe('EFTP530: Login incorrect.');
    expect(failureReason(withCode('connect ECONNREFUSED 127.0.0.1:3307', 'ECONNREFUSED'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:3307',
    );
  });

  it('when a connection to several addresses was refused, then the addresses say why', () => {
    const refused = new AggregateError([
      withCode('connect ECONNREFUSED ::1:3307', 'ECONNREFUSED'),
      withCode('connect ECONNREFUSED 127.0.0.1:3307', 'ECONNREFUSED'),
    ]);
    expect(failureReason(Object.assign(refused, { code: 'ECONNREFUSED' }))).toBe(
      'connect ECONNREFUSED ::1:3307; connect ECONNREFUSED 127.0.0.1:3307',
    );
  });

  it('when an error has causes, then each is given after it, a repeated one once', () => {
    const cause = new Error('socket hang up');
    const error = new Error('archiving failed', { cause: new Error('socket hang up', { cause }) });
    expect(failureReason(error)).toBe('archiving failed ← socket hang up');
  });

  it('when something other than an Error was thrown, then it is written as text', () => {
    expect(failureReason('gone')).toBe('gone');
  });
});
