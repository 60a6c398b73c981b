import type { AttentionReason } from '../domain/attention';
import { CLIENT_ANSWER_DAYS } from '../domain/attention';
import type { Language } from '../domain/common';
import { type Agency, type RenderedMail, render } from './compose';
import { formatDateTime } from './format';

export interface DigestItem {
  task: { id: string; title: string };
  clientName: string;
  reason: AttentionReason;
  since: string;
}

const WHY: Record<Language, Record<AttentionReason, string>> = {
  de: {
    unassigned: 'niemand hat ihn übernommen, seit',
    overdue: 'Frist vorbei seit',
    'waiting-for-client': `Kunde antwortet nicht (${CLIENT_ANSWER_DAYS}+ Tage), gefragt am`,
  },
  en: {
    unassigned: 'nobody took it, since',
    overdue: 'deadline passed on',
    'waiting-for-client': `client silent (${CLIENT_ANSWER_DAYS}+ days), asked on`,
  },
};

/** The operator's morning list of open tasks that need them, most pressing first. */
export const operatorDigestMail = (m: {
  language: Language;
  agency: Agency;
  timeZone: string;
  items: readonly DigestItem[];
}): RenderedMail => {
  const de = m.language === 'de';
  const count = m.items.length;
  return render(
    m.language,
    m.agency,
    de
      ? `${count} ${count === 1 ? 'Auftrag braucht' : 'Aufträge brauchen'} Sie heute`
      : `${count} ${count === 1 ? 'task needs' : 'tasks need'} you today`,
    de ? 'Guten Morgen,' : 'Good morning,',
    de
      ? 'diese offenen Aufträge kommen ohne Sie nicht weiter:'
      : 'these open tasks will not move on without you:',
    m.items.map((item) => [
      `[${item.task.id}] ${item.task.title} (${item.clientName})`,
      `${WHY[m.language][item.reason]} ${formatDateTime(item.since, m.language, m.timeZone)}`,
    ]),
    de
      ? 'Einzelheiten und was zu tun ist: npm run cli -- task attention'
      : 'Details and what to do: npm run cli -- task attention',
  );
};
