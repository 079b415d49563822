import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JournalLineValidator } from './JournalLineValidator';

/** Runs the validator over the content cut into chunks of `size` bytes. */
async function validate(content: string | Buffer, size = 7, maxLineBytes = 64) {
  const data = Buffer.from(content);
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) {
    chunks.push(data.subarray(i, i + size));
  }
  const validator = new JournalLineValidator({ maxLineBytes });
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    validator,
    new Writable({
      write(chunk, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  expect(Buffer.concat(out)).toEqual(data);
  return validator.summary;
}

const line = (n: number) => `{"d":"record ${n}","s":"sig${n}"}\n`;

describe('JournalLineValidator', () => {
  it.each([1, 3, 7, 1024])(
    'passes a journal through unchanged and counts it, in chunks of %i bytes',
    async size => {
      const content = line(1) + line(2) + line(3);
      expect(await validate(content, size)).toEqual({
        bytes: Buffer.byteLength(content),
        lines: 3,
        warnings: [],
      });
    },
  );

  it('warns about a journal holding only its initialisation line', async () => {
    expect(await validate(line(0))).toEqual({
      bytes: line(0).length,
      lines: 1,
      warnings: ['billing-inactive'],
    });
  });

  it('refuses an empty journal, and one of blank lines only', async () => {
    await expect(validate('')).rejects.toThrow(
      /^The journal is empty: the billing container may not be running/,
    );
    await expect(validate('\n \r\n')).rejects.toThrow(
      /^The journal holds no JSON line, only blank lines/,
    );
  });

  it('names the first line that is not a JSON object', async () => {
    await expect(validate(`${line(1)}\n${line(2)}{"d":\n`, 5)).rejects.toThrow(
      /^Line 4 is not JSON \(/,
    );
    await expect(validate(`${line(1)}"text"\n`)).rejects.toThrow(
      /^Line 2 is JSON but not an object/,
    );
    await expect(validate(`${line(1)}\u0000\u0000\n`)).rejects.toThrow(
      /^Line 2 is not JSON \(Unexpected token '\\u0000'/,
    );
  });

  it('explains a last line cut short, and accepts a whole one without newline', async () => {
    await expect(validate(`${line(1)}{"d":"x","s`)).rejects.toThrow(
      /^Line 2, the last one, is not JSON and does not end with a newline/,
    );
    expect((await validate(`${line(1)}${line(2).trimEnd()}`)).lines).toBe(2);
  });

  it('refuses a line longer than the limit without holding more of it', async () => {
    const long = `{"d":"${'x'.repeat(100)}"}\n`;
    await expect(validate(`${line(1)}${long}`, 3, 64)).rejects.toThrow(
      /^Line 2 is longer than 64 bytes \(fleet.journals.maxLineBytes\)/,
    );
    await expect(validate(`${line(1)}${long}`, 4096, 64)).rejects.toThrow(
      /^Line 2 is longer than 64 bytes/,
    );
    // A line with no end at all.
    await expect(validate('x'.repeat(1000), 10, 64)).rejects.toThrow(
      /^Line 1 is longer than 64 bytes/,
    );
  });

  it('prefixes messages with the name of what it reads', async () => {
    const validator = new JournalLineValidator({
      maxLineBytes: 64,
      name: 'journal-deepgram-billing-1/journal',
    });
    await expect(
      pipeline(Readable.from([Buffer.from('x\n')]), validator),
    ).rejects.toThrow(
      /^journal-deepgram-billing-1\/journal: line 1 is not JSON/,
    );
  });
});
