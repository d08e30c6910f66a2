/**
 * The form in which two emails are the same entrant: trimmed and lower-cased. Deliberately no more (no
 * removal of dots or `+tags`): whether those make another person is the contest's rule, not ours to guess.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
