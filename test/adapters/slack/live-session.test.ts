/**
 * @module Issue 11 through the Slack door (real Bolt on 127.0.0.1, fake Slack Web API): the session opens, the live
 * message is posted ONCE in the secretariat's channel and then edited in place (chat.update on its ts) by a roll
 * call button, typed names, an arrival, a departure with a proxy, a withdrawal and three votes (unanimity typed, a
 * split weighted vote by the delegates' ballot buttons, a tie decided by the president); closing leaves the
 * closing time on it; /pv uploads the Word file, read back with the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSlackAgent, type FileUpload } from '../../helpers/fake-slack.ts';
import { readDocx } from '../../helpers/docx-text.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';
import { SECRETARIAT, startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

const DELEGUES = 'C0DELEGUES';

const DAY = '2026-12-15';
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ now: `${DAY}T08:00:00Z` });
  expect(await h.peek(`/seance planifier ${DAY} 17:30 Amiens et visio`)).toContain('Séance planifiée');
  for (const t of ['Coffre-fort', 'Tarifs 2027', 'Adhésion de Doullens'])
    await h.peek(`/odj ajouter ${DAY} deliberation ${t}`);
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

type Button = { action_id: string; value: string };
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks as any[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
const say = async (line: string) =>
  messageText((await h.command(USERS.secretary, line, { channel: SECRETARIAT })).responses[0]!.body);

describe('a session in Slack', () => {
  it('posts the live message once and edits it in place; the PV carries the figures', async () => {
    expect(await say('/seance ouvrir 17:35')).toContain('La séance est ouverte à 17 h 35');
    await h.fake.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === SECRETARIAT && messageText(c.body).includes('Séance en direct'),
    );

    // Roll call: a button of /appel, then names typed at once.
    const appel = (await h.command(USERS.secretary, '/appel', { channel: SECRETARIAT })).responses[0]!.body as any;
    expect(blockKitViolations(appel)).toEqual([]);
    expect(buttonsOf(appel.blocks)).toHaveLength(24);
    const varlet = buttonsOf(appel.blocks).find((b) => b.value.startsWith('/presence "M. VARLET" salle'))!;
    expect(varlet).toBeDefined();
    const rollClick = await h.click(USERS.secretary, varlet, {
      body: { channel: SECRETARIAT, blocks: appel.blocks },
    } as any);
    // Answered to the clicker alone: the /appel page keeps its buttons for the next delegate.
    expect(rollClick.responses[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(messageText(rollClick.responses[0]!.body)).toContain('M. VARLET : présent en salle');
    expect(
      h.fake.calls.filter((c) => c.method === 'chat.update' && !messageText(c.body).includes('Séance en direct')),
    ).toEqual([]);
    await say(
      '/presence salle PARSIS DELFOSSE DEMARCY LHOMME LEFEBVRE PAYEN THUEUX BEAUFILS DEFRANCE PENAUD MAILLE-BARBARE DECLÉ ROY WALIGORA BLOCKLET FOUCAULT DELETRE DEBEUGNY HAZARD POUPART MAILLE',
    );
    await say('/appel distance "DE WAZIERS", FOURNIER');
    expect(await say('/presence PINON arrive 17:50')).toContain('arrivée à 17 h 50');
    await say('/point suivant');
    expect(await say('/vote 1 unanimite')).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");
    expect(await say('/presence PAYEN part 18:30 PARSIS')).toContain('donne pouvoir à M. PARSIS');
    await say('/point suivant');
    await say('/point retrait DELFOSSE');

    // Item 2 by the delegates' buttons: the ballot posted in their channel (and the secretariat's), then clicks.
    expect(await say('/vote 2 ouvrir')).toContain('Vote ouvert : délibération n° 2');
    const ballot = await h.fake.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === DELEGUES && messageText(c.body).includes('Vote en cours : délibération n° 2'),
    );
    expect(blockKitViolations(ballot.body)).toEqual([]);
    const voteButtons = buttonsOf(ballot.body.blocks);
    expect(voteButtons.map((b) => b.value)).toEqual(['/vote 2 pour', '/vote 2 contre', '/vote 2 abstention']);
    const vote = async (user: string, choice: string) => {
      const r = await h.click(user, voteButtons.find((b) => b.value === `/vote 2 ${choice}`)!, ballot as any);
      const body = r.responses[0]!.body;
      expect(body).toMatchObject({ response_type: 'ephemeral' });
      return messageText(body);
    };
    expect(await vote(USERS.varlet, 'pour')).toContain('Votre vote : pour (6 voix).');
    expect(await vote(USERS.roy, 'pour')).toContain('Vote enregistré');
    expect(await vote(USERS.roy, 'contre')).toContain('Il remplace votre vote précédent (pour).');
    expect(await vote(USERS.parsis, 'pour')).toContain('Il compte aussi pour M. PAYEN, que vous représentez');
    expect(await vote(USERS.payen, 'contre')).toContain('a donné pouvoir à M. PARSIS');
    expect(await vote(USERS.secretary, 'contre')).toMatch(/seuls les délégués votent avec les boutons/i);
    const ballotUpdates = () =>
      h.fake.calls.filter(
        (c) => c.method === 'chat.update' && messageText(c.body).includes('Vote en cours : délibération n° 2'),
      );
    const delegatesCopy = () => ballotUpdates().filter((c) => c.body.channel === DELEGUES);
    expect(delegatesCopy()).toHaveLength(4);
    expect(new Set(delegatesCopy().map((c) => c.body.ts)).size).toBe(1);
    const running = messageText(delegatesCopy().at(-1)!.body);
    expect(running).toMatch(/Pour\W+8 voix/);
    expect(running).toMatch(/Contre\W+6 voix/);
    expect(running).not.toMatch(/VARLET|ROY|PARSIS/);
    expect(await say('/vote 2 clore')).toContain('Adoptée par 8 voix pour, 6 contre');
    const settled = h.fake.calls
      .filter((c) => c.method === 'chat.update' && c.body.ts === delegatesCopy()[0]!.body.ts)
      .at(-1)!;
    expect(messageText(settled.body)).toContain('Vote clos : Adoptée par 8 voix pour, 6 contre');
    expect(buttonsOf(settled.body.blocks)).toEqual([]);
    expect(await vote(USERS.varlet, 'contre')).toContain('Vote non enregistré : le vote sur le point 2 est clos');

    await say('/point 3');
    expect(await say('/vote 3 pour 30 contre 30 président pour')).toMatch(/prépondérante/);

    const lives = h.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && messageText(c.body).includes('Séance en direct'),
    );
    expect(lives).toHaveLength(1);
    const updates = h.fake.calls.filter(
      (c) =>
        c.method === 'chat.update' &&
        c.body.channel === SECRETARIAT &&
        messageText(c.body).includes('Séance en direct'),
    );
    expect(updates.length).toBeGreaterThanOrEqual(10);
    expect(new Set(updates.map((u) => u.body.ts)).size).toBe(1);
    expect(messageText(updates.at(-1)!.body)).toMatch(/60 sur 104/);

    expect(await say('/seance lever 19:40')).toContain('La séance est levée à 19 h 40');
    const last = h.fake.calls.filter((c) => c.method === 'chat.update' && c.body.ts === updates[0]!.body.ts).at(-1)!;
    expect(messageText(last.body)).toContain('Séance levée à 19 h 40');
    expect(messageText(last.body)).toMatch(/60 sur 104/);

    await h.command(USERS.secretary, `/pv ${DAY}`, { channel: SECRETARIAT });
    const upload = await h.fake.waitFor((u): u is FileUpload => u.kind === 'upload' && u.filename === `pv-${DAY}.docx`);
    const doc = readDocx(new Uint8Array(upload.bytes))
      .paragraphs.join('\n')
      .replace(/[\u00a0\u202f]/g, ' ');
    expect(doc).toContain('La séance est ouverte à 17 h 35.');
    expect(doc).toContain('Mme PINON arrivée à 17 h 50 (en salle).');
    expect(doc).toContain('M. PAYEN quitte la séance à 18 h 30 et donne pouvoir à M. PARSIS.');
    expect(doc).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");
    expect(doc).toContain("M. DELFOSSE s'est retiré et n'a pas pris part au vote");
    expect(doc).toContain('Adoptée par 8 voix pour, 6 contre');
    expect(doc).toContain('Ont voté contre : Mme ROY');
    expect(doc).toMatch(/Adoptée par 30 voix pour, 30 contre, la voix du président étant prépondérante/);
    expect(doc).toContain('la séance est levée à 19 h 40');
  });
});
