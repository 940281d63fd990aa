import { run } from './run';

/** Procfile `web`: HTTP only; scale it out freely. */
void run({ web: true, worker: false });
