import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';

/**
 * The generated files of a deployment as one `.tar.gz` holding `<deployment>/<file>`. The
 * files are written to a temporary folder for `tar` and removed once the archive is read.
 */
export async function createArtifactArchive(
  folderName: string,
  artifacts: Array<{ name: string; content: string }>,
): Promise<Buffer> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-artifacts-'));
  try {
    await fs.mkdir(path.join(root, folderName));
    for (const artifact of artifacts) {
      await fs.writeFile(
        path.join(root, folderName, artifact.name),
        artifact.content,
        { mode: artifact.name.endsWith('.sh') ? 0o755 : 0o644 },
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of tar.create(
      { gzip: true, cwd: root, portable: true },
      [folderName],
    ) as unknown as AsyncIterable<Buffer>) {
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
