/**
 * @module Issue 11's « done when » on Discord (real discord.js against the fake on 127.0.0.1): the secretary runs the
 * whole session from a DM with the bot — open, roll call by clicking the /appel buttons (the live message in the
 * secretariat channel edited in place, never posted again), an arrival, a departure with a proxy, a withdrawal,
 * three votes (unanimity typed; a split weighted vote and a tie decided by the president, both by the delegates'
 * ballot buttons), close — then /pv states every fact with its figures, and its .docx reads back with the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest, SentInteraction } from '../../helpers/fake-discord.ts';
import { readDocx } from '../../helpers/docx-text.ts';
import { bodyText, expectValidMessage, IDS, startHarness, type Harness } from './harness.ts';

const DAY = '2026-12-15';
const DELFOSSE = '300000000000000005';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    bot: { now: `${DAY}T08:00:00Z` },
    // One more delegate with a Discord account, to click while withdrawn.
    yaml: (y) =>
      y.replace(
        'lastName: DELFOSSE, firstName: Jean-Philippe, member: epci, votes: 1 }',
        `lastName: DELFOSSE, firstName: Jean-Philippe, member: epci, votes: 1, discordId: "${DELFOSSE}" }`,
      ),
  });
  expect(await h.bot.say(`/seance planifier ${DAY} 17:30 Salle du conseil, Amiens et visio`)).toContain(
    'Séance planifiée',
  );
  for (const t of ['Coffre-fort de mots de passe', 'Tarifs 2027', 'Adhésion de la commune de Doullens'])
    await h.bot.say(`/odj ajouter ${DAY} deliberation ${t}`);
  h.bot.clock.set(new Date(`${DAY}T16:35:00Z`)); // 17:35 in Paris
});
afterAll(async () => {
  await h.close();
});

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const isPost = (channelId: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/channels/${channelId}/messages`;
const isEdit = (r: RecordedRequest) => r.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(r.path);
const posts = (channelId: string, title: string) =>
  h.fake.requests.filter((r) => isPost(channelId)(r) && bodyText(r.body).includes(title));
const editsOf = (title: string) => h.fake.requests.filter((r) => isEdit(r) && bodyText(r.body).includes(title));

/** The secretary types a line in their DM with the bot; resolves with the bot's answer (all its pages). */
async function say(line: string): Promise<string> {
  const dm = h.fake.dmChannelFor(IDS.SECRETARIAT).id as string;
  const before = h.fake.requests.length;
  h.fake.sendMessage({ content: line, authorId: IDS.SECRETARIAT, dm: true });
  await h.fake.waitForRequest((r) => h.fake.requests.indexOf(r) >= before && isPost(dm)(r), 5000);
  await h.door.idle();
  return nb(
    h.fake.requests
      .slice(before)
      .filter(isPost(dm))
      .map((r) => bodyText(r.body))
      .join('\n'),
  );
}

/** A click, and the answer it got (the interaction's callback or its follow-up after a deferral). */
async function click(sent: SentInteraction) {
  const answered = await h.answer(sent, 5000);
  await h.door.idle();
  return { ...answered, text: nb(bodyText(answered.message)) };
}

const buttonsOf = (body: any): any[] => (body?.components ?? []).flatMap((row: any) => row.components);

