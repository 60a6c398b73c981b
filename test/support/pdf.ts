import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const pdfFile = (base64: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'va-pdf-')), 'document.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
};

/** The text of a PDF (a mail attachment's base64), as pdftotext lays it out. */
export const pdfText = (base64: string, options: { layout?: boolean } = { layout: true }) =>
  execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), pdfFile(base64), '-'], {
    encoding: 'utf8',
  });

/**
 * What the QR code on a PDF's first page says, read as a phone would read a printout: the page
 * rendered at 150 dpi by pdftoppm, the code found and decoded by jsQR. Undefined when there is none.
 */
export const pdfQrText = (base64: string): string | undefined => {
  const file = pdfFile(base64);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', '-f', '1', file, file.replace(/\.pdf$/, '')]);
  const png = PNG.sync.read(readFileSync(file.replace(/\.pdf$/, '.png')));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
};
