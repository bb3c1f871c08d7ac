/** @module /relances [séance]: the delegates who have not answered the convocation, and whether quorum is at risk. */
import { defineCommand } from '../core/command.ts';
import { list, reply, text, type Block } from '../core/reply.ts';
import { forecast } from '../core/sessions/answers.ts';
import { STATE_LABEL, stateOf } from '../core/sessions/lifecycle.ts';
import { nameOf, sessionArg, sessionHeading } from './shared.ts';

export const relances = defineCommand({
  name: 'relances',
  description: "Délégués qui n'ont pas répondu à la convocation (secrétariat)",
  args: [sessionArg],
  examples: ['/relances', '/relances 2026-12-15'],
  access: 'journal.read',
  async run(args, ctx) {
    const s = await ctx.session(args['séance']);
    const f = forecast(ctx.config.body, ctx.config.roster, await ctx.records.record(s.id));
    const state = await stateOf(ctx, s);
    const blocks: Block[] = [
      text(
        `État de la séance : ${STATE_LABEL[state]}. Sans réponse, ni présence ni pouvoir enregistrés : ${f.noAnswer.length} sur ${f.quorum.inOffice}.`,
      ),
    ];
    if (f.noAnswer.length) blocks.push(list(f.noAnswer.map(nameOf), 'À relancer'));
    blocks.push(
      text(
        f.quorum.reached
          ? "Avec les réponses reçues, le quorum est atteint même si personne d'autre ne vient."
          : `Avec les réponses reçues, le quorum n'est pas atteint : il manque ${f.quorum.missing} (détail : /quorum ${s.date}).`,
      ),
    );
    if (!f.quorum.reached && f.canReceive.length)
      blocks.push(list(f.canReceive.map(nameOf), 'Présents qui peuvent encore recevoir un pouvoir'));
    return reply(`Relances (${f.noAnswer.length})`, blocks, {
      tone: f.quorum.reached ? 'info' : 'warning',
      session: sessionHeading(ctx, s),
      visibility: 'ephemeral',
    });
  },
});
