import fc from 'fast-check';

/**
 * Raw mails as broken or hostile as the internet sends them: cut or missing MIME boundaries, wrong
 * and unknown charsets, giant and injected headers, HTML with scripts, zero-width and right-to-left
 * characters, empty and large bodies, binary junk. Each is a Buffer, like bytes off the wire.
 */
const tricky = fc.constantFrom(
  '\u200b\u200c\u200d\ufeff',
  '\u202e\u202d\u2066\u2069',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\r\nBcc: victim@example.com',
  '\nX-Injected: yes',
  '=?UTF-8?B?invalid base64?=',
  '=?x-unknown?Q?=E4?=',
  '🙏👍🏽🇩🇪',
  '\u0000\u0001\u0007',
  'bis Freitag 12 Uhr',
  'KW 99',
  '31.02.',
  '99.99.9999',
  'ca. 9999999 Stunden',
  '[VA-0000000]',
  '--',
);

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join(' ')),
);

/** Large values from a small generated seed: generating 300,000 arbitrary characters one by one is slow. */
const huge = (minLength: number, maxLength: number) =>
  fc
    .tuple(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      fc.integer({ min: minLength, max: maxLength }),
    )
    .map(([seed, length]) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));

const headerValue = fc.oneof(text, fc.constant(''), huge(5_000, 20_000));

const charset = fc.constantFrom('utf-8', 'iso-8859-1', 'windows-1252', 'koi8-r', 'x-made-up', '');
const encoding = fc.constantFrom('7bit', '8bit', 'quoted-printable', 'base64', 'x-unknown', '');

const singlePart = fc
  .record({ charset, encoding, body: text, html: fc.boolean() })
  .map(({ charset: cs, encoding: enc, body, html }) =>
    [
      `Content-Type: text/${html ? 'html' : 'plain'}${cs ? `; charset=${cs}` : ''}`,
      enc ? `Content-Transfer-Encoding: ${enc}` : '',
      '',
      html ? `<html><body><script>steal()</script><p>${body}</p></body></html>` : body,
    ].join('\r\n'),
  );

const multipart = fc
  .record({
    boundary: fc.constantFrom('b1', '', '"quoted boundary"', 'x'.repeat(200)),
    parts: fc.array(singlePart, { maxLength: 4 }),
    closed: fc.boolean(),
    nested: fc.boolean(),
  })
  .map(({ boundary, parts, closed, nested }) => {
    const b = boundary.replaceAll('"', '');
    const inner = parts.map((p) => `--${b}\r\n${p}`).join('\r\n');
    const body = `Content-Type: multipart/${nested ? 'mixed' : 'alternative'}; boundary=${boundary}\r\n\r\n${inner}${closed ? `\r\n--${b}--` : ''}`;
    return nested
      ? body.replace(`--${b}\r\n`, `--${b}\r\nContent-Type: multipart/mixed; boundary=${b}\r\n\r\n--${b}\r\n`)
      : body;
  });

/**
 * Senders the fuzz test knows: a client and the VA who works on the client's task `FUZZ_TASK_ID`.
 * Addresses of their own: the local SES is shared by every test file, and the corpus test counts
 * what its clients were sent.
 */
export const FUZZ_CLIENT = 'kundin@fuzz-kunde.example';
export const FUZZ_VA = 'lena@fuzz-va.example';
export const FUZZ_TASK_ID = 'VA-FZZ001';

export const hostileMail = fc
  .record({
    from: fc.oneof(fc.constant(FUZZ_CLIENT), fc.constant(FUZZ_VA), fc.emailAddress(), text, fc.constant('')),
    // Some answer the task, so the conversation between client and VA gets hostile mail too.
    subject: fc.oneof(
      headerValue,
      headerValue.map((v) => `Re: [${FUZZ_TASK_ID}] ${v}`),
    ),
    extraHeaders: fc.array(
      fc.tuple(
        fc.constantFrom(
          'X-A',
          'Auto-Submitted',
          'Precedence',
          'In-Reply-To',
          'References',
          'Date',
          'Message-ID',
          'Return-Path',
          'List-Id',
        ),
        headerValue,
      ),
      {
        maxLength: 5,
      },
    ),
    content: fc.oneof(singlePart, multipart, fc.constant(''), huge(100_000, 300_000)),
    junkPrefix: fc.oneof(
      fc.constant(''),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
    ),
  })
  .map(({ from, subject, extraHeaders, content, junkPrefix }) =>
    Buffer.from(
      `${junkPrefix}From: ${from}\r\nTo: auftrag@agency.example\r\nSubject: ${subject}\r\n${extraHeaders
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\nMIME-Version: 1.0\r\n${content}`,
      'utf8',
    ),
  );
