/**
 * @module /pouvoir donner|retirer|confirmer|refuser. A delegate declares only their own proxy, pending until
 * a secretary confirms; a secretary records or confirms directly. Requests go to the secretariat's outbox.
 * The request `opens` a key that confirmer, refuser and retirer `close`, so every copy of it shows the outcome;
 * donner never replaces a pending request (a giver's second proxy is refused), so it closes nothing.
 */
import { addProxy, confirmProxy, proxyOf, removeProxy } from '../core/assembly/proxies.ts';
import { arg, defineCommand, type CommandContext } from '../core/command.ts';
import { fail } from '../core/errors.ts';
import type { Delegate, Proxy, Session, SessionRecord } from '../core/model.ts';
import { liveUpdate } from './live-message.ts';
import { list, reply, text, type Outgoing, type Reply } from '../core/reply.ts';
import { sessionForChange } from '../core/sessions/lifecycle.ts';
import { formatDateLong } from '../core/text/dates.ts';
import { nameById, nameOf, sessionArg, sessionHeading, who } from './shared.ts';

const giverArg = arg({ name: 'mandant', kind: 'delegate', description: 'le délégué qui donne son pouvoir' });
const holderArg = arg({ name: 'mandataire', kind: 'delegate', description: 'le délégué présent qui le reçoit' });

function isSelf(ctx: CommandContext, d: Delegate): boolean {
  return ctx.actor.delegate?.id === d.id;
}

function requireSelfOrSecretary(ctx: CommandContext, giver: Delegate, verb: string): void {
  if (ctx.can('proxy.record') || isSelf(ctx, giver)) return;
  if (!ctx.actor.delegate)
    fail('access.unmapped', "Votre compte n'est associé à aucun délégué : vous pouvez consulter, pas modifier.");
  fail(
    'proxy.not-yours',
    `Un délégué ne peut ${verb} que son propre pouvoir ; pour celui de ${nameOf(giver)}, s'adresser au secrétariat.`,
  );
}

/** The key of a delegate's pending proxy request (`proxy:2026-12-15:roy`): what `opens` and `closes` name. */
export const proxyRequestKey = (s: Session, giver: Delegate) => `proxy:${s.id}:${giver.id}`;

/** While the session sits, the live message follows the proxies (a represented delegate counts). */
const live = (ctx: CommandContext, s: Session, record: SessionRecord, r: Reply): Reply => ({
  ...r,
  ...liveUpdate(ctx, s, record),
});

/** The reply settles the secretariat's request about this proxy: its messages show `outcome`, without buttons. */
const settles = (r: Reply, s: Session, giver: Delegate, outcome: string): Reply => ({
  ...r,
  closes: { key: proxyRequestKey(s, giver), outcome },
});

/** A direct message to the delegate concerned (the proxy's giver). */
function tellDelegate(
  ctx: CommandContext,
  s: Session,
  d: Delegate,
  title: string,
  body: string,
  tone: Reply['tone'] = 'success',
): Outgoing {
  return {
    to: { kind: 'delegate', id: d.id },
    reply: reply(title, [text(body)], { tone, session: sessionHeading(ctx, s), visibility: 'ephemeral' }),
  };
}

function done(
  title: string,
  lines: string[],
  ctx: CommandContext,
  s: Session,
  outbox: Outgoing[] = [],
  visibility: Reply['visibility'] = 'public',
): Reply {
  return reply(title, [text(lines[0]!), ...(lines.length > 1 ? [list(lines.slice(1))] : [])], {
    tone: 'success',
    session: sessionHeading(ctx, s),
    outbox,
    visibility,
    rule: `Pouvoirs : ${ctx.config.body.proxyRuleSource}`,
  });
}

/** A delegate may name only the holder (`/pouvoir donner VARLET`): the giver is then the asker. */
const optionalHolderArg = arg({
  ...holderArg,
  optional: true,
  description:
    'le délégué présent qui le reçoit ; un délégué qui donne le sien peut ne nommer que lui (/pouvoir donner VARLET)',
});

function giverAndHolder(first: string, second: string | undefined, ctx: CommandContext): [Delegate, Delegate] {
  if (second !== undefined) return [ctx.delegate(first), ctx.delegate(second)];
  if (ctx.actor.delegate) return [ctx.actor.delegate, ctx.delegate(first)];
  return fail('args.invalid', 'Argument manquant : mandataire (le délégué présent qui reçoit le pouvoir).', [
    text('Usage : /pouvoir donner <mandant> <mandataire> [séance]'),
  ]);
}

