import * as z from 'zod';

/** The work VAs do, as agencies sell it. Keep the order: it is the order of every list people see. */
export const SKILLS = [
  'correspondence',
  'scheduling',
  'travel',
  'events',
  'research',
  'presentations',
  'copywriting',
  'social-media',
  'marketing',
  'bookkeeping',
  'data-entry',
  'web',
  'customer-support',
  'lead-generation',
  'file-management',
] as const;

export const SkillSchema = z.enum(SKILLS, { message: `must be one of: ${SKILLS.join(', ')}` });
export type Skill = z.infer<typeof SkillSchema>;

export const SKILL_LABELS: Record<Skill, { de: string; en: string }> = {
  correspondence: { de: 'Korrespondenz', en: 'Correspondence' },
  scheduling: { de: 'Terminplanung', en: 'Scheduling' },
  travel: { de: 'Reiseplanung', en: 'Travel planning' },
  events: { de: 'Eventplanung', en: 'Event planning' },
  research: { de: 'Recherche', en: 'Research' },
  presentations: { de: 'Präsentationen', en: 'Presentations' },
  copywriting: { de: 'Texte', en: 'Copywriting' },
  'social-media': { de: 'Social Media', en: 'Social media' },
  marketing: { de: 'Marketing', en: 'Marketing' },
  bookkeeping: { de: 'Buchhaltung', en: 'Bookkeeping' },
  'data-entry': { de: 'Datenerfassung', en: 'Data entry' },
  web: { de: 'Website-Pflege', en: 'Website upkeep' },
  'customer-support': { de: 'Kundenservice', en: 'Customer support' },
  'lead-generation': { de: 'Leadgenerierung', en: 'Lead generation' },
  'file-management': { de: 'Ablage & Dateien', en: 'Filing & documents' },
};
