import { parseConfig } from '@prizedraw/service';
import { scaExportConfigSchema } from './config';

const env = {
  MYSQL_URL: 'mysql://prizedraw:s3cret@127.0.0.1:3307/aramis',
  FTP_HOST: 'ftp.example.com',
  FTP_PASSWORD: 'hunter2',
};

describe('sca-export configuration', () => {
  it('when the environment is complete, then defaults fill the rest (explicit FTPS, sca-submissions)', () => {
    expect(parseConfig(scaExportConfigSchema, env)).toMatchObject({
      FTP_PORT: 21,
      FTP_SECURE: 'explicit',
      S3_BUCKET: 'sca-submissions',
      EXPORT_DIR: '.exports',
    });
  });

  it('when settings are invalid, then the error names each one and echoes no URL or password', () => {
    const bad = {
      ...env,
      MYSQL_URL: 'mariadb://prizedraw:s3cret@db/aramis',
      FTP_SECURE: 'tls',
      FTP_PASSWORD: '',
    };
    const error = (() => {
      try {
        parseConfig(scaExportConfigSchema, { ...bad, FTP_PORT: 'seventy', FTP_HOST: '' });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toMatch(/MYSQL_URL: .*\(set\)/);
    expect(error.message).toMatch(/FTP_SECURE: .*"tls"/);
    expect(error.message).toMatch(/FTP_PORT:/);
    expect(error.message).toMatch(/FTP_HOST:/);
    expect(error.message).not.toMatch(/s3cret/);
  });
});
