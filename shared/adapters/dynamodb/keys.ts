import type { TaskStatus } from '../../domain/task';

/**
 * Every key of the single table is built here and nowhere else.
 *
 * | entity            | PK                          | SK                     | GSI1PK / GSI1SK               | GSI2PK / GSI2SK            |
 * |-------------------|-----------------------------|------------------------|-------------------------------|----------------------------|
 * | client            | CLIENT#<id>                 | PROFILE                | CLIENTS / <id>                |                            |
 * | sender address    | SENDER#<address>            | SENDER                 |                               |                            |
 * | VA                | VA#<id>                     | PROFILE                | VAS / <id>                    |                            |
 * | VA email address  | VAEMAIL#<address>           | VAEMAIL                |                               |                            |
 * | skill membership  | SKILL#<skill>#<lang>        | L<level>#<vaId>        |                               |                            |
 * | task              | TASK#<id>                   | TASK                   | CLIENT#<id>#TASKS / <at>#<id> | STATUS#<s> / <at>#<id>     |
 * | offer             | TASK#<taskId>               | OFFER#<vaId>           |                               |                            |
 * | link token        | LINK#<sha256>               | LINK                   |                               |                            |
 * | intake record     | DEDUPE#<key>                | DEDUPE                 |                               |                            |
 * | task message      | TASK#<taskId>               | MSG#<at>#<id>          |                               |                            |
 * | thread link       | MSGID#<sha256(message-id)>  | MSGID                  |                               |                            |
 * | outbox entry      | OUTBOX#<ref>                | OUTBOX                 |                               |                            |
 * | rate counter      | RATE#<subject>              | <window>#<start>       |                               |                            |
 * | once-a-day mark   | DAILY#<subject>             | <kind>#<yyyy-mm-dd>    |                               |                            |
 * | form link token   | FORMTOKEN#<sha256>          | FORMTOKEN              |                               |                            |
 * | VA page token     | VAPAGE#<sha256>             | VAPAGE                 |                               |                            |
 * | form submission   | SUBMISSION#<id>             | SUBMISSION             |                               |                            |
 * | VA stats          | VA#<id>                     | STATS                  |                               |                            |
 * | settlement        | TASK#<taskId>               | SETTLEMENT             |                               |                            |
 * | adjustment        | TASK#<taskId>               | ADJ#<nnnn>             |                               |                            |
 * | ledger posting    | LEDGER#<account>#<yyyy-mm>  | <ref>#<n>              |                               |                            |
 * | package usage     | CLIENT#<id>                 | USAGE#<yyyy-mm>        |                               |                            |
 * | ledger revision   | CLIENT#<id>                 | REVISION#<yyyy-mm>     |                               |                            |
 * | invoice counter   | COUNTER#invoice#<yyyy>      | COUNTER                |                               |                            |
 * | statement         | STATEMENT#<clientId>        | <yyyy-mm>              | INVOICES / <number>           |                            |
 * | payout transfers  | PAYOUT#<vaId>               | <yyyy-mm>              |                               |                            |
 */
export type TableKey = { PK: string; SK: string };

const PROFILE = 'PROFILE';

export const clientKey = (clientId: string): TableKey => ({ PK: `CLIENT#${clientId}`, SK: PROFILE });
export const clientListKeys = (clientId: string) => ({ GSI1PK: 'CLIENTS', GSI1SK: clientId });
export const CLIENT_LIST_PARTITION = 'CLIENTS';

/** Sender items make an address belong to exactly one client (a conditional put guards it). */
export const senderKey = (normalizedAddress: string): TableKey => ({
  PK: `SENDER#${normalizedAddress}`,
  SK: 'SENDER',
});

export const vaKey = (vaId: string): TableKey => ({ PK: `VA#${vaId}`, SK: PROFILE });
export const vaListKeys = (vaId: string) => ({ GSI1PK: 'VAS', GSI1SK: vaId });
export const VA_LIST_PARTITION = 'VAS';
/** Makes an email address belong to one VA, and lets replies from VAs be recognised. */
export const vaEmailKey = (normalizedAddress: string): TableKey => ({
  PK: `VAEMAIL#${normalizedAddress}`,
  SK: 'VAEMAIL',
});

/**
 * The skill index: one item per active VA, skill and spoken language, carrying the VA's matching
 * profile. A task needs one language, so candidates come from one partition, best level first
 * (levels are one digit, so `L5` > `L3` as text), never from the whole roster.
 */
export const skillPartition = (skill: string, language: string) => `SKILL#${skill}#${language}`;
export const skillMemberKey = (skill: string, language: string, level: number, vaId: string): TableKey => ({
  PK: skillPartition(skill, language),
  SK: `L${level}#${vaId}`,
});
export const skillLevelFloor = (minLevel: number) => `L${minLevel}`;

