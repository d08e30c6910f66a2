import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateStore } from './template-store';

function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'templates-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('template store', () => {
  it("when a brand has its own template, then it wins over default's, and the highest version is taken", () => {
    const store = TemplateStore.load(
      templatesDir({
        'default/en-GB/draw-won.v1.yaml': 'title: default\nbody: b',
        'acme/en-GB/draw-won.v1.yaml': 'title: acme one\nbody: b',
        'acme/en-GB/draw-won.v2.yaml': 'title: acme two\nbody: b',
      }),
    );
    expect(store.get('acme', 'en-GB', 'draw-won')).toMatchObject({ title: 'acme two', version: 2 });
    expect(store.get('other', 'en-GB', 'draw-won')).toMatchObject({ title: 'default', version: 1 });
    expect(() => store.get('acme', 'de-DE', 'draw-won')).toThrow(
      'no template draw-won for brand acme (or default), locale de-DE',
    );
  });

  it('when a template file is invalid or badly named, then loading names the file and the field', () => {
    const bad = templatesDir({ 'default/en-GB/draw-won.v1.yaml': 'title: ""' });
    expect(() => TemplateStore.load(bad)).toThrow(
      /draw-won\.v1\.yaml: title: Expected a non-empty title; body: /,
    );
    const misnamed = templatesDir({ 'default/en-GB/draw-won.yaml': 'title: t\nbody: b' });
    expect(() => TemplateStore.load(misnamed)).toThrow(
      /draw-won\.yaml: expected a name <template>\.v<version>\.yaml/,
    );
  });
});
