import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { finalizationPostings, type Invoice, invoiceNumber } from '../../domain/billing/invoice';
import { type Payment, paymentPeriod, paymentPostings, payoutPostings } from '../../domain/billing/payment';
import type { Posting } from '../../domain/billing/settlement';
import { ConflictError } from '../../errors';
import type { StatementStore, StoredStatement } from '../../ports/statements';
import {
  INVOICE_LIST_PARTITION,
  invoiceCounterKey,
  invoiceListKeys,
  ledgerRevisionKey,
  payoutKey,
  postingKey,
  statementKey,
} from './keys';
import { queryAll } from './query';
import { failedConditionIndex, transactWrite } from './write-errors';

const ATTEMPTS = 20;

const statementOf = (item: Record<string, unknown>): StoredStatement => ({
  ...(item.statement as StoredStatement),
  ...(item.blocked ? { blocked: item.blocked as StoredStatement['blocked'] } : {}),
});

export class DynamoStatementStore implements StatementStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(clientId: string, period: string): Promise<StoredStatement | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: statementKey(clientId, period),
        ConsistentRead: true,
      }),
    );
    return out.Item ? statementOf(out.Item) : undefined;
  }

  async listByClient(clientId: string): Promise<StoredStatement[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': statementKey(clientId, '').PK },
      ConsistentRead: true,
    });
    return items.map(statementOf);
  }

  async ledgerRevision(clientId: string, period: string): Promise<number> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: ledgerRevisionKey(clientId, period),
        ConsistentRead: true,
      }),
    );
    return Number(out.Item?.revision ?? 0);
  }

  async finalize(
    clientId: string,
    period: string,
    year: number,
    revision: number,
    build: (number: string) => Invoice,
  ): Promise<StoredStatement | 'ledger-changed'> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const existing = await this.get(clientId, period);
      if (existing) return existing;
      const counter = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: invoiceCounterKey(year), ConsistentRead: true }),
      );
      const last = Number(counter.Item?.last ?? 0);
      const invoice = build(invoiceNumber(year, last + 1));
      const statement: StoredStatement = { clientId, period, status: 'finalized', invoice };
      const postings = finalizationPostings(invoice);
      const reasons = await transactWrite(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...invoiceCounterKey(year), type: 'counter', last: last + 1 },
            ConditionExpression: last === 0 ? 'attribute_not_exists(PK)' : '#last = :last',
            ...(last === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#last': 'last' },
                  ExpressionAttributeValues: { ':last': last },
                }),
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...statementKey(clientId, period),
              ...invoiceListKeys(invoice.number),
              type: 'statement',
              statement,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: ledgerRevisionKey(clientId, period),
            ConditionExpression:
              revision === 0 ? 'attribute_not_exists(PK)' : 'attribute_exists(PK) AND revision = :revision',
            ...(revision === 0 ? {} : { ExpressionAttributeValues: { ':revision': revision } }),
          },
        },
        ...postings.map((p, i) => ({
          Put: {
            TableName: this.tableName,
            Item: {
              ...postingKey(p.account, period, invoice.number, i),
              type: 'posting',
              account: p.account,
              period,
              taskId: invoice.number,
              kind: 'invoice',
              amountCents: p.amountCents,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
      ]);
      if (!reasons) return statement;
      const [, stored, ledger] = reasons;
      if (ledger === 'ConditionalCheckFailed' && stored !== 'ConditionalCheckFailed') return 'ledger-changed';
      // Another run took the number or wrote this statement first: read again and go on.
    }
    throw new ConflictError(`Could not finalize the statement of ${clientId} for ${period}`);
  }

  async markSent(
    clientId: string,
    period: string,
    sent: { pdfKey: string; csvKey: string; sesMessageId: string; at: string; number: string },
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: statementKey(clientId, period),
        UpdateExpression:
          'SET statement.#status = :sent, statement.pdfKey = :pdf, statement.csvKey = :csv, statement.sesMessageId = :id, statement.sentAt = :at, GSI1PK = if_not_exists(GSI1PK, :list), GSI1SK = if_not_exists(GSI1SK, :number)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':pdf': sent.pdfKey,
          ':csv': sent.csvKey,
          ':id': sent.sesMessageId,
          ':at': sent.at,
          // Statements finalized before invoices were listed join the list when they go out.
          ':list': INVOICE_LIST_PARTITION,
          ':number': sent.number,
        },
      }),
    );
  }

  async findByNumber(number: string): Promise<StoredStatement | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p AND GSI1SK = :n',
        ExpressionAttributeValues: { ':p': INVOICE_LIST_PARTITION, ':n': number },
      }),
    );
    const found = out.Items?.[0]?.statement as StoredStatement | undefined;
    // The index is eventually consistent: the statement itself is read as it is now.
    return found ? this.get(found.clientId, found.period) : undefined;
  }

  async listInvoices(): Promise<StoredStatement[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': INVOICE_LIST_PARTITION },
    });
    return items.map(statementOf);
  }

  async payoutTransfers(vaId: string, period: string): Promise<Payment[]> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: payoutKey(vaId, period), ConsistentRead: true }),
    );
    return (out.Item?.transfers as Payment[] | undefined) ?? [];
  }

  async recordPayoutTransfer(
    vaId: string,
    period: string,
    transfer: Payment,
    seen: number,
  ): Promise<'recorded' | 'conflict'> {
    const ref = `PAYOUT-${vaId}-${period}#T${seen + 1}`;
    const reasons = await transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: payoutKey(vaId, period),
          UpdateExpression:
            'SET transfers = list_append(if_not_exists(transfers, :none), :t), #type = :type, vaId = :va',
          ...appendGuard('transfers', seen, {
            ':none': [],
            ':t': [transfer],
            ':type': 'payout-transfers',
            ':va': vaId,
          }),
          ExpressionAttributeNames: { '#type': 'type' },
        },
      },
      ...this.bankPostingPuts(payoutPostings(vaId, transfer), transfer, {
        ref,
        owner: `PAYOUT-${vaId}-${period}`,
        kind: 'payout',
      }),
    ]);
    return reasons ? 'conflict' : 'recorded';
  }

  async recordPayment(
    statement: StoredStatement,
    payment: Payment,
    seen: number,
  ): Promise<'recorded' | 'conflict'> {
    const { clientId, period, invoice } = statement;
    const ref = `${invoice.number}#P${seen + 1}`;
    const reasons = await transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: statementKey(clientId, period),
          UpdateExpression:
            'SET statement.payments = list_append(if_not_exists(statement.payments, :none), :p)',
          ...appendGuard('statement.payments', seen, { ':none': [], ':p': [payment] }),
        },
      },
      ...this.bankPostingPuts(paymentPostings(clientId, payment), payment, {
        ref,
        owner: invoice.number,
        kind: 'payment',
      }),
    ]);
    return reasons ? 'conflict' : 'recorded';
  }

  /**
   * A bank booking's postings, in the month the bank booked it. `owner` is what a ledger entry
   * names (`taskId`): the invoice, or the VA's month; `ref` numbers the booking among its kind.
   */
  private bankPostingPuts(
    postings: Posting[],
    booking: Pick<Payment, 'receivedOn'>,
    { ref, owner, kind }: { ref: string; owner: string; kind: 'payment' | 'payout' },
  ) {
    const month = paymentPeriod(booking);
    return postings.map((p, i) => ({
      Put: {
        TableName: this.tableName,
        Item: {
          ...postingKey(p.account, month, ref, i),
          type: 'posting',
          account: p.account,
          period: month,
          taskId: owner,
          kind,
          amountCents: p.amountCents,
          receivedOn: booking.receivedOn,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }));
  }

  async noteClientMessage(statement: StoredStatement, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: statementKey(statement.clientId, statement.period),
        UpdateExpression: 'SET statement.clientWroteAt = :at',
        ConditionExpression: 'attribute_exists(statement)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async recordReminder(
    statement: StoredStatement,
    at: string,
    seen: number,
  ): Promise<'recorded' | 'conflict'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: statementKey(statement.clientId, statement.period),
          UpdateExpression:
            'SET statement.reminders = list_append(if_not_exists(statement.reminders, :none), :at)',
          ...appendGuard('statement.reminders', seen, { ':none': [], ':at': [at] }),
        }),
      );
      return 'recorded';
    } catch (error) {
      if (failedConditionIndex(error) === 0) return 'conflict';
      throw error;
    }
  }
}

/**
 * An append that only lands on the list it was decided on: `seen` entries, or none yet. A list
 * inside the statement needs the statement there; a payout's list makes its item.
 */
const appendGuard = (
  list: 'statement.payments' | 'statement.reminders' | 'transfers',
  seen: number,
  values: Record<string, unknown>,
) => {
  const within = list.startsWith('statement.') ? 'attribute_exists(PK) AND ' : '';
  return seen === 0
    ? { ConditionExpression: `${within}attribute_not_exists(${list})`, ExpressionAttributeValues: values }
    : {
        ConditionExpression: `size(${list}) = :seen`,
        ExpressionAttributeValues: { ...values, ':seen': seen },
      };
};
