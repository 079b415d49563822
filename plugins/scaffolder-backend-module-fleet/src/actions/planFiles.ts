import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { PlanFile } from '@fleetdeck/plugin-fleet-common';

/** One segment of a plan file's path: letters, digits, `.`, `_`, `-`, and never `.` or `..`. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const MAX_DEPTH = 4;
/** A plan is a handful of files per step; more, or more text, is not a plan. */
const MAX_FILES = 200;
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

/**
 * Why a plan file's path may not be written, or `undefined` when it is a plain relative path
 * (`UPGRADE.md`, `values/0.42.0.yaml`): no absolute path, no `..`, no backslash, no hidden or
 * empty segment, at most four deep.
 */
export function describeUnsafePlanPath(file: string): string | undefined {
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.includes('\\')) {
    return 'is not a relative path';
  }
  const segments = file.split('/');
  if (segments.some(s => s === '..' || s === '.')) {
    return 'leaves its folder (".." or ".")';
  }
  if (segments.length > MAX_DEPTH) {
    return `is more than ${MAX_DEPTH} folders deep`;
  }
  if (!segments.every(s => SAFE_SEGMENT.test(s))) {
    return 'has a name other than letters, digits, ".", "_" and "-"';
  }
  return undefined;
}

/**
 * Checks every path first and writes nothing when one is unsafe; then writes the files under
 * `<workspace>/<targetPath>` with their mode (scripts executable). Returns the paths written,
 * relative to the workspace.
 */
export async function writePlanFiles(
  workspacePath: string,
  targetPath: string,
  files: PlanFile[],
): Promise<string[]> {
  const bytes = files.reduce(
    (sum, f) => sum + Buffer.byteLength(f.content, 'utf8'),
    0,
  );
  if (files.length > MAX_FILES || bytes > MAX_TOTAL_BYTES) {
    throw new InputError(
      `The upgrade plan holds ${files.length} files of ${bytes} bytes, more than a plan can (${MAX_FILES} files, ${MAX_TOTAL_BYTES} bytes); nothing was written`,
    );
  }
  const seen = new Set<string>();
  const problems = files.flatMap(f => {
    const problem =
      describeUnsafePlanPath(f.path) ??
      (seen.has(f.path) ? 'comes twice' : undefined);
    seen.add(f.path);
    return problem
      ? [`${JSON.stringify(f.path.slice(0, 200))} ${problem}`]
      : [];
  });
  if (problems.length > 0) {
    throw new InputError(
      `The upgrade plan holds files that cannot be written safely, so none was: ${problems.join(
        '; ',
      )}`,
    );
  }
  const targets = files.map(f => ({
    file: f,
    absolute: resolveSafeChildPath(
      workspacePath,
      path.join(targetPath, f.path),
    ),
  }));
  const written: string[] = [];
  for (const { file, absolute } of targets) {
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    // Only permission bits: no setuid, setgid or sticky bit from the network.
    const mode = (file.mode ?? 0o644) & 0o777;
    await fs.writeFile(absolute, file.content, { encoding: 'utf8', mode });
    await fs.chmod(absolute, mode);
    written.push(path.relative(workspacePath, absolute));
  }
  return written;
}