export const taskKey = (taskId: string): TableKey => ({ PK: `TASK#${taskId}`, SK: 'TASK' });
export const taskByClientKeys = (clientId: string, createdAt: string, taskId: string) => ({
  GSI1PK: clientTasksPartition(clientId),
  GSI1SK: `${createdAt}#${taskId}`,
});
export const clientTasksPartition = (clientId: string) => `CLIENT#${clientId}#TASKS`;
export const taskByStatusKeys = (status: TaskStatus, createdAt: string, taskId: string) => ({
  GSI2PK: statusPartition(status),
  GSI2SK: `${createdAt}#${taskId}`,
});
export const statusPartition = (status: TaskStatus) => `STATUS#${status}`;

export const offerKey = (taskId: string, vaId: string): TableKey => ({
  PK: `TASK#${taskId}`,
  SK: `OFFER#${vaId}`,
});
export const OFFER_PREFIX = 'OFFER#';

export const linkKey = (tokenHash: string): TableKey => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' });

export const dedupeKey = (dedupeId: string): TableKey => ({ PK: `DEDUPE#${dedupeId}`, SK: 'DEDUPE' });

export const taskMessageKey = (taskId: string, receivedAt: string, messageId: string): TableKey => ({
  PK: `TASK#${taskId}`,
  SK: `MSG#${receivedAt}#${messageId}`,
});
export const TASK_MESSAGE_PREFIX = 'MSG#';

/** Message-IDs are long and client-controlled; their hash keeps the key short and safe. */
export const threadLinkKey = (messageIdHash: string): TableKey => ({
  PK: `MSGID#${messageIdHash}`,
  SK: 'MSGID',
});

export const outboxKey = (ref: string): TableKey => ({ PK: `OUTBOX#${ref}`, SK: 'OUTBOX' });

export const rateCounterKey = (subject: string, window: string, start: number): TableKey => ({
  PK: `RATE#${subject}`,
  SK: `${window}#${start}`,
});

export const dailyMarkKey = (subject: string, kind: string, day: string): TableKey => ({
  PK: `DAILY#${subject}`,
  SK: `${kind}#${day}`,
});

export const formTokenKey = (tokenHash: string): TableKey => ({
  PK: `FORMTOKEN#${tokenHash}`,
  SK: 'FORMTOKEN',
});

/** The VA's personal page link, found by the SHA-256 of its token. */
export const vaPageTokenKey = (tokenHash: string): TableKey => ({
  PK: `VAPAGE#${tokenHash}`,
  SK: 'VAPAGE',
});

export const submissionKey = (submissionId: string): TableKey => ({
  PK: `SUBMISSION#${submissionId}`,
  SK: 'SUBMISSION',
});

/** A VA's load and track record, next to the profile. */
export const vaStatsKey = (vaId: string): TableKey => ({ PK: `VA#${vaId}`, SK: 'STATS' });

export const settlementKey = (taskId: string): TableKey => ({ PK: `TASK#${taskId}`, SK: 'SETTLEMENT' });

/** A task's corrections, in order (four digits sort as numbers). */
export const adjustmentKey = (taskId: string, seq: number): TableKey => ({
  PK: `TASK#${taskId}`,
  SK: `${ADJUSTMENT_PREFIX}${String(seq).padStart(4, '0')}`,
});
export const ADJUSTMENT_PREFIX = 'ADJ#';
/** The ledger reference of a correction's postings: its task and number. */
export const adjustmentRef = (taskId: string, seq: number) => `${taskId}#A${seq}`;

/** A ledger account's postings of one month: "ledger by account and month" is one Query. */
export const ledgerPartition = (account: string, period: string) => `LEDGER#${account}#${period}`;
/** `ref`: the task of a settlement, a correction's `adjustmentRef`, or an invoice number. */
export const postingKey = (account: string, period: string, ref: string, index: number): TableKey => ({
  PK: ledgerPartition(account, period),
  SK: `${ref}#${index}`,
});

export const packageUsageKey = (clientId: string, period: string): TableKey => ({
  PK: `CLIENT#${clientId}`,
  SK: `USAGE#${period}`,
});

/**
 * Counts the writes to a client's ledger month (settlements, corrections): a statement is finalized
 * only if the count is still the one it was composed at, so nothing posted meanwhile goes unbilled.
 */
export const ledgerRevisionKey = (clientId: string, period: string): TableKey => ({
  PK: `CLIENT#${clientId}`,
  SK: `REVISION#${period}`,
});

/** Invoice numbers: one counter per year; a number is taken only together with its statement. */
export const invoiceCounterKey = (year: number): TableKey => ({
  PK: `COUNTER#invoice#${year}`,
  SK: 'COUNTER',
});

/** A client's statement of one month (an invoice once finalized). */
export const statementKey = (clientId: string, period: string): TableKey => ({
  PK: `STATEMENT#${clientId}`,
  SK: period,
});
/** Every invoice by its number (years sort in order): the open-items list, and lookup by number. */
export const invoiceListKeys = (number: string) => ({ GSI1PK: INVOICE_LIST_PARTITION, GSI1SK: number });
export const INVOICE_LIST_PARTITION = 'INVOICES';

/** What was transferred to a VA for one month's payout statement. */
export const payoutKey = (vaId: string, period: string): TableKey => ({ PK: `PAYOUT#${vaId}`, SK: period });
