/**
 * @module A `response_url` sink on 127.0.0.1 for the Slack benchmark: `url(id)` to put in a slash command,
 * `wait(id)` resolves when the app posts there. Unlike the test fake it records nothing, so waiting stays
 * O(1) over thousands of requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponseSink {
  url(id: string): string;
  /** Resolves with the arrival time (`process.hrtime.bigint()`) of the first post to `id`. */
  wait(id: string, timeoutMs?: number): Promise<bigint>;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const arrived = new Map<string, bigint>();
  const waiting = new Map<string, (at: bigint) => void>();
  const server = http.createServer((req, res) => {
    const id = decodeURIComponent((req.url ?? '').replace(/^\/response\//, ''));
    req.resume();
    req.on('end', () => {
      const at = process.hrtime.bigint();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      const resolve = waiting.get(id);
      if (resolve) {
        waiting.delete(id);
        resolve(at);
      } else arrived.set(id, at);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/`;
  return {
    url: (id) => `${base}${encodeURIComponent(id)}`,
    wait(id, timeoutMs = 10_000) {
      const at = arrived.get(id);
      if (at !== undefined) {
        arrived.delete(id);
        return Promise.resolve(at);
      }
      return new Promise<bigint>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`response_url ${id}: nothing posted within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (t) => {
          clearTimeout(timer);
          resolve(t);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
