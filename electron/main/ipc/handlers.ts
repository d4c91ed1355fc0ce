/** Channel → service call. Plain functions: Electron's ipcMain and the test harness bind the same ones. */
import type { Services } from '../services/compose';
import type { Handlers } from './dispatcher';

export function createHandlers(services: Services): Handlers {
  return {
    'app:info': () => services.appInfo(),
    'settings:get': () => services.settings.get(),
    'settings:update': (patch) => services.settings.update(patch),
    'secrets:status': () => services.secrets.status(),
    'secrets:setOpenAIKey': (request) => services.secrets.setOpenAIKey(request),
    'secrets:clear': ({ name }) => services.secrets.clear(name),
    'agent:config': () => services.agents.config(),
    'agent:ask': (request, caller) => services.agents.ask(request, caller),
    'agent:cancel': ({ runId }) => services.agents.cancel(runId),
    'agent:approve': ({ runId, approvalId, approve }) => services.agents.decideApproval(runId, approvalId, approve),
    'agent:conversation': ({ conversationId }) => services.agents.conversation(conversationId),
    'realtime:start': (request, caller) => services.realtime.start(request, caller),
    'realtime:list': (_request, caller) => services.realtime.list(caller),
    'realtime:end': ({ sessionId }, caller) => services.realtime.end(sessionId, caller),
    'realtime:toolCall': (request, caller) => services.realtime.toolCall(request, caller),
    'realtime:checkApproval': (request, caller) => services.realtime.checkApproval(request, caller),
    'realtime:report': (request, caller) => services.realtime.report(request, caller),
  };
}
