/** Error thrown by readers for a file that cannot be used; the message names the reason. */
export class SourceError extends Error {}

/** True when the first bytes contain NUL characters: a binary file, whatever its extension. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** Decodes UTF-8 text strictly; binary data and invalid UTF-8 throw errors naming the file. */
export function decodeUtf8(bytes: Uint8Array, _filePath?: string): string {
  if (looksBinary(bytes)) throw new SourceError(`binary file, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new SourceError(`not valid UTF-8 text`);
  }
}

/** `YYYY-MM-DD` from an ISO-like date or date-time (`2025-10-13T07:45:00+02:00`), else undefined. */
export function isoDate(s: unknown): string | undefined {
  if (s instanceof Date && !Number.isNaN(s.getTime())) return s.toISOString().slice(0, 10);
  if (typeof s !== 'string' && typeof s !== 'number') return undefined;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(String(s));
  if (m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31) return `${m[1]}-${m[2]}-${m[3]}`;
  return undefined;
}
