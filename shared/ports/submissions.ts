import type { Submission } from '../domain/form-submission';

export interface SubmissionStore {
  /** Stores the submission unless one with its id exists; returns the stored one either way. */
  claim(submission: Submission, confirmTokenHash?: string): Promise<Submission>;
  findByConfirmToken(tokenHash: string): Promise<Submission | undefined>;
  /** pending -> created, once; false when it already was. */
  markCreated(id: string, taskId: string): Promise<boolean>;
  /** pending -> passed-on (to the operator, about `invoiceNumber`), once; false when it already was. */
  markPassedOn(id: string, invoiceNumber: string): Promise<boolean>;
}
