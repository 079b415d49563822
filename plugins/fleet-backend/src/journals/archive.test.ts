import { captureTimeFromName, classifyEntry } from './archive';

describe('classifyEntry', () => {
  it('maps the layouts of per-pod and shared volumes', () => {
    expect(classifyEntry('File', './journal')).toEqual({
      kind: 'journal',
      path: 'journal',
    });
    expect(
      classifyEntry('File', './journal-deepgram-billing-1/journal'),
    ).toEqual({
      kind: 'journal',
      path: 'journal-deepgram-billing-1/journal',
      pod: 'deepgram-billing-1',
    });
    expect(classifyEntry('File', 'deepgram-billing-2/journal')).toEqual({
      kind: 'journal',
      path: 'deepgram-billing-2/journal',
      pod: 'deepgram-billing-2',
    });
    expect(classifyEntry('Directory', './')).toEqual({ kind: 'directory' });
    expect(classifyEntry('Directory', './lost+found/')).toEqual({
      kind: 'directory',
    });
  });

  it.each([
    ['File', '/journal', /absolute path/],
    ['File', 'C:\\journal', /absolute path/],
    ['File', './a/../journal', /`\.\.`/],
    ['Directory', '../', /`\.\.`/],
    ['SymbolicLink', 'journal', /symbolic link/],
    ['Link', 'journal', /hard link/],
    ['CharacterDevice', 'journal', /character device/],
    ['BlockDevice', 'journal', /block device/],
    ['FIFO', 'journal', /FIFO/],
    ['GNUDumpDir', 'journal', /of type GNUDumpDir/],
    ['File', 'journal.lock', /not a billing journal/],
    ['File', 'a/b/journal', /not a billing journal/],
  ])('refuses %s %s', (type, entryPath, reason) => {
    const kind = classifyEntry(type, entryPath);
    expect(kind.kind).toBe('refused');
    expect(kind.kind === 'refused' && kind.reason).toMatch(reason);
  });
});

describe('captureTimeFromName', () => {
  it('reads the UTC time the backup CronJob puts in its archive names', () => {
    expect(captureTimeFromName('journal-20261120-020000.tar.gz')).toEqual(
      new Date('2026-11-20T02:00:00Z'),
    );
    expect(
      captureTimeFromName('s3/acme/journal-20260229-235959.tgz'),
    ).toBeUndefined();
    expect(captureTimeFromName('journal-20280229-235959.tgz')).toEqual(
      new Date('2028-02-29T23:59:59Z'),
    );
    expect(
      captureTimeFromName('journal-20261320-020000.tar.gz'),
    ).toBeUndefined();
    expect(
      captureTimeFromName('journal-20261120-250000.tar.gz'),
    ).toBeUndefined();
    expect(captureTimeFromName('billing_journal_20261120.db')).toBeUndefined();
    expect(captureTimeFromName(undefined)).toBeUndefined();
  });
});
