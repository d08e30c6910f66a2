import { DecodeError, PrizedrawError } from '@prizedraw/events';
import { KafkaJSConnectionError } from 'kafkajs';
import { isPassingFailure } from './passing-failure';

describe('isPassingFailure', () => {
  it('when a deserializer could not reach the schema registry (a retriable PrizedrawError), then it passes', () => {
    const registryDown = new PrizedrawError('Schema registry failed to decode data of schema id 18', {
      retriable: true,
      cause: new Error('connect ECONNREFUSED 127.0.0.1:8081'),
    });
    expect(isPassingFailure(registryDown)).toBe(true);
  });

  it('when a broker connection was lost, then it passes', () => {
    expect(isPassingFailure(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe(true);
  });

  it('when the error is not retriable (an incompatible schema, a bug), then it does not pass', () => {
    expect(isPassingFailure(new PrizedrawError('incompatible schema'))).toBe(false);
    expect(isPassingFailure(new DecodeError('the schema registry does not know this schema id'))).toBe(false);
    expect(isPassingFailure(new TypeError('x is undefined'))).toBe(false);
  });
});
