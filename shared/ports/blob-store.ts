/** Raw mail, attachments and statements. S3 on AWS and locally (fauxqs). */
export interface BlobStore {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Overwrites: writing the same key twice is harmless. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /**
   * Deletes the object; deleting what is not there is fine. In the versioned bucket on AWS the old
   * version stays until the lifecycle rule expires it (30 days).
   */
  delete(key: string): Promise<void>;
  /** A short-lived URL that downloads the object under `filename`. */
  downloadUrl(key: string, filename: string, seconds: number): Promise<string>;
}

/**
 * How long a download URL handed out behind a mailed link lives: long enough to start the
 * download, short enough that a forwarded URL is soon worthless. The mailed links themselves last.
 */
export const DOWNLOAD_URL_SECONDS = 300;
