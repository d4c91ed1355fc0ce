/**
 * The names of every IPC channel and event, without their schemas, so the sandboxed
 * preload can check names without bundling zod. `contract.ts` is checked against these
 * lists at compile time: a channel added in one place and not the other fails typecheck.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'app:openLogs',
  'app:diagnostics',
  'shell:openExternal',
  'settings:get',
  'settings:update',
  'secrets:status',
  'secrets:setOpenAIKey',
  'secrets:clear',
  'models:list',
  'agent:config',
  'agent:ask',
  'agent:cancel',
  'agent:approve',
  'agent:conversation',
  'realtime:prepare',
  'voice:preview',
  'realtime:start',
  'realtime:list',
  'realtime:end',
  'realtime:toolCall',
  'realtime:checkApproval',
  'realtime:report',
  'hotkeys:status',
  'window:ready',
  'window:close',
  'window:openMain',
  'quickAsk:recent',
  'voice:activity',
  'budget:status',
  'home:test',
  'home:configure',
  'mcp:list',
  'mcp:save',
  'mcp:remove',
  'mcp:test',
  'mcp:approveCommand',
  'mcp:signIn',
  'mcp:importPreview',
  'mcp:importApply',
  'data:status',
  'data:retry',
  'data:startFresh',
  'data:exportAll',
  'data:deleteAll',
  'history:list',
  'history:search',
  'history:get',
  'history:rename',
  'history:delete',
  'history:undoDelete',
  'history:export',
  'memory:list',
  'memory:update',
  'memory:delete',
  'runs:list',
  'runs:totals',
  'runs:export',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'settings:changed',
  'agent:activity',
  'realtime:ended',
  'hotkeys:changed',
  'hud:toggle',
  'window:navigate',
  'window:openConversation',
  'window:shortcut',
  'budget:alert',
  'mcp:changed',
  'data:changed',
  'history:changed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The two Electron IPC channels everything travels over (see electron/main/ipc/bind-ipc-main.ts). */
export const INVOKE_CHANNEL = 'frok:invoke';
export const EVENT_CHANNEL = 'frok:event';

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
