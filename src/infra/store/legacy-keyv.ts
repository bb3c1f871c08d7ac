/**
 * @module Reading the values that today's installs stored through keyv 5 + @keyv/sqlite: table `keyv`
 * (key, value), keys `seance:<key>`, values `{"value": …, "expires"?: ms}` serialised by @keyv/serialize,
 * which prefixes every string that starts with ":" by one more ":" (and writes Buffers as ":base64:…",
 * which the bot never stored).
 */
export const LEGACY_NAMESPACE = 'seance:';

/** The stored value as plain JSON text, or undefined when the row is expired or not the bot's. */
export function decodeLegacyRow(
  key: string,
  raw: string,
  nowMs = Date.now(),
): { key: string; json: string } | undefined {
  if (!key.startsWith(LEGACY_NAMESPACE)) return undefined;
  const data = JSON.parse(raw, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(':') ? v.slice(1) : v)) as {
    value?: unknown;
    expires?: number | null;
  };
  if (typeof data.expires === 'number' && data.expires <= nowMs) return undefined;
  if (data.value === undefined) return undefined;
  return { key: key.slice(LEGACY_NAMESPACE.length), json: JSON.stringify(data.value) };
}