describe('a whole session on Discord', () => {
  it('opens, calls the roll by buttons, votes by buttons, closes, and writes the PV with the figures', async () => {
    expect(await say('/seance ouvrir')).toContain('La séance est ouverte à 17 h 35');
    await expect.poll(() => posts(h.fake.secretariatChannelId, 'Séance en direct').length).toBe(1);

    // Roll call: the first three pages of buttons in the DM (24 delegates), one click per delegate; two of them remote.
    const dm = h.fake.dmChannelFor(IDS.SECRETARIAT).id as string;
    let clicks = 0;
    for (let page = 1; page <= 3; page++) {
      const before = h.fake.requests.length;
      expect(await say(`/appel ${page}`)).toContain(`Émargement (page ${page} sur 6)`);
      const pageBody = h.fake.requests.slice(before).find(isPost(dm))!.body;
      expectValidMessage(pageBody);
      const buttons = buttonsOf(pageBody);
      expect(buttons).toHaveLength(24);
      let message: any;
      for (const b of buttons) {
        const name = (b.label as string).replace(/ : \w+$/u, '');
        const where = name === 'Mme DE WAZIERS' || name === 'M. FOURNIER' ? 'distance' : 'salle';
        if (!(b.label as string).endsWith(`: ${where}`)) continue;
        const sent = h.fake.sendButton({ customId: b.custom_id, userId: IDS.SECRETARIAT, dm: true, message });
        message ??= sent.payload.message; // the /appel page: every click is on it
        const answered = await click(sent);
        // Answered to the clicker alone: the page keeps its buttons for the next delegate.
        expect(answered.callback.body.type).toBe(4);
        expect(answered.message.flags).toBe(64);
        expect(answered.text).toContain('Présence enregistrée');
        clicks++;
      }
    }
    expect(clicks).toBe(24);
    expect(h.fake.requests.some((r) => r.path.endsWith('/callback') && r.body?.type === 7)).toBe(false);
    // The live message was edited at each click, in place: one message, never posted again.
    const liveEdits = () => editsOf('Séance en direct');
    await expect.poll(() => liveEdits().length).toBeGreaterThanOrEqual(24);
    expect(new Set(liveEdits().map((r) => r.path)).size).toBe(1);
    expect(posts(h.fake.secretariatChannelId, 'Séance en direct')).toHaveLength(1);
    expect(nb(bodyText(liveEdits().at(-1)!.body))).toMatch(/Voix\s+54 sur 104/);

    // Several names at once, an arrival; item 1 voted unanimously (typed).
    expect(await say('/presence excuse MAROTTE FRION')).toContain('Présences enregistrées');
    expect(await say('/presence PINON arrive 17:50')).toContain('Mme PINON : arrivée à 17 h 50 (en salle).');
    await say('/point suivant');
    expect(await say('/vote 1 unanimite')).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");

    // A departure with a proxy to a delegate who will vote for both.
    expect(await say('/presence PAYEN part 18:30 PARSIS')).toContain(
      'M. PAYEN : quitte la séance à 18 h 30 et donne pouvoir à M. PARSIS.',
    );
    // Item 2: DELFOSSE withdraws; the delegates vote with the ballot buttons.
    await say('/point suivant');
    expect(await say('/point retrait DELFOSSE')).toContain('M. DELFOSSE se retire du point 2');
    expect(await say('/vote 2 ouvrir')).toContain('Vote ouvert : délibération n° 2');
    const ballotPost = await h.fake.waitForRequest(
      (r) => isPost(h.fake.delegatesChannelId)(r) && bodyText(r.body).includes('délibération n° 2'),
    );
    expectValidMessage(ballotPost.body);
    expect(buttonsOf(ballotPost.body).map((b) => [b.label, b.custom_id])).toEqual([
      ['Pour', 'act:/vote 2 pour'],
      ['Contre', 'act:/vote 2 contre'],
      ['Abstention', 'act:/vote 2 abstention'],
    ]);
    expect(posts(h.fake.secretariatChannelId, 'Vote en cours : délibération n° 2')).toHaveLength(1);
    let ballot: any;
    const vote = async (userId: string, choice: string) => {
      const sent = h.fake.sendButton({
        customId: `act:/vote 2 ${choice}`,
        userId,
        channelId: h.fake.delegatesChannelId,
        message: ballot,
      });
      ballot ??= sent.payload.message;
      return click(sent);
    };
    const varlet = await vote(IDS.VARLET, 'pour');
    expect(varlet.message.flags).toBe(64);
    expect(varlet.text).toContain('Votre vote : pour (6 voix).');
    expect((await vote(IDS.ROY, 'pour')).text).toContain('Vote enregistré');
    expect((await vote(IDS.ROY, 'contre')).text).toContain('Il remplace votre vote précédent (pour).');
    expect((await vote(IDS.PARSIS, 'pour')).text).toContain('Il compte aussi pour M. PAYEN, que vous représentez');
    const payen = await vote(IDS.PAYEN, 'contre');
    expect(payen.message.flags).toBe(64);
    expect(payen.text).toContain("M. PAYEN n'est pas présent et a donné pouvoir à M. PARSIS");
    expect((await vote(DELFOSSE, 'contre')).text).toContain("M. DELFOSSE s'est retiré du point 2");
    // Both copies of the ballot (delegates, secretariat) edited in place with the running count, no names.
    const ballotEdits = () => editsOf('Vote en cours : délibération n° 2');
    await expect.poll(() => ballotEdits().length).toBeGreaterThanOrEqual(8);
    expect(new Set(ballotEdits().map((r) => r.path)).size).toBe(2);
    const running = nb(bodyText(ballotEdits().at(-1)!.body));
    expect(running).toMatch(/Pour\s+8 voix/);
    expect(running).toMatch(/Contre\s+6 voix/);
    expect(running).not.toMatch(/VARLET|ROY|PARSIS/);
    expect(buttonsOf(ballotEdits().at(-1)!.body)).toHaveLength(3);

    const closed = await say('/vote 2 clore');
    expect(closed).toContain('Vote clos : délibération n° 2');
    expect(closed).toContain('Adoptée par 8 voix pour, 6 contre');
    await expect
      .poll(() => nb(bodyText(h.fake.requests.filter((r) => r.path === ballotEdits()[0]!.path).at(-1)!.body)))
      .toContain('Vote clos : Adoptée par 8 voix pour, 6 contre');
    const settled = h.fake.requests.filter((r) => r.path === ballotEdits()[0]!.path).at(-1)!;
    expect(settled.body.components).toEqual([]);
    expect((await vote(IDS.VARLET, 'contre')).text).toContain('Vote non enregistré : le vote sur le point 2 est clos');

    // Item 3: a tie, decided by the president's own vote.
    await say('/point 3');
    await say('/vote 3 ouvrir');
    ballot = undefined;
    const vote3 = async (userId: string, choice: string) => {
      const sent = h.fake.sendButton({
        customId: `act:/vote 3 ${choice}`,
        userId,
        channelId: h.fake.delegatesChannelId,
        message: ballot,
      });
      ballot ??= sent.payload.message;
      return click(sent);
    };
    await vote3(IDS.VARLET, 'pour');
    await vote3(IDS.ROY, 'contre');
    expect(await say('/vote 3 clore')).toContain(
      'Adoptée par 6 voix pour, 6 contre, la voix du président étant prépondérante',
    );

    expect(await say('/seance lever 19:40')).toContain('La séance est levée à 19 h 40');
    const livePath = liveEdits()[0]!.path;
    await expect
      .poll(() => nb(bodyText(h.fake.requests.filter((r) => r.path === livePath).at(-1)!.body)))
      .toContain('Séance levée à 19 h 40');

    // The minutes, asked with the slash command: the chat text and the Word file carry the same facts.
    const pv = h.fake.sendCommand({ name: 'pv', options: { séance: DAY }, userId: IDS.SECRETARIAT });
    const { callback } = await h.answer(pv, 10000);
    await h.door.idle();
    const chat = nb(
      h.fake.requests
        .filter((r) => r.path.includes(pv.token) || r === callback)
        .map((r) => bodyText(r.path.endsWith('/callback') ? r.body?.data : r.body))
        .join('\n'),
    );
    const file = [...h.fake.requests.filter((r) => r.path.includes(pv.token))]
      .flatMap((r) => r.files)
      .find((f) => f.filename === `pv-${DAY}.docx`)!;
    expect(file).toBeDefined();
    const docx = readDocx(new Uint8Array(file.data));
    const doc = nb([...docx.paragraphs, ...docx.tables.flat().map((row) => row.join(' | '))].join('\n'));
    for (const text of [chat, doc]) {
      expect(text).toContain('La séance est ouverte à 17 h 35.');
      expect(text).toContain('Mme PINON arrivée à 17 h 50 (en salle).');
      expect(text).toContain('M. PAYEN quitte la séance à 18 h 30 et donne pouvoir à M. PARSIS.');
      expect(text).toContain("Adoptée à l'unanimité des suffrages exprimés (60 voix)");
      expect(text).toContain("M. DELFOSSE s'est retiré et n'a pas pris part au vote");
      expect(text).toContain('Adoptée par 8 voix pour, 6 contre');
      expect(text).toContain('Ont voté contre : Mme ROY');
      expect(text).toContain('Adoptée par 6 voix pour, 6 contre, la voix du président étant prépondérante');
      expect(text).toContain('la séance est levée à 19 h 40');
    }
    // The tables show the room at the opening: PAYEN there (he left at 18:30), PINON not yet (17:50).
    expect(doc).toMatch(/M\. PAYEN \| — \| 1/);
    expect(doc).not.toMatch(/Mme PINON \|/);
  });
});
