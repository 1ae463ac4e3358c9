import { type CarryState, loadCarry, saveCarry } from './carry.js';

/**
 * Where the orders one day leaves for the next are kept: the `--carry` file, or (team mode)
 * the recon history database, which the check hands them to instead.
 */
export interface CarryStore {
  /** For the summary: the file, or the database. */
  readonly label: string;
  load(): Promise<CarryState>;
  save(state: CarryState): Promise<void>;
}

/** The `--carry state.json` file. */
export function fileCarryStore(path: string): CarryStore {
  return { label: path, load: () => loadCarry(path), save: (state) => saveCarry(path, state) };
}
