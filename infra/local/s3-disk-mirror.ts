import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { sha256Hex } from '../../shared/hash';
import type { ObjectChange, RunningSqsS3 } from './sqs-s3-local';

interface Sidecar {
  key: string;
  contentType?: string;
  metadata?: Record<string, string>;
}

const fileName = (key: string) => sha256Hex(key);

/**
 * Keeps the in-memory S3 of the local stack on disk, so raw mail and attachments survive a restart:
 * every write is copied to `<dir>/<bucket>/<sha256(key)>` (+ `.json` sidecar), and `restore` puts them
 * back at boot. Writes are atomic (temp file + rename) so a crash never leaves half an object.
 */
export class S3DiskMirror {
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly s3: S3Client,
    private readonly dir: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Puts every mirrored object back; returns each one's key and when it was written. */
  async restore(
    buckets: readonly string[],
  ): Promise<Array<{ bucket: string; key: string; size: number; writtenAt: Date }>> {
    const restored: Array<{ bucket: string; key: string; size: number; writtenAt: Date }> = [];
    for (const bucket of buckets) {
      await this.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const bucketDir = join(this.dir, bucket);
      mkdirSync(bucketDir, { recursive: true });
      for (const name of readdirSync(bucketDir).filter((n) => n.endsWith('.json'))) {
        const sidecar = JSON.parse(readFileSync(join(bucketDir, name), 'utf8')) as Sidecar;
        const body = readFileSync(join(bucketDir, name.slice(0, -'.json'.length)));
        await this.s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: sidecar.key,
            Body: body,
            ContentType: sidecar.contentType,
            Metadata: sidecar.metadata,
          }),
        );
        const { mtime } = statSync(join(bucketDir, name.slice(0, -'.json'.length)));
        restored.push({ bucket, key: sidecar.key, size: body.length, writtenAt: mtime });
      }
    }
    return restored;
  }

  attach(server: RunningSqsS3): void {
    server.onObjectChange((change) => {
      const work = this.mirror(change).catch(this.onError);
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    });
  }

  /** Waits for every copy in flight; call before shutting down. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async mirror(change: ObjectChange): Promise<void> {
    const base = join(this.dir, change.bucket, fileName(change.key));
    if (change.kind === 'delete') {
      rmSync(base, { force: true });
      rmSync(`${base}.json`, { force: true });
      return;
    }
    const object = await this.s3.send(new GetObjectCommand({ Bucket: change.bucket, Key: change.key }));
    const body = await object.Body?.transformToByteArray();
    const sidecar: Sidecar = { key: change.key, contentType: object.ContentType, metadata: object.Metadata };
    mkdirSync(join(this.dir, change.bucket), { recursive: true });
    writeFileSync(`${base}.tmp`, body ?? new Uint8Array());
    renameSync(`${base}.tmp`, base);
    writeFileSync(`${base}.json.tmp`, JSON.stringify(sidecar));
    renameSync(`${base}.json.tmp`, `${base}.json`);
  }
}
