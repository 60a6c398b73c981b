/** Raw mail, attachments and statements. S3 on AWS and locally (fauxqs). */
export interface BlobStore {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Overwrites: writing the same key twice is harmless. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
}
