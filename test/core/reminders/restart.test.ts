/** @module A restart never sends twice: two schedulers, one after the other, on the same real SQLite file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/infra/keyv-store.ts';
import { createTestBot } from '../../helpers/test-bot.ts';
import { createHarness, session, titled } from './helpers.ts';

const tmpDb = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-reminders-')), 'seance.sqlite')}`;

describe('restart on SQLite', () => {
  it('a reminder sent before a restart is not sent again after it', async () => {
    const url = tmpDb();
    const store1 = await openStore(url);
    const first = await createHarness({
      now: '2026-03-11T07:59:00Z',
      store: store1,
      sessions: [session('2026-03-12')],
    });
    await first.tickAt('2026-03-11T08:00:00Z');
    expect(titled(first.sent, 'demain')).toHaveLength(1);
    await first.close();

    // The process restarts a minute later: a new scheduler, a new store connection, the same file.
    const store2 = await openStore(url);
    const second = await createHarness({
      now: '2026-03-11T08:01:00Z',
      store: store2,
      sessions: [session('2026-03-12')],
    });
    const report = await second.scheduler.start();
    await second.tickAt('2026-03-11T08:02:00Z');
    expect(report.sent).toEqual([]);
    expect(second.sent).toEqual([]);
    expect(await second.scheduler.state('seance:2026-03-12:veille')).toMatchObject({ status: 'sent' });
    await second.close();
  });

  it('a reminder whose sending was interrupted by a crash is sent once after the restart (the outbox kept it)', async () => {
    const url = tmpDb();
    const store1 = await openStore(url);
    let handedOver!: () => void;
    const delivering = new Promise<void>((resolve) => {
      handedOver = resolve;
    });
    const first = await createHarness({
      now: '2026-12-01T07:00:00Z',
      store: store1,
      scheduler: { claimTtlMs: 1 },
      // The process dies while a door is sending: the delivery never completes.
      onSend: () => {
        handedOver();
        return new Promise<void>(() => undefined);
      },
    });
    await first.scheduler.addCustom({
      date: '2026-12-01',
      time: '09:00',
      to: { kind: 'delegates' },
      text: 'x',
      createdBy: 'test',
    });
    void first.tickAt('2026-12-01T08:00:00Z');
    await delivering;
    await store1.close?.();

    await new Promise((r) => setTimeout(r, 10)); // the dead process's claim expires
    const second = await createHarness({ now: '2026-12-01T08:05:00Z', store: await openStore(url) });
    const report = await second.scheduler.start();
    expect(report.sent).toEqual([{ id: 'rappel:1', deferred: false }]);
    expect(second.sent).toHaveLength(1);
    expect((await second.tickAt('2026-12-01T08:06:00Z')).sent).toEqual([]);
    expect(second.sent).toHaveLength(1);
    await second.close();
  });

  it('the whole bot on SQLite: custom reminders survive a restart and go out once', async () => {
    const url = tmpDb();
    const first = await createTestBot({ storeUrl: url, now: '2026-11-30T10:00:00Z' });
    expect(await first.say('/rappel ajouter 2026-12-01 09:00 delegues Pensez à vos pouvoirs')).toContain(
      'Rappel n° 1 programmé',
    );
    await first.close();

    const second = await createTestBot({ storeUrl: url, now: '2026-12-01T08:00:00Z' });
    await second.hub.reminders.start();
    await second.close();
    const third = await createTestBot({ storeUrl: url, now: '2026-12-01T08:01:00Z' });
    await third.hub.reminders.start();
    await third.close();
    expect(second.delivered.map((m) => m.reply.blocks[0])).toEqual([{ type: 'text', text: 'Pensez à vos pouvoirs' }]);
    expect(third.delivered).toEqual([]);
  });
});
