import { Worker } from 'node:worker_threads';
import { Corpus } from '../engine/corpus';
import { loadFolder, type FolderLoadMessage, type FolderLoadRequest, type FolderLoadResult } from './folderLoad';
import { workerScript } from './parallel';
import { spillForLoad, spillOwnedBy } from '../corpus/spillFile';
import { INDEX_WORKER_LIMITS } from '../protocol/runtime';

/**
 * Loads a folder's sources (folderLoad.ts) in an index worker thread, so that the calling thread
 * (the language server's) keeps answering requests while sources are read and indexed; the
 * corpus comes back as buffers handed over without a copy. Where the worker script is missing
 * (running from the TypeScript sources), the work runs on this thread.
 */
export function loadFolderOffThread(request: FolderLoadRequest, progress: (done: number, total: number) => void): Promise<FolderLoadResult> {
  const script = workerScript();
  if (!script) return loadFolder(request, progress);
  return new Promise((resolve, reject) => {
    // The texts of this load go to a file of their own, closed once the corpus is dropped.
    const spill = spillForLoad();
    const worker = new Worker(script, { resourceLimits: INDEX_WORKER_LIMITS, workerData: { ...request, spill } });
    let settled = false;
    let corpus: Corpus | undefined;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      // After the worker is gone: it writes to the file until then.
      void worker.terminate().finally(() => spill && spillOwnedBy(spill, corpus?.textHolder));
    };
    worker.on('message', (m: FolderLoadMessage) => {
      if (m.kind === 'progress') progress(m.done, m.total);
      else if (m.kind === 'error') settle(() => reject(new Error(m.message)));
      else {
        settle(() => {
          try {
            const { packed, kind: _kind, ...rest } = m;
            corpus = Corpus.fromPacked(packed);
            resolve({ corpus, ...rest });
          } catch (e) {
            reject(e);
          }
        });
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the index worker stopped (exit code ${code})`))));
  });
}
