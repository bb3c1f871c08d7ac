/**
 * Versions on buttons (issue 17): a button that decides something carries the version of what it decides; a
 * click after that changed is refused in French (« Demande modifiée ») and changes nothing; the same line typed
 * (no version) is never refused. Buttons are clicked the way every door does: their command line, as the clicker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { withoutVersion } from '../../src/core/action-version.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const DAY = '2026-12-15';
const STALE = /Demande modifiée : ce bouton date d'avant un changement de ce qu'il décide[\s\S]*Rien n'a été modifié/;
const button = (r: Reply, label: string) => {
  const a = r.actions?.find((x) => x.label === label);
  if (!a) throw new Error(`no button ${label} in ${r.actions?.map((x) => x.label).join(', ')}`);
  expect(a.command).toMatch(/ version:[0-9a-z]+$/);
  return a.command;
};

describe('a stale button is refused; a fresh one and a typed line work', () => {
  it('a convocation answer after the session was moved to another hour', async () => {
    bot = await createTestBot();
    await bot.say(`/seance planifier ${DAY} 17:30 Amiens`);
    const choices = await bot.ask(`/reponse pouvoir ${DAY}`, 'Mme ROY');
    const holder = choices.actions![0]!.label;
    const toHolder = button(choices, holder);
    expect(await bot.say(`/seance deplacer ${DAY} ${DAY} 18:30`)).toContain('déplacée');
    expect(await bot.say(toHolder, 'Mme ROY')).toMatch(STALE);
    expect(await bot.say('/pouvoirs', 'Mme ROY')).not.toContain(`Mme ROY → ${holder}`);
    // Asked again, the new buttons work; the same line typed works too.
    const again = await bot.ask(`/reponse pouvoir ${DAY}`, 'Mme ROY');
    expect(await bot.say(button(again, holder), 'Mme ROY')).toContain(`vous donnez pouvoir à ${holder}`);
    expect(await bot.say(withoutVersion(toHolder), 'Mme ROY')).not.toMatch(STALE);
  });

  it('a roll-call button of a sitting that was levée (within the sitting, the page stays usable)', async () => {
    bot = await createTestBot({ now: '2026-12-01T10:00:00Z' });
    await bot.say(`/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`);
    bot.clock.set(new Date(`${DAY}T16:35:00Z`));
    await bot.say('/seance ouvrir');
    const page = await bot.ask('/appel 1');
    const first = page.actions![0]!.label.replace(/ : \w+$/u, '');
    const second = page.actions![3]!.label.replace(/ : \w+$/u, '');
    expect(await bot.say(button(page, `${first} : salle`))).toContain('Présence enregistrée');
    expect(await bot.say(button(page, `${first} : distance`))).toContain('Présence enregistrée'); // a correction
    bot.clock.set(new Date(`${DAY}T18:00:00Z`));
    expect(await bot.say('/seance lever')).toMatch(/levée/);
    const before = await bot.say(`/quorum ${DAY}`);
    expect(await bot.say(button(page, `${second} : salle`))).toMatch(STALE);
    expect(await bot.say(`/quorum ${DAY}`)).toBe(before);
  });

  it("« Confirmer l'annulation » after the session was moved", async () => {
    bot = await createTestBot();
    await bot.say(`/seance planifier ${DAY} 17:30 Amiens`);
    const ask = await bot.ask(`/seance annuler ${DAY}`);
    await bot.say(`/seance deplacer ${DAY} ${DAY} 18:00`);
    expect(await bot.say(button(ask, "Confirmer l'annulation"))).toMatch(STALE);
    expect(await bot.say('/seances')).toMatch(/mardi 15 décembre 2026.*planifiée/);
    const fresh = await bot.ask(`/seance annuler ${DAY}`);
    expect(await bot.say(button(fresh, "Confirmer l'annulation"))).toContain('Séance annulée');
  });

  it('« Renvoyer » of a reminder already resent', async () => {
    bot = await createTestBot({ now: '2026-11-29T10:00:00Z' });
    await bot.say('/rappel ajouter 2026-11-30 09:00 delegues Pensez à vos pouvoirs');
    await bot.hub.reminders.tick();
    bot.clock.set('2026-12-02T10:00:00Z');
    await bot.hub.reminders.tick();
    const listed = await bot.ask('/rappels');
    const resend = listed.actions!.find((a) => a.id === 'reminder.resend')!.command;
    expect(await bot.say('/rappel renvoyer rappel:1')).toContain('Rappel remis en envoi'); // typed, elsewhere
    expect(await bot.say(resend)).toMatch(STALE);
  });
});
