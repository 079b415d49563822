import { ConfigReader } from '@backstage/config';
import { readS3BlobStoreConfig } from './config';

const withS3 = (s3: object | undefined) =>
  new ConfigReader({ fleet: { journals: { blobStore: { s3 } } } });

describe('readS3BlobStoreConfig', () => {
  it('reads an S3-compatible store with keys', () => {
    expect(
      readS3BlobStoreConfig(
        withS3({
          bucket: 'fleet',
          prefix: '/fleet/journals',
          region: 'eu-west-1',
          endpoint: 'https://minio.internal:9000',
          forcePathStyle: true,
          credentials: { accessKeyId: 'AKIA…', secretAccessKey: 'secret' },
        }),
      ),
    ).toEqual({
      bucket: 'fleet',
      prefix: 'fleet/journals/',
      client: {
        region: 'eu-west-1',
        endpoint: 'https://minio.internal:9000',
        forcePathStyle: true,
        credentials: {
          accessKeyId: 'AKIA…',
          secretAccessKey: 'secret',
          sessionToken: undefined,
        },
      },
    });
  });

  it("leaves region and credentials to the AWS SDK's defaults on AWS", () => {
    expect(readS3BlobStoreConfig(withS3({ bucket: 'fleet' }))).toEqual({
      bucket: 'fleet',
      prefix: '',
      client: { forcePathStyle: false },
    });
  });

  it('gives an S3-compatible endpoint a region, which the SDK needs to sign', () => {
    const { client } = readS3BlobStoreConfig(
      withS3({ bucket: 'fleet', endpoint: 'http://localhost:9000' }),
    );
    expect(client.region).toBe('us-east-1');
  });

  it('says what is missing when there is no bucket', () => {
    const message =
      /fleet\.journals\.blobStore\.s3\.bucket is required: @fleetdeck\/plugin-fleet-backend-module-s3-blobs keeps journals in that bucket/;
    expect(() => readS3BlobStoreConfig(new ConfigReader({}))).toThrow(message);
    expect(() => readS3BlobStoreConfig(withS3({ prefix: 'journals' }))).toThrow(
      message,
    );
  });

  it('wants both keys of a key pair', () => {
    expect(() =>
      readS3BlobStoreConfig(
        withS3({ bucket: 'fleet', credentials: { accessKeyId: 'AKIA…' } }),
      ),
    ).toThrow(/credentials\.secretAccessKey/);
  });
});
