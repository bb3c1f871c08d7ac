/**
 * @module Test helper: a fake Slack Socket Mode server (the `ws` package on 127.0.0.1). Give its `url` to the fake
 * Web API's `apps.connections.open`; it says hello to each connection, sends envelopes, and records the acks
 * (`{ envelope_id, payload? }`: a slash command may be answered in its ack's payload).
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface EnvelopeAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  readonly url: string;
  readonly sockets: WebSocket[];
  readonly acks: EnvelopeAck[];
  /** Sends an envelope on the latest connection. */
  send(envelope: Record<string, unknown>): void;
  /** The ack of `envelopeId` (waits for it). */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<EnvelopeAck>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  const acks: EnvelopeAck[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => acks.push(JSON.parse(String(data)) as EnvelopeAck));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        connection_info: { app_id: 'AFAKEAPP' },
        debug_info: { host: 'fake' },
      }),
    );
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`,
    sockets,
    acks,
    send(envelope) {
      const ws = sockets.at(-1);
      if (!ws) throw new Error('no Socket Mode connection yet');
      ws.send(JSON.stringify(envelope));
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = acks.find((a) => a.envelope_id === envelopeId);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
