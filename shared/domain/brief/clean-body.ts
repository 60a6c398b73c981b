/**
 * The part of a mail body the client wrote now: without quoted history, forwarded headers and the
 * signature, which would otherwise feed old dates and department names ("Buchhaltung") to the parser.
 */
const QUOTE_START = [
  /^>/,
  /^(am|on) .{4,120}(schrieb|wrote)\s?.{0,80}:\s*$/i,
  /^-{2,}\s*(original message|ursprüngliche nachricht|forwarded message|weitergeleitete nachricht)/i,
  /^(von|from):\s.+/i,
];
const SIGN_OFF =
  /^(viele|liebe|beste|freundliche|herzliche|sonnige)? ?gr[üu](ß|ss)e\b|^mit (freundlichen|besten|herzlichen) gr|^mfg\b|^lg\b|^vg\b|^(best|kind|warm) regards|^regards\b|^best,?$|^cheers\b|^thanks?( you)?,?$|^danke( und gruß)?,?$|^-- ?$/i;

export const cleanBody = (text: string): string => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (QUOTE_START.some((p) => p.test(trimmed))) break;
    if (kept.some((l) => l.trim()) && SIGN_OFF.test(trimmed)) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
};

const FORWARD_SUBJECT = /^\s*(wg|fw|fwd|tr|wtr)\s*:/i;

/**
 * What a person wrote to pass on to someone else: the new words of a reply, sign-off and all, without
 * the quoted history (which would otherwise nest one level deeper with every answer). A forward
 * keeps everything, since the forwarded mail is the point of it.
 */
export const ownWords = (text: string, subject: string): string => {
  const whole = text.replace(/\r\n?/g, '\n').trim();
  if (FORWARD_SUBJECT.test(subject)) return whole;
  const lines = whole.split('\n');
  const quoteAt = lines.findIndex((line) => QUOTE_START.some((p) => p.test(line.trim())));
  const own = (quoteAt < 0 ? lines : lines.slice(0, quoteAt)).join('\n').trim();
  // Nothing above the quote: someone answered inline, so the whole text is their answer.
  return own || whole;
};

/** Subject without reply/forward prefixes, task references and filler words. */
export const cleanSubject = (subject: string): string => {
  let s = subject;
  for (let i = 0; i < 5; i++) {
    const next = s
      .replace(/^\s*(re|aw|antw|wg|fw|fwd|tr|sv|vs)(\[\d+\])?\s*:\s*/i, '')
      .replace(/\[VA-[0-9A-Z]{6}\]\s*/gi, '')
      .replace(/^\s*(neue[rs]? )?(auftrag|aufgabe|anfrage|task|request|new task)\s*[:-]\s*/i, '');
    if (next === s) break;
    s = next;
  }
  return s.trim();
};
