/**
 * Every key carries its body: two bots in one process on one SQLite file, each on its body's view of the
 * store, see only their own sessions, proxies, reminders and journal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/infra/store/open.ts';
import { createTestBot } from '../helpers/test-bot.ts';

describe('two bodies on one store', () => {
  it('each sees only its own sessions, proxies, reminders and journal', async () => {
    const store = await openStore(`sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-bodies-')), 'seance.sqlite')}`);
    const comite = await createTestBot({ store: store.forBody('comite') });
    const bureau = await createTestBot({ store: store.forBody('bureau') });

    await comite.say('/seance planifier 2026-12-15 17:30 Amiens');
    await comite.say('/presence PARSIS salle 2026-12-15');
    expect(await comite.say('/pouvoir donner ROY PARSIS 2026-12-15')).toContain('Pouvoir');
    expect(await comite.say('/rappel ajouter 2026-12-10 09:00 secretariat Relancer les pouvoirs')).toContain(
      'Rappel n° 1',
    );
    await comite.say('/seance rectifier 2024-10-07 Départ de Mme LHOMME omis');
    await comite.say('/presence LHOMME absent 2024-10-07');

    expect(await bureau.say('/pouvoirs 2026-12-15')).toContain('Aucune séance');
    expect(await bureau.say('/rappels')).not.toContain('Relancer les pouvoirs');
    expect(await bureau.say('/journal 2024-10-07')).toContain('Journal vide');
    expect(await bureau.say('/rappel ajouter 2026-12-11 09:00 secretariat Ordre du jour du bureau')).toContain(
      'Rappel n° 1',
    );

    expect(await comite.say('/pouvoirs 2026-12-15')).toContain('M. PARSIS');
    expect(await comite.say('/journal 2024-10-07')).toContain('Journal (2)'); // rectification opened, then used
    expect(await comite.say('/rappels')).not.toContain('Ordre du jour du bureau');
    await comite.close(); // closes the shared engine once
    await bureau.close();
  });
});
