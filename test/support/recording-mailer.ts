import type { Mailer, OutboundMail } from '../../shared/ports/mailer';

/**
 * Records what would have been sent. `dieAtNextSend` simulates the process being killed right before
 * the mail leaves: that send never returns, so nothing after it runs (no catch, no cleanup).
 */
export class RecordingMailer implements Mailer {
  sent: OutboundMail[] = [];
  private dying?: () => void;
  dieAtNextSend(): Promise<void> {
    return new Promise((reached) => {
      this.dying = reached;
    });
  }
  async send(mail: OutboundMail): Promise<string> {
    if (this.dying) {
      this.dying();
      this.dying = undefined;
      return new Promise<string>(() => undefined);
    }
    this.sent.push(mail);
    return `ses-${this.sent.length}`;
  }
}
