/** The training worker: one spiking network's surrogate-gradient training per instance (the page ends it to cancel). */
import * as Comlink from 'comlink';
import { type TrainProgress, type TrainRequest, trainInWorker } from './worker/train.ts';

const exposed = {
  train(request: TrainRequest, onProgress: (p: TrainProgress) => void) {
    return trainInWorker(request, onProgress);
  },
};

export type TrainWorkerApi = typeof exposed;
Comlink.expose(exposed);
