/** `corroborate bib`: writes the bibliography (CSL-JSON or BibTeX) of the sources drafts cite. */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseDraft } from '../engine/draft/markdown';
import { findCitations } from '../engine/draft/citations';
import { cslFromSource, draftBibliography, frontMatterYaml, toBibtex, type CslItem } from '../corpus/bibliography';
import type { BibArgs } from './args';
import { FatalError, applyBibliography, findDrafts, loadCliCorpus, readDraft } from './sources';


/** Citation keys of a draft, in order of first use. */
export function citedKeys(text: string, markdown: boolean): string[] {
  const { prose, blocks } = parseDraft(text, markdown);
  const keys: string[] = [];
  for (const g of findCitations(prose, blocks)) for (const k of g.keys) if (!keys.includes(k.key)) keys.push(k.key);
  return keys;
}

export async function bib(args: BibArgs): Promise<number> {
  const cwd = process.cwd();
  const { corpus } = await loadCliCorpus(args, cwd);
  const drafts = await findDrafts(args.drafts, cwd);

  const items = new Map<string, CslItem>();
  for (const file of drafts) {
    const text = await readDraft(file);
    applyBibliography(corpus, file, text);
    const existing = new Map<string, CslItem>();
    for (const { items: list } of draftBibliography(file, frontMatterYaml(text))) for (const it of list) if (!existing.has(it.id)) existing.set(it.id, it);
    const shown = path.relative(cwd, file) || file;
    for (const key of citedKeys(text, !/\.txt$/i.test(file))) {
      if (items.has(key)) continue;
      const src = corpus.source(key);
      if (!src) {
        process.stderr.write(`corroborate: warning: ${shown}: @${key} names no source; left out of the bibliography\n`);
        continue;
      }
      items.set(key, cslFromSource(key, src.doc, existing.get(key)));
    }
  }
  corpus.clearAliases();
  const list = [...items.values()];
  const output = args.format === 'bibtex' ? toBibtex(list) : JSON.stringify(list, null, 2) + '\n';
  if (args.out) {
    try {
      await writeFile(path.resolve(cwd, args.out), output);
    } catch (e) {
      throw new FatalError(`cannot write ${args.out} (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
  } else process.stdout.write(output);
  return 0;
}
