import { baseConfigSchema, ConfigError, parseConfig } from './config';

describe('SCHEMA_REGISTRY_URL', () => {
  it('when unset or empty, then plain JSON (no registry)', () => {
    expect(parseConfig(baseConfigSchema, {}).SCHEMA_REGISTRY_URL).toBeUndefined();
    expect(parseConfig(baseConfigSchema, { SCHEMA_REGISTRY_URL: '' }).SCHEMA_REGISTRY_URL).toBeUndefined();
  });

  it('when an http(s) URL, then kept without a trailing slash (schema URLs are built on it)', () => {
    const url = 'http://127.0.0.1:8081/apis/ccompat/v7/';
    expect(parseConfig(baseConfigSchema, { SCHEMA_REGISTRY_URL: url }).SCHEMA_REGISTRY_URL).toBe(
      'http://127.0.0.1:8081/apis/ccompat/v7',
    );
  });

  it('when not a URL, then a ConfigError naming the variable, without echoing the value', () => {
    const parse = () => parseConfig(baseConfigSchema, { SCHEMA_REGISTRY_URL: 'registry:8081' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/SCHEMA_REGISTRY_URL: Expected an http\(s\):\/\/ URL of the registry \(set\)/);
  });
});
