/**
 * The session index across processes sharing one SQLite file (two bots, two engines, two caches): a change
 * made by one is seen by the other's next command, and an agenda edit never loses an addition made meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.ts';
import { openStore } from '../../src/infra/keyv-store.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

const dirs: string[] = [];
const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function twoBots(wrapA?: (store: Store) => Store) {
  const dir = mkdtempSync(join(tmpdir(), 'seance-index-'));
  dirs.push(dir);
  const url = `sqlite://${join(dir, 'seance.sqlite')}`;
  const storeA = await openStore(url);
  const a = await createTestBot({ store: wrapA ? wrapA(storeA) : storeA });
  const b = await createTestBot({ storeUrl: url });
  bots.push(a, b);
  return { a, b };
}

describe('session index on one store shared by two processes', () => {
  it("sees the other process's planned session, move and agenda addition at its next command", async () => {
    const { a, b } = await twoBots();
    expect(await b.say('/odj 2026-12-15')).toContain('Aucune séance le mardi 15 décembre 2026');
    await a.say('/seance planifier 2026-12-15 17:30 Amiens');
    expect(await b.say('/odj 2026-12-15')).toContain("L'ordre du jour est vide");
    await a.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
    expect(await b.say('/odj 2026-12-15')).toMatch(/Délibération n° 1 : Budget primitif 2027/);
    await b.say('/odj ajouter 2026-12-15 information Point d’étape');
    expect(await a.say('/odj 2026-12-15')).toMatch(
      /1\. Délibération n° 1 : Budget primitif 2027\n\s+2\. .*Point d’étape/,
    );
    await a.say('/seance deplacer 2026-12-15 2026-12-16 18:00');
    const moved = await b.say('/odj 2026-12-16');
    expect(moved).toContain('mercredi 16 décembre 2026');
    expect(moved).toContain('Budget primitif 2027');
  });

  it('an agenda edit retried on the latest agenda keeps an addition made meanwhile by the other process', async () => {
    let other: TestBot | undefined;
    let interleaved = false;
    // Bot A's first agenda write reads the agenda, then bot B adds an item before A writes: A's write must conflict and run again.
    const { a, b } = await twoBots((store) => ({
      ...store,
      update: (key, change) =>
        store.update(key, async (current) => {
          if (key.startsWith('agenda-state:') && !interleaved && other) {
            interleaved = true;
            await other.hub.records.addAgendaItem('2026-12-15', { kind: 'information', title: 'Ajout concurrent' });
          }
          return change(current as never);
        }),
    }));
    await a.say('/seance planifier 2026-12-15 17:30 Amiens');
    await a.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
    await a.say('/odj ajouter 2026-12-15 information Point à retirer');
    other = b;
    const answer = await a.say('/odj retirer 2026-12-15 2');
    expect(interleaved).toBe(true);
    expect(answer).toContain('« Point à retirer » → retiré');
    for (const bot of [a, b]) {
      const odj = await bot.say('/odj 2026-12-15');
      expect(odj).toMatch(/1\. Délibération n° 1 : Budget primitif 2027\n\s+2\. .*Ajout concurrent/);
      expect(odj).not.toContain('Point à retirer');
    }
  });
});
