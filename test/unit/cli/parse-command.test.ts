import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMail } from '../../../cli/commands/parse';
import { runCli } from '../../../cli/main';
import { CORPUS_DIR } from '../../eval/parser-corpus';

const fixture = (name: string) => readFileSync(join(CORPUS_DIR, name));

describe('cli parse', () => {
  it('reads a mail against its own Date in the given zone', async () => {
    const result = await describeMail(fixture('01-reisebuchung-hamburg.eml'), { tz: 'Europe/Berlin' });
    expect(result).toMatchObject({
      origin: { kind: 'person' },
      referenceTime: '2026-11-25T09:00:00.000Z',
      brief: {
        title: 'Reisebuchung Hamburg',
        deadline: { at: '2026-11-27T11:00:00.000Z' },
        effortMinutes: 60,
        missing: [],
      },
    });
  });

  it('takes --now and --tz: the same words mean another instant', async () => {
    const result = await describeMail(fixture('01-reisebuchung-hamburg.eml'), {
      tz: 'America/New_York',
      now: '2026-11-25T15:00:00Z',
    });
    expect(result.brief?.deadline?.at).toBe('2026-11-27T17:00:00.000Z');
  });

  it('recognises machine mail and makes no brief of it', async () => {
    const result = await describeMail(fixture('46-abwesenheitsnotiz.eml'), { tz: 'Europe/Berlin' });
    expect(result.origin).toEqual({ kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' });
    expect(result.brief).toBeUndefined();
  });

  it('rejects a bad zone or file with exit code 2, naming the option', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(
        await runCli(['parse', '--file', join(CORPUS_DIR, '01-reisebuchung-hamburg.eml'), '--tz', 'Mars']),
      ).toBe(2);
      expect(await runCli(['parse', '--file', 'no-such.eml'])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain('--tz: must be an IANA time zone');
    expect(errors.join('\n')).toContain('--file: cannot read no-such.eml');
  });
});
