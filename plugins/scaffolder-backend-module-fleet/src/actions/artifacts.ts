import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';

/** The files the onboarding actions write, by the action that writes them. */
export const ARTIFACT_FILES = {
  values: 'values.yaml',
  backupCronJobs: 'backup-cronjobs.yaml',
  runbook: 'RUNBOOK.md',
  collectStatus: 'collect-status.sh',
} as const;

/** A generated file: its name and its text. */
export type Artifact = { name: string; content: string };

/** Writes files under `<workspace>/<targetPath>`, refusing paths that leave the workspace. */
export async function writeArtifacts(
  workspacePath: string,
  targetPath: string,
  artifacts: Artifact[],
): Promise<string[]> {
  const written: string[] = [];
  for (const artifact of artifacts) {
    const file = resolveSafeChildPath(
      workspacePath,
      path.join(targetPath, artifact.name),
    );
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, artifact.content, {
      encoding: 'utf8',
      mode: artifact.name.endsWith('.sh') ? 0o755 : 0o644,
    });
    written.push(path.relative(workspacePath, file));
  }
  return written;
}

/** Reads back the artifacts that the render actions wrote; a missing one is skipped. */
export async function readArtifacts(
  workspacePath: string,
  targetPath: string,
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const name of Object.values(ARTIFACT_FILES)) {
    const file = resolveSafeChildPath(
      workspacePath,
      path.join(targetPath, name),
    );
    try {
      artifacts.push({ name, content: await fs.readFile(file, 'utf8') });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
  return artifacts;
}
