import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an AWS service of the JSON protocol on localhost: every
 * request is recorded (its operation from X-Amz-Target, its headers and JSON
 * input) and answered by `answer`, as AWS would answer it. `'drop'` closes
 * the connection without an answer, as a network fault would.
 */
export interface Request {
  operation: string;
  headers: IncomingHttpHeaders;
  input: Record<string, unknown>;
}
export type Answer = { status: number; body: unknown; headers?: Record<string, string> } | 'drop';

export async function jsonEndpoint(answer: (request: Request) => Answer | Promise<Answer>) {
  const requests: Request[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const request = {
          operation: String(incoming.headers['x-amz-target']).replace(/^.*\./, ''),
          headers: incoming.headers,
          input: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        };
        requests.push(request);
        const answered = await answer(request);
        if (answered === 'drop') {
          incoming.socket.destroy();
          return;
        }
        response.writeHead(answered.status, {
          'content-type': 'application/x-amz-json-1.1',
          ...answered.headers,
        });
        response.end(JSON.stringify(answered.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** An error as AWS answers it in the JSON protocol. */
export const awsError = (code: string, message = code, status = 400): Answer => ({
  status,
  body: { __type: code, message },
});
