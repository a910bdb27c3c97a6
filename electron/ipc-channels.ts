/**
 * The only IPC channels between the renderer and main: calls go up `invoke`, backend events come down
 * `event`. Shared by main and preload so the two can never drift apart.
 */
export const IPC_CHANNELS = {
  invoke: 'rapport:invoke',
  event: 'rapport:event',
} as const;
