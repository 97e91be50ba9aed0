/** Worker-thread side of workerRecordSource: answers each requested size with a chunk. */
import { parentPort, workerData } from 'node:worker_threads';
import { PurchaseGenerator, type GeneratorOptions } from './generator';
import { takeChunk } from './recordSource';

const generator = new PurchaseGenerator(
  (workerData as { options: GeneratorOptions }).options,
);
parentPort?.on('message', (size: number) => {
  parentPort?.postMessage(takeChunk(generator, size));
});
