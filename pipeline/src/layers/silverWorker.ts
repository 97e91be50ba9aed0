/**
 * Worker-thread side of SilverThread: a silver follower with its own catalog connection
 * (commits from two threads are just two writers; compare-and-swap orders them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import type { LakehouseSettings } from '../config';
import { SilverFollower } from './silverFollower';
import { SilverProcessor, type SilverOptions } from './silverProcessor';
import type { SilverThreadMessage, SilverThreadCommand } from './silverThread';

const data = workerData as {
  lakehouse: LakehouseSettings;
  silver: Omit<SilverOptions, 'catalog'>;
  intervalMs?: number;
};
const post = (m: SilverThreadMessage) => parentPort?.postMessage(m);
const catalog = catalogFromSettings(data.lakehouse);
const follower = new SilverFollower(
  new SilverProcessor({ ...data.silver, catalog }),
  {
    intervalMs: data.intervalMs,
    onRun: (result, durationMs) => post({ type: 'run', result, durationMs }),
    onError: error => post({ type: 'error', message: error.message }),
  },
);
follower.start();
parentPort?.on('message', (command: SilverThreadCommand) => {
  if (command.type === 'wake') {
    follower.wake();
    return;
  }
  follower
    .stop({ finalRun: command.finalRun })
    .then(() => catalog.close())
    .then(() => post({ type: 'stopped' }));
});
