/**
 * @module Issue 10 through the test bot, on the SQLite store: a closed session's record is protected, the
 * convocation the bot sends is recorded, delegates answer it, the quorum forecast and the J-2 alert (once, even
 * across a restart), agenda edits, cancellation confirmed then undone, and the journal of all of it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withoutVersion } from '../../src/core/action-version.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

const tmpDb = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'seance-life-')), 'seance.sqlite')}`;
/** December 2026: the 7 October 2024 committee is long closed. */
const DECEMBER = '2026-12-04T10:00:00Z';

let bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots) await b.close();
  bots = [];
});
async function start(opts: Parameters<typeof createTestBot>[0] = {}): Promise<TestBot> {
  const bot = await createTestBot({ now: DECEMBER, storeUrl: tmpDb(), ...opts });
  bots.push(bot);
  return bot;
}
const tickAt = async (bot: TestBot, iso: string) => {
  bot.clock.set(new Date(iso));
  return bot.hub.reminders.tick();
};

describe('a closed session is protected', () => {
  it('refuses changes to 7 October 2024 naming its state and /seance rectifier; its quorum stays 54 of 104', async () => {
    const bot = await start();
    const roy = await bot.say('/presence ROY salle');
    expect(roy).toContain('Aucune séance à venir');
    expect(roy).toContain('La séance du lundi 7 octobre 2024 est levée et son procès-verbal arrêté');
    expect(roy).toContain('/seance rectifier 2024-10-07 <motif>');
    for (const line of ['/pouvoir retirer DECLE 2024-10-07', '/presence VARLET absent 2024-10-07']) {
      const out = await bot.say(line);
      expect(out).toContain(
        '✗ Modification refusée : la séance du lundi 7 octobre 2024 est levée et son procès-verbal arrêté\n',
      );
      expect(out).toContain('est levée et son procès-verbal arrêté');
      expect(out).toContain('/seance rectifier 2024-10-07');
    }
    expect(await bot.say('/odj ajouter 2024-10-07 information X')).toContain('procès-verbal arrêté');
    const q = await bot.say('/quorum 2024-10-07');
    expect(q).toContain('Quorum atteint');
    expect(q).toContain('État de la séance : procès-verbal arrêté.');
    expect(q).toMatch(/54 sur 104/);
    expect(await bot.say('/seances')).toMatch(/lundi 7 octobre 2024.*procès-verbal arrêté/);
  });

  it('a rectification allows one change, journaled with its reason and listed in the PV', async () => {
    const bot = await start();
    expect(await bot.say('/seance rectifier 2024-10-07 Mme ROY est arrivée en séance', 'M. PAYEN')).toContain(
      'réservée',
    );
    expect(await bot.say('/seance rectifier 2024-10-07 Mme ROY est arrivée en séance')).toContain(
      'Rectification ouverte',
    );
    const changed = await bot.say('/presence ROY salle 2024-10-07');
    expect(changed).toContain('Le pouvoir de Mme ROY à M. PARSIS est annulé');
    expect(await bot.say('/presence VARLET absent 2024-10-07')).toContain('est levée et son procès-verbal arrêté');
    const journal = await bot.say('/journal 2024-10-07');
    expect(journal).toContain('rectification ouverte');
    expect(journal).toContain('Mme ROY : excusée → présente en salle (rectification : Mme ROY est arrivée en séance)');
    const pv = await bot.say('/pv 2024-10-07');
    expect(pv).toContain('▸ Rectifications');
    expect(pv).toContain('motif : Mme ROY est arrivée en séance — présence : Mme ROY : excusée → présente en salle');
    expect(await bot.say('/seance rectifier 2026-12-31 x')).toContain('Aucune séance le');
  });
});

