import { describe, expect, it } from 'vitest';
import { ClientSchema, type VatMode } from '../../../shared/domain/client';
import { TimeZoneSchema } from '../../../shared/domain/common';
import { SKILLS } from '../../../shared/domain/skills';
import { VaSchema, weeklyMinutes } from '../../../shared/domain/va';
import { parseOrThrow } from '../../../shared/domain/validation';
import { ValidationError } from '../../../shared/errors';
import { aClient, anAddressFor, aVa } from '../../support/builders';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('VA schema', () => {
  it('applies defaults for language, time off, capacity and active', () => {
    const va = aVa();
    expect(va).toMatchObject({ language: 'de', timeOff: [], maxOpenTasks: 5, active: true, version: 0 });
  });

  it.each([
    ['level out of range', { skills: [{ skill: 'travel', level: 6 }] }, 'skills.0.level'],
    ['unknown skill', { skills: [{ skill: 'cooking', level: 3 }] }, 'skills.0.skill'],
    [
      'skill twice',
      {
        skills: [
          { skill: 'travel', level: 3 },
          { skill: 'travel', level: 4 },
        ],
      },
      'skills',
    ],
    ['no languages', { languages: [] }, 'languages'],
    ['language twice', { languages: ['de', 'de'] }, 'languages'],
    ['bad time zone', { timeZone: 'Berlin' }, 'timeZone'],
    [
      'window ends before start',
      { weeklyAvailability: [{ day: 'mon', start: '13:00', end: '09:00' }] },
      'weeklyAvailability.0.end',
    ],
    [
      'bad clock time',
      { weeklyAvailability: [{ day: 'mon', start: '9:00', end: '13:00' }] },
      'weeklyAvailability.0.start',
    ],
    ['time off backwards', { timeOff: [{ from: '2026-12-24', to: '2026-12-20' }] }, 'timeOff.0.to'],
    ['payout in float euros', { payoutRateCents: 25.5 }, 'payoutRateCents'],
  ])('rejects %s and names %s', (_label, change, path) => {
    const input = { ...aVa(), ...change };
    const issues = issuesOf(() => parseOrThrow(VaSchema, input, 'VA'));
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('bounds skills x languages so roster writes stay in one transaction', () => {
    const skills = SKILLS.slice(0, 10).map((skill) => ({ skill, level: 3 }));
    const issues = issuesOf(() =>
      parseOrThrow(VaSchema, { ...aVa(), skills, languages: ['de', 'en', 'fr', 'es', 'it'] }, 'VA'),
    );
    expect(issues[0]?.message).toMatch(/must not exceed 45/);
  });

  it('sums weekly minutes', () => {
    expect(
      weeklyMinutes([
        { day: 'mon', start: '09:00', end: '13:00' },
        { day: 'tue', start: '14:30', end: '24:00' },
      ]),
    ).toBe(240 + 570);
  });
});

describe('Client schema', () => {
  it('needs a VAT ID for reverse charge', () => {
    const issues = issuesOf(() =>
      parseOrThrow(ClientSchema, { ...aClient(), vatMode: 'reverse-charge' }, 'client'),
    );
    expect(issues).toEqual([{ path: 'vatId', message: 'reverse charge needs the client’s VAT ID' }]);
  });

  it('takes the VAT mode that fits where the client is, and says which one fits when it does not', () => {
    const withMode = (vatMode: VatMode, country?: string) => () =>
      parseOrThrow(
        ClientSchema,
        {
          ...aClient(),
          vatMode,
          vatId: 'XX123456',
          ...(country ? { address: { ...anAddressFor('standard'), country } } : {}),
        },
        'client',
      );
    expect(withMode('third-country', 'CH')().vatMode).toBe('third-country');
    expect(withMode('reverse-charge', 'AT')().vatMode).toBe('reverse-charge');
    expect(issuesOf(withMode('third-country', 'AT'))).toEqual([
      { path: 'vatMode', message: 'AT is in the EU: use reverse-charge (or standard for Germany)' },
    ]);
    expect(issuesOf(withMode('third-country'))).toEqual([
      { path: 'vatMode', message: 'a third-country client needs its address (the country decides)' },
    ]);
    expect(issuesOf(withMode('reverse-charge', 'GB'))).toEqual([
      { path: 'vatMode', message: 'reverse charge is for EU clients; a client in GB is third-country' },
    ]);
    expect(issuesOf(withMode('reverse-charge', 'DE'))).toEqual([
      { path: 'vatMode', message: 'reverse charge is for clients in another EU country, not in Germany' },
    ]);
    // Erased, a client keeps its VAT mode for corrections but not the address that chose it.
    expect(
      ClientSchema.parse({ ...aClient(), vatMode: 'third-country', erasedAt: '2026-12-02T10:00:00.000Z' })
        .vatMode,
    ).toBe('third-country');
  });

  it('names the plan field that is wrong', () => {
    const issues = issuesOf(() =>
      parseOrThrow(
        ClientSchema,
        {
          ...aClient(),
          plan: { kind: 'package', monthlyFeeCents: 900, includedMinutes: 0, overageRateCents: 1 },
        },
        'client',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['plan.includedMinutes']);
  });

  it('defaults to German, Berlin time, 15-minute increments and standard VAT', () => {
    expect(aClient()).toMatchObject({
      language: 'de',
      timeZone: 'Europe/Berlin',
      billingIncrementMinutes: 15,
      vatMode: 'standard',
    });
  });
});

describe('time zone schema', () => {
  it('takes IANA zones and UTC, also when it has seen them before, and nothing else', () => {
    for (let round = 0; round < 2; round++) {
      for (const zone of ['Europe/Berlin', 'Asia/Manila', 'UTC'])
        expect(TimeZoneSchema.safeParse(zone).success).toBe(true);
      for (const zone of ['Mars/Olympus_Mons', 'EST', 'CET', '', 'Europe/Berlin\n'])
        expect(TimeZoneSchema.safeParse(zone).success).toBe(false);
    }
  });
});
