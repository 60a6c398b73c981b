import type { RandomBytes } from '../domain/ids';

/** What use cases need from the outside world besides storage: time and randomness. */
export interface Runtime {
  now(): Date;
  randomBytes: RandomBytes;
}