describe('the convocation, its answers and the forecast', () => {
  it('is sent by the bot and recorded; delegates answer; /quorum forecasts; the J-2 alert goes once, not again after a restart', async () => {
    const url = tmpDb();
    const bot = await start({ storeUrl: url });
    await bot.say('/seance planifier 2026-12-15 17:30 Salle de réunion, Amiens et visio');
    await bot.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2027');
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*planifiée/);

    // The latest sending date is Wednesday 9 December: the bot convenes at 9 h.
    bot.delivered.length = 0;
    await tickAt(bot, '2026-12-09T08:00:00Z');
    const dm = bot.delivered.find((m) => m.to.kind === 'delegate' && m.reply.title.startsWith('Convocation'))!;
    expect(dm.reply.actions?.map((a) => a.label)).toEqual([
      'Présent(e) en salle',
      'À distance',
      'Excusé(e)',
      'Je donne pouvoir…',
    ]);
    const conv = await bot.say('/convocation 2026-12-15');
    expect(conv).toMatch(
      /Envoi enregistré\s+: mercredi 9 décembre 2026 à 9 h par le bot \(console\) : 47 délégués sur 47 joints par message direct, et le canal des délégués — 5 jours francs : délai respecté/,
    );
    expect(conv).toMatch(/État de la séance\s+: convoquée/);
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*convoquée/);
    expect(await bot.say('/convocation envoyer 2026-12-15')).toContain('déjà partie');

    // Answers: a delegate never types their own name.
    expect(await bot.say('/reponse salle', 'M. PARSIS')).toContain('Réponse enregistrée : présent en salle');
    expect(await bot.say('/reponse distance', 'M. PAYEN')).toContain('présent à distance');
    const choices = await bot.ask('/reponse pouvoir', 'Mme ROY');
    expect(choices.title).toBe('À qui donnez-vous pouvoir ?');
    expect(choices.actions?.slice(0, 2).map((a) => withoutVersion(a.command))).toEqual([
      '/reponse pouvoir "M. PARSIS" 2026-12-15',
      '/reponse pouvoir "M. PAYEN" 2026-12-15',
    ]);
    expect(await bot.say('/reponse pouvoir ROY', 'Mme ROY')).toContain(
      'Pouvoir refusé : on ne se donne pas pouvoir à soi-même',
    );
    expect(await bot.say('/reponse pouvoir "M. PARSIS" 2026-12-15', 'Mme ROY')).toContain(
      'vous donnez pouvoir à M. PARSIS ; le secrétariat le confirmera',
    );
    expect(bot.delivered.at(-1)!.reply.actions?.map((a) => a.command)).toEqual([
      expect.stringMatching(/^\/pouvoir confirmer ROY 2026-12-15 demande:\S+Z$/),
      expect.stringMatching(/^\/pouvoir refuser ROY 2026-12-15 demande:\S+Z$/),
    ]);
    expect(await bot.say('/reponse salle')).toContain(
      'Réponse non enregistrée : seuls les délégués répondent à la convocation, chacun pour soi',
    );
    expect(await bot.say('/pouvoir confirmer ROY 2026-12-15')).toContain('Pouvoir de Mme ROY à M. PARSIS confirmé');

    const q = await bot.say('/quorum 2026-12-15');
    expect(q).toContain('État de la séance : convoquée.');
    expect(q).toMatch(/Présents annoncés\s+: 2 \(1 en salle, 1 à distance\)/);
    expect(q).toMatch(/Pouvoirs annoncés\s+: 1/);
    expect(q).toMatch(/Sans réponse\s+: 44/);
    expect(q).toMatch(/Si personne d'autre ne vient : quorum non atteint : 3 sur 24 délégués, il en manque 21/);
    // Recorded attendance stays apart from the answers.
    expect(q).toMatch(/Présents en salle\s+: aucun présent/);
    const relances = await bot.say('/relances 2026-12-15');
    expect(relances).toContain('Relances (44)');
    expect(relances).not.toContain('M. PARSIS\n');

    // J-2 at 9 h: the secretariat is alerted once, the 44 silent delegates reminded once by DM.
    bot.delivered.length = 0;
    await tickAt(bot, '2026-12-13T08:00:00Z');
    const alerts = bot.delivered.filter((m) => m.reply.title === 'Quorum compromis');
    expect(alerts.map((m) => m.to)).toEqual([{ kind: 'secretariat' }]);
    const alert = (await import('../../src/core/reply-text.ts')).replyToText(alerts[0]!.reply);
    expect(alert).toContain('Sans réponse (44)');
    expect(alert).toMatch(/Présents qui peuvent encore recevoir un pouvoir\s+• M\. PAYEN/);
    const reminded = bot.delivered.filter((m) => m.reply.title.endsWith('votre réponse ?'));
    expect(reminded).toHaveLength(44);
    expect(reminded.some((m) => m.to.kind === 'delegate' && m.to.id === 'roy')).toBe(false);
    await tickAt(bot, '2026-12-13T08:05:00Z');
    await bot.close();
    bots = [];

    // Restart on the same SQLite file: nothing goes out again, every answer is still there.
    const again = await start({ storeUrl: url, now: '2026-12-13T08:06:00Z' });
    expect((await again.hub.reminders.start()).sent).toEqual([]);
    await tickAt(again, '2026-12-13T09:00:00Z');
    expect(
      again.delivered.filter((m) => m.reply.title === 'Quorum compromis' || m.reply.title.endsWith('votre réponse ?')),
    ).toEqual([]);
    expect(await again.say('/quorum 2026-12-15')).toMatch(/Présents annoncés\s+: 2/);
    const journal = await again.say('/journal 2026-12-15');
    expect(journal).toContain('convocation envoyée');
    expect(journal).toContain('réponse à la convocation');
    expect(journal).toContain('M. PAYEN : sans réponse → présent à distance');
    expect(journal).toContain('pouvoir confirmé');
  });

  it('records a convocation sent by other means; the bot then sends none', async () => {
    const bot = await start();
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    expect(await bot.say('/convocation enregistrer 2026-12-20 courriel 2026-12-15')).toContain('pas encore arrivé');
    const rec = await bot.say('/convocation enregistrer 2026-12-04 courriel 2026-12-15');
    expect(rec).toContain(
      'Envoi du vendredi 4 décembre 2026 (courriel) : 10 jours francs avant la séance, délai respecté',
    );
    expect(await bot.say('/convocation 2026-12-15')).toMatch(
      /Envoi enregistré\s+: vendredi 4 décembre 2026, courriel \(enregistré par Console \(secrétariat\)\) — 10 jours francs/,
    );
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*convoquée/);
    expect(await bot.say('/reponse distance', 'M. PAYEN')).toContain('ne prévoit pas de participation à distance');
    bot.delivered.length = 0;
    await tickAt(bot, '2026-12-09T08:00:00Z');
    expect(bot.delivered.filter((m) => m.reply.title.startsWith('Convocation'))).toEqual([]);
  });
});

