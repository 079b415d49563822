/** What each generated file is for, in the words of the runbook. */
const PURPOSES: Record<string, string> = {
  'values.yaml':
    'Helm values for the chart (the Secrets to create are listed at its top)',
  'backup-cronjobs.yaml': 'CronJobs that back up the billing journals',
  'RUNBOOK.md': 'Install, journal retrieval and what to send back',
  'collect-status.sh': 'Status report collector (kubectl only)',
};

/** A file's purpose, or nothing for a file this version does not know. */
export function describeArtifact(name: string): string {
  return PURPOSES[name] ?? '';
}

/** `812 B`, `3.4 KiB`. */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
