import { compareChartVersions, normalizeVersion } from './chartVersion';

/**
 * One release's section of a CHANGELOG (`## [0.42.0] - 2026-08-12`).
 *
 * @public
 */
export interface ChangelogEntry {
  version: string;
  /** The date of the heading, `YYYY-MM-DD`, when it has one. */
  date?: string;
  /** The section's markdown below its heading, trimmed. */
  body: string;
}

/** `## [0.42.0] - 2026-08-12`, `## [0.2.0-beta]`, `## 0.1.0`; `## Unreleased` is no release. */
const HEADING =
  /^##\s+\[?v?([0-9][0-9A-Za-z.+-]*)\]?(?:\s*[-–]\s*(\d{4}-\d{2}-\d{2}))?\s*$/;

/**
 * The release sections of a Keep-a-Changelog style text, in the order they appear. Sections
 * whose heading is not a version (`## Unreleased`) are left out.
 *
 * @public
 */
export function readChangelog(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let current: { entry: ChangelogEntry; lines: string[] } | undefined;
  const close = () => {
    if (current) {
      current.entry.body = current.lines.join('\n').trim();
      entries.push(current.entry);
    }
    current = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^##\s/.test(line)) {
      close();
      const match = HEADING.exec(line);
      if (match && normalizeVersion(match[1])) {
        const entry: ChangelogEntry = { version: match[1], body: '' };
        if (match[2]) {
          entry.date = match[2];
        }
        current = { entry, lines: [] };
      }
    } else if (/^#\s/.test(line)) {
      close();
    } else if (current) {
      current.lines.push(line);
    }
  }
  close();
  return entries;
}

/**
 * The release notes of an upgrade from `from` to `to`: the CHANGELOG's sections of the
 * releases after `from` up to and including `to`, newest first, as markdown with one
 * `## <version>` heading each. Says so in words when the CHANGELOG has none of them.
 *
 * @public
 */
export function releaseNotesBetween(
  changelog: string,
  from: string,
  to: string,
): string {
  const sections = readChangelog(changelog)
    .filter(
      entry =>
        compareChartVersions(entry.version, from) > 0 &&
        compareChartVersions(entry.version, to) <= 0,
    )
    .sort((a, b) => compareChartVersions(b.version, a.version));
  const title = `# Release notes: ${from} → ${to}`;
  if (!sections.length) {
    return `${title}\n\nThe CHANGELOG has no section for a release after ${from} up to ${to}.\n`;
  }
  return `${[
    title,
    ...sections.map(
      entry =>
        `## ${entry.version}${entry.date ? ` (${entry.date})` : ''}\n\n${
          entry.body || '(no notes)'
        }`,
    ),
  ].join('\n\n')}\n`;
}
