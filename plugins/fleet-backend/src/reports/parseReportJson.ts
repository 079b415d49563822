import { InputError } from '@backstage/errors';

/**
 * Parses a status report's text. A report holds pods, whose env may carry secrets, and Node's
 * JSON errors quote the text around the fault; so the error says where, never what. A UTF-8
 * byte-order mark at the start is accepted and dropped.
 */
export function parseReportJson(text: string, what: string): unknown {
  try {
    // A byte-order mark, as editors on Windows save JSON, says nothing about the report.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new InputError(
      `${what} is not valid JSON${
        position ? ` (at character ${position})` : ''
      }; a status report is the JSON the collector script writes`,
    );
  }
}
