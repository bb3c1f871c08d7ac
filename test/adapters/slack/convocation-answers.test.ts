/**
 * @module End to end (real Bolt on 127.0.0.1, fake Slack Web API): the secretariat sends the convocation, each
 * delegate gets it by DM with the answer buttons; three answer by button (salle, distance, pouvoir chosen from
 * the list of possible holders), the secretariat confirms the proxy; /quorum forecasts; the J-2 alert goes once.
 */
import { withoutVersion } from '../../../src/core/action-version.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../helpers/fake-slack.ts';
import { closeSlackAgent } from '../../helpers/fake-slack.ts';
import type { FakeClock } from '../../../src/infra/clock.ts';
import { blockKitViolations, messageText } from './block-kit-limits.ts';
import { SECRETARIAT, startSlackHarness, USERS, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ now: '2026-12-04T10:00:00Z' });
  expect(await h.peek('/seance planifier 2026-12-15 17:30 Amiens et visio')).toContain('Séance planifiée');
});
afterAll(async () => {
  await h.close();
  closeSlackAgent();
});

type Button = { action_id: string; value: string };
const buttonsOf = (blocks: unknown): Button[] =>
  ((blocks as any[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
const dmOf = (user: string) =>
  h.fake.calls
    .filter((c) => c.method === 'chat.postMessage' && c.body.channel === `D${user}` && buttonsOf(c.body.blocks).length)
    .at(-1)!;
const pick = (blocks: unknown, value: string) => buttonsOf(blocks).find((b) => withoutVersion(b.value) === value)!;

describe('answering the convocation by button in Slack', () => {
  it("the secretariat sends the convocation: the delegates' channel, and a DM with buttons to each delegate Slack can reach", async () => {
    const { responses } = await h.command(USERS.secretary, '/convocation envoyer 2026-12-15');
    const answer = messageText(responses[0]!.body);
    expect(answer).toContain('Convocation envoyée');
    expect(answer).toMatch(
      /par le bot \(Slack\) : 4 délégués sur 47 joints par message direct, et le canal des délégués/,
    );
    expect(answer).toContain('Non joints par message direct : ');
    for (const user of [USERS.varlet, USERS.parsis, USERS.payen, USERS.roy]) {
      const dm = dmOf(user);
      expect(blockKitViolations(dm.body)).toEqual([]);
      // Each carries the version of the convocation it answers (a click after the session moved is refused).
      expect(buttonsOf(dm.body.blocks).every((b) => / version:[0-9a-z]+$/.test(b.value))).toBe(true);
      expect(buttonsOf(dm.body.blocks).map((b) => withoutVersion(b.value))).toEqual([
        '/reponse salle 2026-12-15',
        '/reponse distance 2026-12-15',
        '/reponse excuse 2026-12-15',
        '/reponse pouvoir 2026-12-15',
      ]);
    }
    expect(await h.peek('/seances')).toMatch(/mardi 15 décembre 2026.*convoquée/);
  });

  it('PARSIS clicks « Présent(e) en salle », PAYEN « À distance »: private confirmations, the DM keeps its buttons', async () => {
    const before = h.fake.calls.length;
    for (const [user, value, said] of [
      [USERS.parsis, '/reponse salle 2026-12-15', 'présent en salle'],
      [USERS.payen, '/reponse distance 2026-12-15', 'présent à distance'],
    ] as const) {
      const dm = dmOf(user);
      const { http, responses } = await h.click(user, pick(dm.body.blocks, value), dm);
      expect(http.status).toBe(200);
      expect(responses[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(messageText(responses[0]!.body)).toContain(`Réponse enregistrée : ${said}`);
    }
    expect(h.fake.calls.slice(before).filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('ROY clicks « Je donne pouvoir… », picks PARSIS from the list; the secretariat confirms with its button', async () => {
    const dm = dmOf(USERS.roy);
    const list = await h.click(USERS.roy, pick(dm.body.blocks, '/reponse pouvoir 2026-12-15'), dm);
    const choices = list.responses[0]!.body as any;
    expect(choices.response_type).toBe('ephemeral');
    expect(messageText(choices)).toContain('À qui donnez-vous pouvoir ?');
    expect(
      buttonsOf(choices.blocks)
        .slice(0, 2)
        .map((b) => withoutVersion(b.value)),
    ).toEqual(['/reponse pouvoir "M. PARSIS" 2026-12-15', '/reponse pouvoir "M. PAYEN" 2026-12-15']);

    const before = h.fake.calls.length;
    const ephemeral = { body: { channel: `D${USERS.roy}`, blocks: choices.blocks } } as unknown as ApiCall;
    const chosen = await h.click(USERS.roy, pick(choices.blocks, '/reponse pouvoir "M. PARSIS" 2026-12-15'), ephemeral);
    expect(messageText(chosen.responses[0]!.body)).toContain(
      'vous donnez pouvoir à M. PARSIS ; le secrétariat le confirmera',
    );
    const request = await h.fake.waitForCall(
      'chat.postMessage',
      (c) => c.body.channel === SECRETARIAT && h.fake.calls.indexOf(c) >= before,
    );
    expect(messageText(request.body)).toContain(
      'Mme ROY annonce (réponse à la convocation) donner pouvoir à M. PARSIS',
    );
    const confirm = buttonsOf(request.body.blocks)[0]!;
    expect(confirm.value).toEqual(expect.stringMatching(/^\/pouvoir confirmer ROY 2026-12-15 demande:\S+Z$/));
    await h.click(USERS.secretary, confirm, request, '1700000200.000100');
    expect(await h.peek('/pouvoirs 2026-12-15')).not.toContain('En attente');
  });

  it('/quorum forecasts from the answers; /relances lists the others; the J-2 alert reaches the secretariat once', async () => {
    const { responses } = await h.command(USERS.varlet, '/quorum 2026-12-15');
    const q = messageText(responses[0]!.body);
    expect(q).toContain('État de la séance : convoquée.');
    expect(q).toMatch(/Présents annoncés[\s\S]*2 \(1 en salle, 1 à distance\)/);
    expect(q).toMatch(/Pouvoirs annoncés[\s\S]*1/);
    expect(q).toMatch(/Sans réponse[\s\S]*44/);
    expect(q).toContain('quorum non atteint : 3 sur 24 délégués, il en manque 21');
    expect(await h.peek('/relances 2026-12-15')).toContain('Relances (44)');

    const clock = h.hub.clock as FakeClock;
    const alerts = () =>
      h.fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === SECRETARIAT &&
          messageText(c.body).includes('Quorum compromis'),
      );
    clock.set(new Date('2026-12-13T08:00:00Z'));
    await h.hub.reminders.tick();
    clock.set(new Date('2026-12-13T08:01:00Z'));
    await h.hub.reminders.tick();
    expect(alerts()).toHaveLength(1);
    expect(messageText(alerts()[0]!.body)).toContain('Sans réponse (44)');
    // VARLET has not answered: reminded by DM, once.
    const reminders = h.fake.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === `D${USERS.varlet}` &&
        messageText(c.body).includes('votre réponse ?'),
    );
    expect(reminders).toHaveLength(1);
  });
});
