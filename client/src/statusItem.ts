import { languages, LanguageStatusSeverity, type Disposable, type LanguageStatusItem } from 'vscode';
import { Commands, type IndexStatus } from '../../server/src/protocol/protocol';

const DRAFT_LANGUAGES = [{ language: 'markdown' }, { language: 'plaintext' }];

/** The language status item of Markdown and text files: the size of the index, or what is wrong. */
export class IndexStatusItem implements Disposable {
  readonly #item: LanguageStatusItem;

  constructor() {
    this.#item = languages.createLanguageStatusItem('corroborate.index', DRAFT_LANGUAGES);
    this.#item.name = 'Corroborate';
    this.#item.command = { title: 'Show output', command: Commands.showOutput };
    this.show({ state: 'indexing', sources: 0, passages: 0, message: 'Starting the language server' });
  }

  show(status: IndexStatus): void {
    const item = this.#item;
    const problems = status.problems ?? [];
    item.busy = status.state === 'indexing';
    switch (status.state) {
      case 'indexing':
        item.text = 'Corroborate: indexing sources';
        item.severity = LanguageStatusSeverity.Information;
        break;
      case 'ready':
        item.text = `Corroborate: ${plural(status.sources, 'source')}, ${plural(status.passages, 'passage')}`;
        item.severity = problems.length > 0 ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
        break;
      case 'error':
        item.text = 'Corroborate: index error';
        item.severity = LanguageStatusSeverity.Error;
        break;
    }
    const detail = status.state === 'ready' && problems.length === 0 ? undefined : (status.message ?? (problems.length > 0 ? plural(problems.length, 'problem') : undefined));
    item.detail = detail;
  }

  dispose(): void {
    this.#item.dispose();
  }
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
