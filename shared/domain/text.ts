/**
 * Cuts text to at most `maxBytes` of UTF-8 without splitting a character. DynamoDB items hold at
 * most 400 KB, and a character can take four bytes, so stored texts are bounded in bytes, not
 * characters; the untouched original always stays in S3.
 */
export const truncateUtf8 = (text: string, maxBytes: number): string => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Decoding a cut sequence yields U+FFFD at the end; drop it rather than store a broken character.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
};

/** Room for a task's description and for one stored message, well inside an item's 400 KB. */
export const MAX_DESCRIPTION_BYTES = 32 * 1024;
export const MAX_MESSAGE_TEXT_BYTES = 128 * 1024;
