import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export const BUCKET = 'journals';

/** s3rver accepts any signature; these keys only let the SDK sign. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
};

/**
 * A real S3 HTTP API in this process (s3rver, files in a temporary folder) on a free port,
 * with an empty bucket {@link BUCKET}.
 */
export async function startS3Server() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;

  /** A client of the server that records the name of every command it sends. */
  const client = () => {
    const commands: string[] = [];
    const s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    s3.middlewareStack.add(
      (next, context) => args => {
        commands.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    return { s3, commands };
  };

  /** Every key in the bucket under `prefix`, sorted. */
  const keys = async (prefix = ''): Promise<string[]> => {
    const { s3 } = client();
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      listed.push(...(page.Contents ?? []).map(object => object.Key!));
      token = page.NextContinuationToken;
    } while (token);
    return listed.sort();
  };

  const stop = async () => {
    await server.close();
    fs.rmSync(directory, { recursive: true, force: true });
  };

  return { endpoint, directory, client, keys, stop };
}
