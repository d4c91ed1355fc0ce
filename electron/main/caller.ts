/**
 * Who is calling: the window (or harness connection) a request came from. It sits below
 * every folder of electron/main, so services, shell and IPC all name it without importing upwards.
 */
export interface Caller {
  /** Stable id of the calling window / connection; sessions and limits are keyed by it. */
  id: string;
  /** Which of the app's pages it is. */
  kind: 'main' | 'quick-ask' | 'hud' | 'harness';
}
