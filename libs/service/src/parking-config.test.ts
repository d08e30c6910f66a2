import { baseConfigSchema, parseConfig } from './config';
import { parkingSettings } from './parking';
import { parkingConfigSchema } from './parking-config';

const schema = baseConfigSchema.extend(parkingConfigSchema.shape);

describe('parking settings', () => {
  it('when nothing is set, then parked activity waits 8 days and a marker 3 s for its definition', () => {
    const config = parseConfig(schema, {});
    expect(parkingSettings(config)).toMatchObject({
      retentionMs: 8 * 24 * 60 * 60_000,
      definitionWaitMs: 3_000,
    });
  });

  it.each([
    [{ PARKING_RETENTION_MS: 'a week' }, /PARKING_RETENTION_MS: .*got "a week"/],
    [{ PARKING_RETENTION_MS: '0' }, /PARKING_RETENTION_MS/],
    [{ DEFINITION_WAIT_MS: '30000' }, /DEFINITION_WAIT_MS: .*5000/],
  ])('when %j, then start-up stops naming the variable', (env, message) => {
    expect(() => parseConfig(schema, env)).toThrow(message);
  });
});
