import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The text of a PDF (a mail attachment's base64), as pdftotext lays it out. */
export const pdfText = (base64: string, options: { layout?: boolean } = { layout: true }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'va-pdf-')), 'document.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
};
