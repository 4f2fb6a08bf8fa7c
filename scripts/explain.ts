// Developer tool: explains the judgement of sentences of a draft.
// Usage: npx tsx scripts/explain.ts <sources dir> <draft.md> [substring filter]
import { readFileSync } from 'node:fs';
import { loadSources } from '../server/src/corpus/findSources';
import { Corpus, checkDraft } from '../server/src/engine';

async function main(): Promise<void> {
const [dir, draft, filter] = process.argv.slice(2);
const { docs } = await loadSources([dir], process.cwd());
const corpus = new Corpus(docs);
const report = checkDraft(corpus, readFileSync(draft, 'utf8'));
for (const c of report.claims) {
  if (filter && !c.text.includes(filter)) continue;
  console.log(`\n== ${c.verdict} [${c.kind}] ${c.confidence} :: ${c.text}`);
  console.log(`   ${c.message}`);
  for (const f of c.facts) console.log(`   fact ${f.kind} "${f.text}" ${f.status}: ${f.values.map((v) => `${v.text}(${v.source.slice(0, 3)})`).join(' | ')}`);
  for (const e of c.evidence) console.log(`   ${e.relation} ${e.source.slice(0, 3)}: ${e.quote.slice(0, 150)}`);
}
}
void main();
