import { ConfigError, parseConfig } from '@prizedraw/service';
import { consoleConfigSchema } from './config';

describe('CONSOLE_SERVICE_URLS', () => {
  it('when unset, then none (the Health page asks the console’s own process)', () => {
    expect(parseConfig(consoleConfigSchema, {}).CONSOLE_SERVICE_URLS).toEqual([]);
  });

  it('when comma-separated URLs, then each without spaces or a trailing slash', () => {
    const env = { CONSOLE_SERVICE_URLS: 'http://pipeline:8080/, https://gateway:8443 ,' };
    expect(parseConfig(consoleConfigSchema, env).CONSOLE_SERVICE_URLS).toEqual([
      'http://pipeline:8080',
      'https://gateway:8443',
    ]);
  });

  it('when one is not an http(s) URL, then a ConfigError naming the variable', () => {
    const parse = () => parseConfig(consoleConfigSchema, { CONSOLE_SERVICE_URLS: 'pipeline:8080' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/CONSOLE_SERVICE_URLS: Expected http\(s\):\/\/ URLs, comma-separated/);
  });
});
