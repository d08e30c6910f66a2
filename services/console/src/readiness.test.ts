import { ownUrlOf, readinessOf } from './readiness';

describe('readinessOf', () => {
  it('when the process answers 200 ready, then ready', () => {
    expect(readinessOf(200, { status: 'ready', notReady: [] })).toEqual({
      status: 'ready',
      notReady: [],
      reason: null,
    });
  });

  it('when it answers 503 not-ready, then not-ready with the applications it names', () => {
    const body = { status: 'not-ready', notReady: ['prizedraw-demo-pipeline'] };
    expect(readinessOf(503, body)).toEqual({
      status: 'not-ready',
      notReady: ['prizedraw-demo-pipeline'],
      reason: null,
    });
  });

  it('when the answer is not a readiness answer, then unreachable with what it answered', () => {
    expect(readinessOf(502, '<html>Bad gateway</html>')).toEqual({
      status: 'unreachable',
      notReady: [],
      reason: 'answered HTTP 502 without a readiness status',
    });
    expect(readinessOf(200, { status: 'not-ready', notReady: [] }).status).toBe('unreachable');
    expect(readinessOf(404, { message: 'Route GET:/health/ready not found' }).status).toBe('unreachable');
  });
});

describe('ownUrlOf', () => {
  it('when a request came in on an IPv4 or IPv6 address, then the base URL of that address and port', () => {
    expect(ownUrlOf({ localAddress: '127.0.0.1', localPort: 8080 })).toBe('http://127.0.0.1:8080');
    expect(ownUrlOf({ localAddress: '::ffff:10.0.0.7', localPort: 8080 })).toBe(
      'http://[::ffff:10.0.0.7]:8080',
    );
  });
});
