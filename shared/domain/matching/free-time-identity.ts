import type { VaMatchProfile } from '../va';

/*
 * Matching computes free time once per distinct zone, weekly windows and days off, since thousands of
 * VAs share a few patterns. Telling patterns apart with a number and a field-by-field check is
 * cheaper than building a string key for every VA.
 */

/** FNV-1a over a string's UTF-16 units, continuing from `hash`: a number key builds no string. */
const mix = (hash: number, text: string) => {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h;
};

/** "HH:MM" as four digits in 16 bits: cheaper than hashing its characters one by one. */
const clockCode = (t: string) =>
  ((t.charCodeAt(0) - 48) << 12) |
  ((t.charCodeAt(1) - 48) << 8) |
  ((t.charCodeAt(3) - 48) << 4) |
  (t.charCodeAt(4) - 48);

/**
 * Zone, weekly windows, days off and holiday region (all that a VA's free time depends on), hashed. Equal free time
 * gives an equal hash; the rare unequal pair with the same hash is told apart by `sameFreeTime`.
 */
export const freeTimeHash = (va: VaMatchProfile) => {
  let h = mix(2_166_136_261, va.timeZone);
  for (const w of va.weeklyAvailability) {
    h = Math.imul(h ^ (w.day.charCodeAt(0) | (w.day.charCodeAt(1) << 8)), 16_777_619);
    h = Math.imul(h ^ ((clockCode(w.start) << 16) | clockCode(w.end)), 16_777_619);
  }
  for (const t of va.timeOff) h = mix(mix(h ^ 47, t.from), t.to);
  return va.holidays ? mix(h ^ 59, va.holidays) : h;
};

/** Whether two VAs' free time is the same by construction (a hash can collide; this cannot). */
export const sameFreeTime = (a: VaMatchProfile, b: VaMatchProfile) => {
  if (a.timeZone !== b.timeZone || a.holidays !== b.holidays) return false;
  if (a.weeklyAvailability.length !== b.weeklyAvailability.length || a.timeOff.length !== b.timeOff.length)
    return false;
  for (let i = 0; i < a.weeklyAvailability.length; i++) {
    const x = a.weeklyAvailability[i];
    const y = b.weeklyAvailability[i];
    if (x?.day !== y?.day || x?.start !== y?.start || x?.end !== y?.end) return false;
  }
  for (let i = 0; i < a.timeOff.length; i++) {
    if (a.timeOff[i]?.from !== b.timeOff[i]?.from || a.timeOff[i]?.to !== b.timeOff[i]?.to) return false;
  }
  return true;
};
