import type { StateStore } from '../activeProfile';

/** Where the endpoint's address goes: new terminals (and the tasks run in them), or debug sessions. */
export type Door = 'terminals' | 'debug';

/** In the workspace's state, so the doors stay open across a reload. */
export const DOORS_KEY = 'alibabaCloud.programs.doors';

/** The doors the person opened in this workspace; read without loading the endpoint itself. */
export function openDoors(state: StateStore): Door[] {
  return state.get<Door[]>(DOORS_KEY)?.filter((d) => d === 'terminals' || d === 'debug') ?? [];
}
