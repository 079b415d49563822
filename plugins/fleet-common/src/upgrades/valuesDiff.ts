// A unified-style diff of two values documents, for the plan's UPGRADE.md: the changed lines
// with two lines of context, `@@` between distant changes. Values files are a few hundred
// lines, so a plain longest-common-subsequence table is fast enough. The Upgrade tab shows the
// same diff.

const CONTEXT = 2;

type Line = { mark: ' ' | '-' | '+'; text: string };

function diffLines(before: string[], after: string[]): Line[] {
  const rows = before.length;
  const cols = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..]
  const lcs = Array.from({ length: rows + 1 }, () =>
    new Array<number>(cols + 1).fill(0),
  );
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      lcs[i][j] =
        before[i] === after[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && before[i] === after[j]) {
      lines.push({ mark: ' ', text: before[i] });
      i++;
      j++;
    } else if (i < rows && (j === cols || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push({ mark: '-', text: before[i] });
      i++;
    } else {
      lines.push({ mark: '+', text: after[j] });
      j++;
    }
  }
  return lines;
}

/**
 * The diff from one values document to another under `--- a` / `+++ b` headers, the changed
 * lines with two lines of context; empty when they are equal. `UPGRADE.md` and the Upgrade tab
 * show each step's values change this way.
 *
 * @public
 */
export function unifiedValuesDiff(options: {
  before: string;
  after: string;
  beforeName: string;
  afterName: string;
}): string {
  const { before, after, beforeName, afterName } = options;
  if (before === after) {
    return '';
  }
  const split = (text: string) => text.replace(/\n$/, '').split('\n');
  const lines = diffLines(split(before), split(after));
  const near = lines.map((_, index) =>
    lines
      .slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1)
      .some(line => line.mark !== ' '),
  );
  const out = [`--- ${beforeName}`, `+++ ${afterName}`];
  let gap = true;
  lines.forEach((line, index) => {
    if (!near[index]) {
      gap = true;
      return;
    }
    if (gap) {
      out.push('@@');
      gap = false;
    }
    out.push(`${line.mark}${line.text}`);
  });
  return out.join('\n');
}
