/** Channel → service call. Plain functions: Electron's ipcMain and the test harness bind the same ones. */
import type { Services } from '../compose';
import { IPC_ERROR_CODES } from '@shared/ipc/result';
import type { ChannelName } from '@shared/ipc/names';
import type { Handler, Handlers } from './dispatcher';
import { UserFacingError } from '../errors';
import { tr } from '../i18n';

/**
 * The person's history, memories and runs are read and changed from the main window only:
 * quick ask and the voice HUD have no need of them, so a compromised page there cannot reach them.
 */
function mainWindowOnly<C extends ChannelName>(handler: Handler<C>): Handler<C> {
  return (request, caller) => {
    if (caller.kind !== 'main' && caller.kind !== 'harness') throw new UserFacingError(IPC_ERROR_CODES.notYourRun, tr('errors:ipc.mainWindowOnly'));
    return handler(request, caller);
  };
}

export function createHandlers(services: Services): Handlers {
  return {
    'app:info': () => services.appInfo(),
    'app:openLogs': () => services.diagnostics.openLogs(),
    'app:diagnostics': async () => ({ text: await services.diagnostics.text() }),
    'shell:openExternal': ({ url }) => services.desktop.openLink(url),
    'settings:get': () => services.settings.get(),
    'settings:update': (patch) => services.settings.update(patch),
    'secrets:status': () => services.secrets.status(),
    'secrets:setOpenAIKey': (request) => services.secrets.setOpenAIKey(request),
    'secrets:clear': ({ name }) => services.secrets.clear(name),
    'models:list': () => services.models.list(),
    'agent:config': () => services.agents.config(),
    'agent:ask': (request, caller) => services.agents.ask(request, caller),
    'agent:cancel': ({ runId }, caller) => services.agents.cancel(runId, caller),
    'agent:approve': ({ runId, approvalId, approve }, caller) => services.agents.decideApproval(runId, approvalId, approve, caller),
    'agent:conversation': ({ conversationId }, caller) => services.agents.conversation(conversationId, caller),
    // Through desktop.voice: it checks the microphone permission first and follows the session for the tray and budget.
    'voice:preview': ({ voice }) => services.realtime.preview(voice),
    'realtime:prepare': (_request, caller) => services.realtime.prepare(caller),
    'realtime:start': (request, caller) => services.desktop.voice.start(request, caller),
    'realtime:list': (_request, caller) => services.realtime.list(caller),
    'realtime:end': ({ sessionId }, caller) => services.realtime.end(sessionId, caller),
    'realtime:toolCall': (request, caller) => services.realtime.toolCall(request, caller),
    'realtime:checkApproval': (request, caller) => services.realtime.checkApproval(request, caller),
    'realtime:report': (request, caller) => services.desktop.voice.report(request, caller),
    'hotkeys:status': () => services.desktop.shell.hotkeyStatus(),
    'window:ready': (_request, caller) => {
      services.desktop.shell.windowReady(caller);
      return { ok: true } as const;
    },
    'window:close': (_request, caller) => {
      services.desktop.shell.closeWindow(caller);
      return { ok: true } as const;
    },
    'window:openMain': (request, caller) => {
      services.desktop.shell.openMain(request?.conversationId ?? null, caller);
      return { ok: true } as const;
    },
    'quickAsk:recent': () => services.desktop.quickAsks.list(),
    'voice:activity': (request, caller) => services.desktop.voice.activity(request, caller),
    'budget:status': () => services.desktop.budget.status(),
    'home:test': (request) => services.desktop.homeSetup.test(request),
    'home:configure': (request) => services.desktop.homeSetup.configure(request),
    'mcp:list': () => services.mcp.list(),
    'mcp:save': ({ server, secrets }) => services.mcp.save(server, secrets),
    'mcp:remove': async ({ id }) => {
      await services.mcp.remove(id);
      return { ok: true } as const;
    },
    'mcp:test': ({ id }) => services.mcp.test(id),
    'mcp:approveCommand': ({ id, commandLine }) => services.mcp.approveCommand(id, commandLine),
    'mcp:signIn': ({ id }) => services.mcp.signIn(id),
    'mcp:importPreview': ({ json }) => services.mcp.importPreview(json),
    'mcp:importApply': ({ json, ids }) => services.mcp.importApply(json, ids),
    'data:status': mainWindowOnly(() => services.data.status()),
    'data:retry': mainWindowOnly(() => services.data.retry()),
    'data:startFresh': mainWindowOnly(() => services.data.startFresh()),
    'data:exportAll': mainWindowOnly(() => services.exportAllData()),
    'data:deleteAll': mainWindowOnly(() => services.deleteAllData()),
    'history:list': mainWindowOnly((request) => services.history.list(request ?? {})),
    'history:search': mainWindowOnly(({ text, limit }) => services.history.search(text, limit)),
    'history:get': mainWindowOnly(({ id }) => services.history.get(id)),
    'history:rename': mainWindowOnly(({ id, title }) => services.history.rename(id, title)),
    'history:delete': mainWindowOnly(({ id }) => services.history.delete(id)),
    'history:undoDelete': mainWindowOnly(({ id }) => services.history.undoDelete(id)),
    'history:export': mainWindowOnly((request) => services.history.export(request)),
    'memory:list': mainWindowOnly((request) => services.memories.list(request ?? {})),
    'memory:update': mainWindowOnly((request) => services.memories.update(request)),
    'memory:delete': mainWindowOnly(({ id }) => services.memories.delete(id)),
    'runs:list': mainWindowOnly(async (request) => {
      await services.data.ready;
      return { runs: services.data.runs.list(request ?? {}) };
    }),
    'runs:totals': mainWindowOnly(async (request) => {
      await services.data.ready;
      return services.data.runs.totals(request?.utcOffsetMinutes ?? 0);
    }),
    'runs:export': mainWindowOnly((request) => services.exportRun(request.runId)),
  };
}
