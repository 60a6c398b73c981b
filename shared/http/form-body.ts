import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import busboy from 'busboy';
import type { UploadedFile } from '../domain/form-submission';

export interface FormBody {
  fields: Record<string, string>;
  files: UploadedFile[];
  /** A file was cut off at the size limit: the submission must be refused, not stored partly. */
  oversized: boolean;
}

const bodyBytes = (event: APIGatewayProxyEventV2) =>
  Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

/** Reads an HTML form post (urlencoded or multipart) from an API Gateway v2 event. */
export const readFormBody = (
  event: APIGatewayProxyEventV2,
  limits: { maxFiles: number; maxFileBytes: number },
): Promise<FormBody> => {
  const contentType = event.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    const fields = Object.fromEntries(new URLSearchParams(bodyBytes(event).toString('utf8')));
    return Promise.resolve({ fields, files: [], oversized: false });
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let oversized = false;
    const parser = busboy({
      headers: { 'content-type': contentType },
      // One more file than allowed is read, so validation can say "too many" instead of dropping it.
      limits: { files: limits.maxFiles + 1, fileSize: limits.maxFileBytes, fields: 50, fieldSize: 100_000 },
      defParamCharset: 'utf8',
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        oversized = true;
      });
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        // Browsers send an empty part for an empty file input.
        if (info.filename || content.length > 0)
          files.push({ filename: info.filename || 'file', mimeType: info.mimeType, content });
      });
    });
    parser.on('error', reject);
    parser.on('close', () => resolve({ fields, files, oversized }));
    parser.end(bodyBytes(event));
  });
};

/** The page language: asked for in the URL, else the client's, else the browser's, else German. */
export const pickLanguage = (
  query: string | undefined,
  acceptLanguage: string | undefined,
  clientLanguage?: 'de' | 'en',
): 'de' | 'en' => {
  if (query === 'de' || query === 'en') return query;
  if (clientLanguage) return clientLanguage;
  const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'de';
};
