/** @module Every command, listed explicitly (no folder scanning): the order is the order of /aide. */
import type { Command } from '../core/command.ts';
import { aide } from './aide.ts';
import { appel } from './appel.ts';
import { point } from './point.ts';
import { vote } from './vote.ts';
import { calendrier } from './calendrier.ts';
import { convocation } from './convocation.ts';
import { delegues } from './delegues.ts';
import { devis } from './devis.ts';
import { journal } from './journal.ts';
import { odj } from './odj.ts';
import { pouvoir } from './pouvoir.ts';
import { pouvoirs } from './pouvoirs.ts';
import { presence } from './presence.ts';
import { publier } from './publier.ts';
import { pv } from './pv.ts';
import { quorum } from './quorum.ts';
import { rappel } from './rappel.ts';
import { rappels } from './rappels.ts';
import { relances } from './relances.ts';
import { reponse } from './reponse.ts';
import { seance } from './seance.ts';
import { seances } from './seances.ts';
import { seminaire } from './seminaire.ts';
import { tarifs } from './tarifs.ts';

export const commands: readonly Command[] = [
  aide,
  seances,
  seance,
  odj,
  convocation,
  reponse,
  relances,
  quorum,
  pouvoirs,
  pouvoir,
  presence,
  appel,
  point,
  vote,
  delegues,
  tarifs,
  devis,
  pv,
  journal,
  rappels,
  rappel,
  seminaire,
  publier,
  calendrier,
];
