import { readFile } from 'node:fs/promises';
import type { ScaExportConfig } from '../config';
import { loadFtpCredentials } from './ftp-credentials';
import type { FtpDeliveryOptions } from './ftp-delivery';

/** The FTP(S) delivery settings of the configuration, credentials loaded from where it says. */
export async function ftpOptionsOf(config: ScaExportConfig): Promise<FtpDeliveryOptions> {
  const credentials = await loadFtpCredentials({
    secretId: config.FTP_SECRET_ID,
    credentialsFile: config.FTP_CREDENTIALS_FILE,
    user: config.FTP_USER,
    password: config.FTP_PASSWORD,
  });
  const secure = { none: false, explicit: true, implicit: 'implicit' as const }[config.FTP_SECURE];
  return {
    host: config.FTP_HOST,
    port: config.FTP_PORT,
    credentials,
    secure,
    retry: { attempts: config.FTP_ATTEMPTS },
    ...(config.FTP_TLS_CA_FILE ? { secureOptions: { ca: await readFile(config.FTP_TLS_CA_FILE) } } : {}),
    ...(config.FTP_REMOTE_DIR ? { remoteDir: config.FTP_REMOTE_DIR } : {}),
  };
}