/**
 * Which declaration a button decides: its `declaredAt`, carried by Confirmer / Refuser (`demande:<instant>`), so a
 * click on an old request (or a captured one, replayed) cannot decide a later declaration of the same delegate.
 */
const requestArg = arg({
  name: 'demande',
  kind: 'text',
  optional: true,
  description: 'la déclaration décidée (mise par les boutons : demande:<instant>)',
});
const REQUEST_PREFIX = 'demande:';

/** Fails in French when the button's declaration is not the pending one any more. */
function checkSameRequest(requested: string | undefined, p: Proxy | undefined, giver: Delegate): void {
  if (requested === undefined) return;
  const stamp = requested.startsWith(REQUEST_PREFIX) ? requested.slice(REQUEST_PREFIX.length) : requested;
  if (p && p.declaredAt === stamp) return;
  fail(
    'proxy.stale',
    `Ce bouton concerne une demande de pouvoir de ${nameOf(giver)} déjà traitée${p ? ' : une nouvelle déclaration est en attente, décidez-la depuis son propre message' : ''}. Rien n'a été modifié.`,
  );
}

/** The secretariat's request about a declared proxy, with Confirmer / Refuser (also used by /reponse pouvoir). */
export function proxyRequest(
  ctx: CommandContext,
  s: Session,
  giver: Delegate,
  holder: Delegate,
  via = 'déclare',
  declaredAt?: string,
): Outgoing {
  const cmd = (verb: string) =>
    `/pouvoir ${verb} ${giver.lastName} ${s.date}${declaredAt ? ` ${REQUEST_PREFIX}${declaredAt}` : ''}`;
  const request = reply(
    'Demande de pouvoir à confirmer',
    [text(`${nameOf(giver)} ${via} donner pouvoir à ${nameOf(holder)} (${giver.votes} voix).`)],
    {
      session: sessionHeading(ctx, s),
      visibility: 'public',
      opens: proxyRequestKey(s, giver),
      actions: [
        {
          id: 'proxy.confirm',
          label: 'Confirmer',
          value: cmd('confirmer'),
          command: cmd('confirmer'),
          style: 'primary',
        },
        { id: 'proxy.refuse', label: 'Refuser', value: cmd('refuser'), command: cmd('refuser'), style: 'danger' },
      ],
    },
  );
  return { to: { kind: 'secretariat' }, reply: request };
}

const donner = defineCommand({
  name: 'donner',
  description: 'Donner (délégué : déclarer) ou enregistrer (secrétariat) un pouvoir',
  args: [giverArg, optionalHolderArg, sessionArg],
  examples: [
    '/pouvoir donner ROY PARSIS 2024-10-07',
    '/pouvoir donner "Mme de Waziers" PENAUD',
    '/pouvoir donner moi VARLET 7 octobre 2024',
  ],
  access: 'self',
  async run(args, ctx) {
    const [giver, holder] = giverAndHolder(args['mandant'], args['mandataire'], ctx);
    requireSelfOrSecretary(ctx, giver, 'déclarer');
    const target = await sessionForChange(ctx, args['séance'], 'record');
    const s = target.session;
    const confirmed = ctx.can('proxy.record');
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      return addProxy(ctx.config.body, r, { giver, holder, confirmed }, who(ctx));
    });
    if (confirmed) {
      return live(
        ctx,
        s,
        change.record,
        done(
          'Pouvoir enregistré',
          [`${nameOf(giver)} donne pouvoir à ${nameOf(holder)} (${giver.votes} voix).`, ...change.notes],
          ctx,
          s,
          [
            tellDelegate(
              ctx,
              s,
              giver,
              'Pouvoir enregistré',
              `Le secrétariat a enregistré votre pouvoir à ${nameOf(holder)} pour la séance du ${formatDateLong(s.date)}.`,
            ),
          ],
        ),
      );
    }
    return live(
      ctx,
      s,
      change.record,
      done(
        'Pouvoir déclaré, en attente de confirmation',
        [`Votre pouvoir à ${nameOf(holder)} est transmis au secrétariat, qui le confirmera.`, ...change.notes],
        ctx,
        s,
        [proxyRequest(ctx, s, giver, holder, 'déclare', proxyOf(change.record, giver.id)?.declaredAt)],
        'ephemeral',
      ),
    );
  },
});

