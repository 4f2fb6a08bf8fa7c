/**
 * Entry of the index worker threads (bundled to dist/index-worker.js):
 *  - `shard`: reads, parses and indexes a run of files for buildCorpus (parallel.ts);
 *  - `folder`: loads a workspace folder's sources for the language server, from its persisted
 *    index when there is one (folderLoad.ts), so the server's thread stays free for requests.
 * The result goes back as a packed corpus whose buffers are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packedBuffers } from '../engine/packedFile';
import type { ShardMessage } from './parallel';
import { buildShard, type ShardOptions } from './shard';
import { loadFolder, type FolderLoadMessage, type FolderLoadRequest } from './folderLoad';
import { keepTextsOnDisk, type SharedSpill } from '../corpus/spillFile';

const port = parentPort;
// The texts read here go to the spill file of the thread that started this one, if it has one;
// the corpus handed back names where.
const spill = (workerData as { spill?: SharedSpill } | undefined)?.spill;
if (spill) keepTextsOnDisk(spill);

if (port && workerData?.role === 'shard') {
  const { files, options } = workerData as { files: string[]; options: ShardOptions };
  const send = (m: ShardMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  buildShard(files, { ...options, onProgress: (done) => send({ kind: 'progress', done }) }).then(
    ({ corpus, outcomes }) => {
      const packed = corpus.pack(false);
      send({ kind: 'done', packed, outcomes }, packedBuffers(packed));
    },
    (e: unknown) => send({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
} else if (port && workerData?.role === 'folder') {
  const request = workerData as FolderLoadRequest;
  const send = (m: FolderLoadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  loadFolder(request, (done, total) => send({ kind: 'progress', done, total })).then(
    (result) => {
      const packed = result.corpus.pack(false);
      const { corpus: _corpus, ...rest } = result;
      send({ kind: 'done', packed, ...rest }, packedBuffers(packed));
    },
    (e: unknown) => send({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}
