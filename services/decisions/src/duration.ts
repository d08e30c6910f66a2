import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration written `<n><unit>` with unit s, m, h or d (`90s`, `30m`, `72h`, `7d`), as milliseconds. */
export const durationMs = () =>
  z
    .string()
    .regex(/^[1-9][0-9]*[smhd]$/, 'Expected a duration such as 90s, 30m, 72h or 7d')
    .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.at(-1) as keyof typeof UNIT_MS]);
