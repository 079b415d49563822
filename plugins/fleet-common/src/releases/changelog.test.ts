import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { readChangelog, releaseNotesBetween } from './changelog';
import { readReleaseIndex } from './readReleaseIndex';

const examples = path.resolve(__dirname, '../__fixtures__/releases');
const exampleChangelog = fs.readFileSync(
  path.join(examples, 'CHANGELOG.md'),
  'utf8',
);

const changelog = [
  '# Changelog',
  '',
  '## Unreleased',
  '',
  '- not yet',
  '',
  '## [0.42.0] - 2026-08-12',
  '',
  '### Added',
  '',
  '- Flux TTS',
  '',
  '## [0.41.1] - 2026-07-29',
  '',
  '- the fix',
  '',
  '## [0.41.0]',
  '',
  '## 0.2.0-beta - 2024-05-01',
  '',
  '- replicas moved',
].join('\n');

describe('readChangelog', () => {
  it('reads each release section with its date, and skips Unreleased', () => {
    expect(readChangelog(changelog)).toEqual([
      {
        version: '0.42.0',
        date: '2026-08-12',
        body: '### Added\n\n- Flux TTS',
      },
      { version: '0.41.1', date: '2026-07-29', body: '- the fix' },
      { version: '0.41.0', body: '' },
      { version: '0.2.0-beta', date: '2024-05-01', body: '- replicas moved' },
    ]);
  });

  it('has one section for every release of the example index', () => {
    const index = readReleaseIndex(
      parse(fs.readFileSync(path.join(examples, 'index.yaml'), 'utf8')),
    );
    expect(readChangelog(exampleChangelog).map(e => e.version)).toEqual(
      index['deepgram-self-hosted'].map(release => release.version),
    );
  });
});

describe('releaseNotesBetween', () => {
  it.each([
    ['0.41.0', '0.42.0', ['0.42.0', '0.41.1']],
    ['0.2.0-beta', '0.41.1', ['0.41.1', '0.41.0']],
    ['0.1.0', '0.2.0-beta', ['0.2.0-beta']],
  ])(
    'from %s to %s holds the sections of %j, newest first',
    (from, to, versions) => {
      const notes = releaseNotesBetween(changelog, from, to);
      expect(notes.startsWith(`# Release notes: ${from} → ${to}\n`)).toBe(true);
      expect([...notes.matchAll(/^## (\S+)/gm)].map(match => match[1])).toEqual(
        versions,
      );
    },
  );

  it('keeps the sections’ text', () => {
    expect(releaseNotesBetween(changelog, '0.41.1', '0.42.0')).toBe(
      '# Release notes: 0.41.1 → 0.42.0\n\n## 0.42.0 (2026-08-12)\n\n### Added\n\n- Flux TTS\n',
    );
  });

  it('says so when no release lies between the two', () => {
    expect(releaseNotesBetween(changelog, '0.42.0', '0.42.0')).toBe(
      '# Release notes: 0.42.0 → 0.42.0\n\nThe CHANGELOG has no section for a release after 0.42.0 up to 0.42.0.\n',
    );
  });

  it('gives the example notes of an upgrade through the known-bad releases', () => {
    const notes = releaseNotesBetween(exampleChangelog, '0.40.1', '0.41.1');
    expect(notes).toContain('## 0.41.1 (2026-07-29)');
    expect(notes).toContain('## 0.40.2 (2026-07-21)');
    expect(notes).not.toContain('## 0.40.1');
  });
});
