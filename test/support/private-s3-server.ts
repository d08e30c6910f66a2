import { join } from 'node:path';
import { PrivateServer } from './private-server';

/** A {@link PrivateServer} running versitygw, with its endpoint. */
export interface PrivateS3Server extends PrivateServer {
  /** `http://127.0.0.1:<port>`; the stack's S3_* settings (keys, region, bucket) apply otherwise. */
  readonly endpoint: string;
  /** Where the server keeps the objects of `bucket` (one file per key), to look without S3. */
  bucketDir(bucket: string): string;
}

/**
 * A versitygw S3 server of one test's own (`deploy/local/lib/s3.sh`'s binary, credentials and bucket), on its
 * own port and data folder: a fault test crashes and restarts this one, never the stack's shared server.
 */
export async function startPrivateS3Server(): Promise<PrivateS3Server> {
  const server = await PrivateServer.start({ component: 's3', post: true });
  return Object.assign(server, {
    endpoint: `http://127.0.0.1:${server.port}`,
    bucketDir: (bucket: string) => join(server.dir, 'data', bucket),
  });
}