describe('edit and undo', () => {
  it('removes and edits agenda items, edits the session, cancels after confirmation, restores, and journals all of it', async () => {
    const bot = await start();
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    await bot.say('/odj ajouter 2026-12-15 information Point FEDER');
    await bot.say('/odj ajouter 2026-12-15 deliberation Budget primitif 2026');
    await bot.say('/odj ajouter 2026-12-15 deliberation Tarifs 2027');
    const edited = await bot.say('/odj modifier 2026-12-15 2 Budget primitif 2027');
    expect(edited).toContain('n° 2 : « Budget primitif 2026 » → « Budget primitif 2027 »');
    const removed = await bot.say('/odj retirer 2026-12-15 1');
    expect(removed).toContain('n° 1 « Point FEDER » → retiré');
    const nine = await bot.say('/odj retirer 2026-12-15 9');
    expect(nine).toContain(
      "Ordre du jour inchangé : l'ordre du jour de la séance du mardi 15 décembre 2026 compte 2 points",
    );
    expect(nine).toContain('Pas de n° 9.');
    await bot.say('/odj ajouter 2026-12-15 information Questions diverses');
    const odj = await bot.say('/odj 2026-12-15');
    expect(odj).toContain('1. Délibération n° 1 : Budget primitif 2027');
    expect(odj).toContain('2. Délibération n° 2 : Tarifs 2027');
    expect(odj).toContain('3. Pour information : Questions diverses');
    expect(odj).not.toContain('FEDER');

    expect(await bot.say('/seance modifier 2026-12-15 distance oui')).toContain('Participation à distance : non → oui');
    expect(await bot.say('/seance modifier 2026-12-15 secretaire PARSIS')).toContain(
      'Secrétaire de séance : non désigné → M. PARSIS',
    );
    expect(await bot.say('/seance modifier 2026-12-15 president VARLET')).toContain(
      'Présidence : non désigné → M. VARLET',
    );
    expect(await bot.say('/seance modifier 2026-12-15 lieu Salle du conseil, Amiens')).toContain(
      'Lieu : Amiens → Salle du conseil, Amiens',
    );
    expect(await bot.say('/odj 2026-12-15')).toMatch(/Secrétaire de séance\s+: M\. PARSIS/);

    const ask = await bot.ask('/seance annuler 2026-12-15');
    expect(ask.title).toBe('Annuler la séance ?');
    expect(ask.actions?.map((a) => a.command)).toEqual([
      expect.stringMatching(/^\/seance annuler 2026-12-15 confirmer version:[0-9a-z]+$/),
    ]);
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*planifiée/);
    expect(await bot.say(ask.actions![0]!.command)).toContain('Séance annulée');
    expect(await bot.say('/presence PAYEN salle 2026-12-15')).toContain(
      "est annulée\n\nLa rétablir d'abord (/seance retablir 2026-12-15)",
    );
    expect(await bot.say('/seance retablir 2026-12-15')).toContain('Séance rétablie');
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*planifiée/);

    const journal = await bot.say('/journal 2026-12-15');
    for (const action of [
      'séance planifiée',
      'point ajouté',
      'point modifié',
      'point retiré',
      'séance modifiée (participation à distance)',
      'séance annulée',
      'séance rétablie',
    ]) {
      expect(journal).toContain(action);
    }
    expect(journal).toContain('planifiée → annulée');
    expect(journal).toContain('annulée → planifiée');
  });

  it('a cancelled date can be planned again; the cancelled session stays in the history', async () => {
    const bot = await start();
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    await bot.say('/presence PAYEN salle 2026-12-15');
    await bot.say('/seance annuler 2026-12-15 confirmer');
    const again = await bot.say('/seance planifier 2026-12-15 18:00 Salle du conseil');
    expect(again).toContain('Séance planifiée');
    expect(again).toContain("La séance annulée à cette date reste dans l'historique");
    const list = await bot.say('/seances');
    expect(list).toMatch(/mardi 15 décembre 2026\s+17 h 30.*annulée/);
    expect(list).toMatch(/mardi 15 décembre 2026\s+18 h .*planifiée/);
    expect(await bot.say('/quorum 2026-12-15')).toMatch(/Présents en salle\s+: aucun présent/);
    expect(await bot.say('/seance retablir 2026-12-15')).toContain("n'est pas annulée");
  });

  it('the body journal pages every change, sessions and custom reminders, newest first', async () => {
    const bot = await start();
    await bot.say('/seance planifier 2026-12-15 17:30 Amiens');
    for (const name of ['PAYEN', 'PARSIS', 'VARLET', 'ROY', 'LHOMME', 'DELFOSSE']) {
      for (const st of ['salle', 'excuse', 'distance', 'absent', 'salle'])
        await bot.say(`/presence ${name} ${st} 2026-12-15`);
    }
    await bot.say('/rappel ajouter 2026-12-10 09:00 delegues Pensez à répondre à la convocation');
    const first = await bot.say('/journal');
    expect(first).toContain("Journal de l'instance (32)");
    expect(first).toContain('Page 1 sur 2');
    expect(first).toContain('Suivante : /journal 2');
    expect(first).toMatch(/instance\s+rappel programmé/);
    expect(await bot.say('/journal 2')).toContain('séance planifiée');
    expect(await bot.say('/journal 3')).toContain('Le journal compte 2 pages');
  });
});
