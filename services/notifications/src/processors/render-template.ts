import { valueAt } from '@prizedraw/decisions';

/** A template's text parts; `{{ path }}` placeholders name fields of the event data (`prize.name`). */
export interface MessageTemplate {
  readonly name: string;
  readonly version: number;
  readonly title: string;
  readonly body: string;
}

/** A template could not be rendered; `reason` says which placeholder the data lacks. */
export class RenderError extends Error {
  override readonly name = 'RenderError';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** Fills the placeholders of `template` from `values`; a placeholder with no scalar value throws RenderError. */
export function renderTemplate(
  template: MessageTemplate,
  values: unknown,
): { readonly title: string; readonly body: string } {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, path: string) => {
      const value = valueAt(values, path);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return String(value);
      throw new RenderError(
        `template ${template.name} v${template.version} uses {{${path}}}, which the event does not have`,
      );
    });
  return { title: fill(template.title), body: fill(template.body) };
}
