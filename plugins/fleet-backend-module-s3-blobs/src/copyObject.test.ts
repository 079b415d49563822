import type { S3Client } from '@aws-sdk/client-s3';
import { copyObject } from './copyObject';

/**
 * A client that records what it is sent and answers as S3 would. (s3rver, used by the other
 * tests, has no UploadPartCopy.)
 */
function recordingClient(failOn?: string) {
  const sent: Array<{ command: string; input: Record<string, unknown> }> = [];
  const client = {
    async send(command: { input: Record<string, unknown> }) {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      if (name === failOn) {
        throw new Error(`${name} failed`);
      }
      switch (name) {
        case 'CreateMultipartUploadCommand':
          return { UploadId: 'upload-1' };
        case 'UploadPartCopyCommand':
          return {
            CopyPartResult: { ETag: `"etag-${command.input.PartNumber}"` },
          };
        default:
          return {};
      }
    },
  };
  return { client: client as unknown as S3Client, sent };
}

const request = { bucket: 'fleet', from: 'tmp/a b', to: 'sha256/ab/abc' };

describe('copyObject', () => {
  it('copies up to the limit in one CopyObject, with the source encoded', async () => {
    const { client, sent } = recordingClient();
    await copyObject({ ...request, client, bytes: 4, maxSingleCopyBytes: 4 });
    expect(sent).toEqual([
      {
        command: 'CopyObjectCommand',
        input: {
          Bucket: 'fleet',
          Key: 'sha256/ab/abc',
          CopySource: 'fleet/tmp/a%20b',
        },
      },
    ]);
  });

  it('copies a larger object in ranges of one multipart upload', async () => {
    const { client, sent } = recordingClient();
    await copyObject({
      ...request,
      client,
      bytes: 10,
      maxSingleCopyBytes: 4,
      partBytes: 4,
    });
    expect(sent.map(({ command }) => command)).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCopyCommand',
      'UploadPartCopyCommand',
      'UploadPartCopyCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect(sent.slice(1, 4).map(({ input }) => input)).toEqual(
      [
        [1, 'bytes=0-3'],
        [2, 'bytes=4-7'],
        [3, 'bytes=8-9'],
      ].map(([PartNumber, CopySourceRange]) => ({
        Bucket: 'fleet',
        Key: 'sha256/ab/abc',
        UploadId: 'upload-1',
        PartNumber,
        CopySource: 'fleet/tmp/a%20b',
        CopySourceRange,
      })),
    );
    expect(sent[4].input).toEqual({
      Bucket: 'fleet',
      Key: 'sha256/ab/abc',
      UploadId: 'upload-1',
      MultipartUpload: {
        Parts: [1, 2, 3].map(PartNumber => ({
          PartNumber,
          ETag: `"etag-${PartNumber}"`,
        })),
      },
    });
  });

  it('aborts a copy in parts that failed, and reports the failure', async () => {
    const { client, sent } = recordingClient('CompleteMultipartUploadCommand');
    await expect(
      copyObject({
        ...request,
        client,
        bytes: 10,
        maxSingleCopyBytes: 4,
        partBytes: 4,
      }),
    ).rejects.toThrow('CompleteMultipartUploadCommand failed');
    expect(sent[sent.length - 1]).toEqual({
      command: 'AbortMultipartUploadCommand',
      input: { Bucket: 'fleet', Key: 'sha256/ab/abc', UploadId: 'upload-1' },
    });
  });
});
