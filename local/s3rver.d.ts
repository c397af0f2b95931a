/** The part of s3rver (which ships no types) that the local platform uses. */
declare module 's3rver' {
  import type { S3Event } from 'aws-lambda';

  interface S3rverOptions {
    port?: number;
    address?: string;
    directory: string;
    silent?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  /** Koa's context, as far as the local platform's middleware reads it. */
  interface Context {
    method: string;
    path: string;
    query: Record<string, string | undefined>;
    type: string;
    body: unknown;
    store: import('s3rver/lib/stores/filesystem.js').default;
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware stack, the router last. */
    middleware: ((ctx: Context, next: () => Promise<void>) => Promise<void>)[];
    on(event: 'event', listener: (event: S3Event) => void): this;
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/stores/filesystem.js' {
  export default class FilesystemStore {
    getResourcePath(bucket: string, key: string, resource: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
    existsObject(bucket: string, key: string): Promise<boolean>;
    listObjects(
      bucket: string,
      options: { prefix?: string },
    ): Promise<{ objects: { key: string; size: number; metadata: { etag: string } }[] }>;
  }
}

declare module 's3rver/lib/controllers/object.js' {
  interface CopyContext {
    headers: Record<string, string | undefined>;
    params: { bucket: string; key: string };
    store: {
      getMetadata(bucket: string, key: string): Promise<{ etag: string }>;
      existsObject(bucket: string, key: string): Promise<boolean>;
    };
  }
  const controller: {
    putObjectCopy: (ctx: CopyContext) => Promise<void>;
    putObject: (ctx: CopyContext) => Promise<void>;
    getObject: (ctx: CopyContext) => Promise<void>;
  };
  export default controller;
}

declare module 's3rver/lib/models/error.js' {
  export default class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, string>);
  }
}
