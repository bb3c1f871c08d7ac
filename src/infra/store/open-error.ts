/** @module A store that cannot be opened: the French message names it (never its credentials) and says why. */
export class StoreOpenError extends Error {
  constructor(
    readonly where: string,
    readonly why: string,
  ) {
    super(`Stockage refusé : « ${where} » : ${why}.`);
    this.name = 'StoreOpenError';
  }
}
