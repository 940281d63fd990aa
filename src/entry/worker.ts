import { run } from './run';

/** Procfile `worker`: cron jobs only; several may run on one database (leases split the work). */
void run({ web: false, worker: true });