const retirer = defineCommand({
  name: 'retirer',
  description: 'Retirer un pouvoir (le sien, ou tout pouvoir pour le secrétariat)',
  args: [giverArg, sessionArg],
  examples: ['/pouvoir retirer ROY 2024-10-07'],
  access: 'self',
  async run(args, ctx) {
    const giver = ctx.delegate(args['mandant']);
    requireSelfOrSecretary(ctx, giver, 'retirer');
    const target = await sessionForChange(ctx, args['séance'], 'record');
    const s = target.session;
    const name = nameById(ctx);
    const before = proxyOf(await ctx.records.record(s.id), giver.id);
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      return removeProxy(r, giver, name(proxyOf(r, giver.id)?.holder ?? ''), who(ctx), 'pouvoir retiré');
    });
    // Closing a request that is already settled (a confirmed proxy) does nothing.
    return live(
      ctx,
      s,
      change.record,
      settles(
        done(
          'Pouvoir retiré',
          [`Le pouvoir de ${nameOf(giver)}${before ? ` à ${name(before.holder)}` : ''} est retiré.`, ...change.notes],
          ctx,
          s,
        ),
        s,
        giver,
        `Retiré par ${ctx.actor.name}`,
      ),
    );
  },
});

const confirmer = defineCommand({
  name: 'confirmer',
  description: 'Confirmer un pouvoir déclaré (secrétariat)',
  args: [giverArg, sessionArg, requestArg],
  examples: ['/pouvoir confirmer ROY'],
  access: 'proxy.record',
  async run(args, ctx) {
    const giver = ctx.delegate(args['mandant']);
    const target = await sessionForChange(ctx, args['séance'], 'record');
    const s = target.session;
    const name = nameById(ctx);
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      const p = proxyOf(r, giver.id);
      checkSameRequest(args['demande'], p, giver);
      if (!p) fail('proxy.not-found', `Aucun pouvoir de ${nameOf(giver)} n'est enregistré pour cette séance.`);
      return confirmProxy(ctx.config.body, r, giver, ctx.delegate(name(p.holder)), who(ctx));
    });
    const holder = name(proxyOf(change.record, giver.id)!.holder);
    return live(
      ctx,
      s,
      change.record,
      settles(
        done(
          'Pouvoir confirmé',
          [`Pouvoir de ${nameOf(giver)} à ${holder} confirmé par ${ctx.actor.name}.`, ...change.notes],
          ctx,
          s,
          [
            tellDelegate(
              ctx,
              s,
              giver,
              'Pouvoir confirmé',
              `Votre pouvoir à ${holder} pour la séance du ${formatDateLong(s.date)} est confirmé par ${ctx.actor.name}.`,
            ),
          ],
        ),
        s,
        giver,
        `Confirmé par ${ctx.actor.name}`,
      ),
    );
  },
});

const refuser = defineCommand({
  name: 'refuser',
  description: 'Refuser un pouvoir déclaré (secrétariat)',
  args: [giverArg, sessionArg, requestArg],
  examples: ['/pouvoir refuser ROY'],
  access: 'proxy.record',
  async run(args, ctx) {
    const giver = ctx.delegate(args['mandant']);
    const target = await sessionForChange(ctx, args['séance'], 'record');
    const s = target.session;
    const name = nameById(ctx);
    let holder = '';
    const change = await ctx.records.update(s.id, (r) => {
      target.guard(r);
      checkSameRequest(args['demande'], proxyOf(r, giver.id), giver);
      holder = name(proxyOf(r, giver.id)?.holder ?? '');
      return removeProxy(r, giver, holder, who(ctx), 'pouvoir refusé');
    });
    return live(
      ctx,
      s,
      change.record,
      settles(
        done(
          'Pouvoir refusé',
          [`Pouvoir de ${nameOf(giver)} à ${holder} refusé par ${ctx.actor.name}.`, ...change.notes],
          ctx,
          s,
          [
            tellDelegate(
              ctx,
              s,
              giver,
              'Pouvoir refusé',
              `Votre pouvoir à ${holder} pour la séance du ${formatDateLong(s.date)} a été refusé par ${ctx.actor.name}. Contactez le secrétariat pour en savoir plus.`,
              'warning',
            ),
          ],
        ),
        s,
        giver,
        `Refusé par ${ctx.actor.name}`,
      ),
    );
  },
});

export const pouvoir = defineCommand({
  name: 'pouvoir',
  description: 'Donner, retirer, confirmer ou refuser un pouvoir',
  examples: [],
  access: 'read',
  subcommands: [donner, retirer, confirmer, refuser],
});
