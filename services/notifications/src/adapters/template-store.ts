import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '@prizedraw/events';
import { parse } from 'yaml';
import { z } from 'zod';
import type { MessageTemplate } from '../processors/render-template';

const templateFileSchema = z.strictObject({
  title: z.string().min(1, 'Expected a non-empty title'),
  body: z.string().min(1, 'Expected a non-empty body'),
});

const FILE_NAME = /^([a-z0-9][a-z0-9-]*)\.v([1-9][0-9]*)\.ya?ml$/;

/** The brand folder whose templates serve every brand that has none of its own. */
export const DEFAULT_BRAND = 'default';

/** A template file could not be used; the message names the file and the field. */
export class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';
}

/**
 * Message templates from versioned files `<dir>/<brand>/<locale>/<template>.v<version>.yaml` (`title`, `body`),
 * read and validated once at start-up. A lookup takes the brand's own folder, else `default`, and the highest
 * version there: a new wording is a new file, and the old one stays for the record.
 */
export class TemplateStore {
  readonly #templates = new Map<string, MessageTemplate>();

  private constructor() {}

  /** Reads every template under `dir`; a bad file stops start-up with a {@link TemplateFileError}. */
  static load(dir: string): TemplateStore {
    const store = new TemplateStore();
    for (const brand of subfolders(dir)) {
      for (const locale of subfolders(join(dir, brand))) {
        for (const file of readdirSync(join(dir, brand, locale))) {
          const path = join(dir, brand, locale, file);
          const match = FILE_NAME.exec(file);
          if (!match) throw new TemplateFileError(`${path}: expected a name <template>.v<version>.yaml`);
          store.#add(brand, locale, match[1]!, Number(match[2]), path);
        }
      }
    }
    return store;
  }

  /**
   * The newest version of template `name` for `brand` and `locale`. Throws a ValidationError (the record goes
   * to the dead-letter topic with it as the reason) when neither the brand nor `default` has one.
   */
  get(brand: string, locale: string, name: string, eventId?: string): MessageTemplate {
    const template =
      this.#templates.get(keyOf(brand, locale, name)) ??
      this.#templates.get(keyOf(DEFAULT_BRAND, locale, name));
    if (template) return template;
    throw new ValidationError(
      [
        {
          path: 'template',
          message: `no template ${name} for brand ${brand} (or ${DEFAULT_BRAND}), locale ${locale}`,
        },
      ],
      eventId === undefined ? {} : { eventId },
    );
  }

  #add(brand: string, locale: string, name: string, version: number, path: string): void {
    let document: unknown;
    try {
      document = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TemplateFileError(`${path}: not YAML: ${(error as Error).message}`);
    }
    const result = templateFileSchema.safeParse(document);
    if (!result.success) {
      const problems = result.error.issues.map(
        (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
      );
      throw new TemplateFileError(`${path}: ${problems.join('; ')}`);
    }
    const key = keyOf(brand, locale, name);
    const current = this.#templates.get(key);
    if (!current || current.version < version) this.#templates.set(key, { name, version, ...result.data });
  }
}

const keyOf = (brand: string, locale: string, name: string) => `${brand}/${locale}/${name}`;

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
