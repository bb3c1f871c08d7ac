import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/keyv-store.ts';
import { createTestBot } from '../helpers/test-bot.ts';

const tmpDb = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-db-')), 'seance.sqlite')}`;

describe('state on a real SQLite file', () => {
  it('a restart loses nothing: attendance, proxies, planned sessions, agenda and journal survive', async () => {
    const url = tmpDb();
    const first = await createTestBot({ storeUrl: url });
    await first.say('/seance planifier 2026-12-15 17:30 Amiens');
    await first.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
    await first.say('/presence PARSIS salle 2026-12-15');
    await first.say('/pouvoir donner ROY PARSIS 2026-12-15', 'Mme ROY');
    await first.say('/seance rectifier 2024-10-07 Départ de Mme LHOMME omis');
    await first.say('/presence LHOMME absent 2024-10-07');
    await first.close();

    const second = await createTestBot({ storeUrl: url });
    expect(await second.say('/odj 2026-12-15')).toContain('Budget primitif 2027');
    expect(await second.say('/pouvoirs 2026-12-15')).toContain('Mme ROY → M. PARSIS (déclaré par Mme ROY)');
    expect(await second.say('/pouvoir confirmer ROY 2026-12-15')).toContain('confirmé');
    expect(await second.say('/quorum 2024-10-07')).toMatch(/Comptés pour le quorum\s+: 22/);
    expect(await second.say('/journal 2026-12-15')).toContain('Journal (5)'); // planned, item added, attendance, proxy declared, confirmed
    expect(await second.say('/journal 2024-10-07')).toContain('(rectification : Départ de Mme LHOMME omis)');
    await second.close();
  });

  it('50 concurrent conflicting declarations for one holder end with exactly one proxy and 49 clear refusals', async () => {
    const bot = await createTestBot({ storeUrl: tmpDb() });
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    await bot.say('/presence PARSIS salle 2026-12-15');
    const givers = bot.config.roster.filter((d) => d.id !== 'parsis').slice(0, 50);
    expect(givers).toHaveLength(46); // the roster has 47: reuse names to reach 50 attempts
    const attempts = [...givers, ...givers.slice(0, 4)];
    const replies = await Promise.all(
      attempts.map((g) => bot.ask(`/pouvoir donner "${g.civility} ${g.lastName}" PARSIS 2026-12-15`)),
    );
    const ok = replies.filter((r) => r.tone === 'success');
    const refused = replies.filter((r) => r.tone === 'error');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r.title).toMatch(/^Pouvoir refusé : .*déjà/);
    const record = await bot.hub.records.record('2026-12-15');
    expect(record.proxies).toHaveLength(1);
    expect(record.journal.filter((j) => j.action.startsWith('pouvoir'))).toHaveLength(1);
    await bot.close();
  });

  it('refuses an unknown store URL with a French message', async () => {
    await expect(openStore('redis://user:pw@db/seance')).rejects.toThrow(/SEANCE_STORE non reconnu.*\*\*\*@/);
  });
});
