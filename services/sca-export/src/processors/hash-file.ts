/**
 * The `.hsh` file's content for an entries file: its sha256 as 64 lowercase hex characters, nothing else
 * (no trailing newline, no file name): exactly what the legacy generator submitted, and what a reader that
 * compares the file with the digest, with or without trimming, accepts.
 */
export function hashFileContent(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new RangeError(`not a lowercase hex sha256: ${JSON.stringify(sha256)}`);
  return sha256;
}

/** The sha256 in a `.hsh` file's content, tolerant of surrounding blanks and upper case; `undefined` if none. */
export function parseHashFile(content: string): string | undefined {
  const digest = content.trim().toLowerCase();
  return /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}
