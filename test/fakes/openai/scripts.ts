// Ready-made model scripts. `scriptByRoute` lets one test serve a manager and its
// specialists at once: each call is matched by who is asking (instructions, tools
// offered) and where it is in its turn (tool outputs present), not by arrival order.
import type { ModelApi, ModelReply, ModelRequest, ModelScript } from './types.ts';

export const DEFAULT_REPLY_TEXT = 'Hello from the fake model.';

export const defaultScript: ModelScript = () => ({ text: DEFAULT_REPLY_TEXT });

/** Every condition given must hold. */
export type RouteMatch = {
  /** All of these tools are offered. */
  offersTool?: string | string[];
  /** None of these tools are offered. */
  lacksTool?: string | string[];
  /** `true`: at least one function output is in the input; `false`: none. */
  hasToolOutputs?: boolean;
  /** An output of this tool is in the input. */
  hasToolOutputFrom?: string | string[];
  instructionsStartWith?: string;
  /** Substring, or a RegExp tested against the instructions. */
  instructions?: string | RegExp;
  /** Substring, or a RegExp tested against the last user message. */
  userText?: string | RegExp;
  api?: ModelApi;
  model?: string;
  where?: (request: ModelRequest) => boolean;
};

export type ModelRoute = {
  /** Shown when no route matches and in `hits`. */
  name?: string;
  when: RouteMatch;
  reply: ModelReply | ModelScript;
  /** Match at most this many times, then let later routes answer. */
  times?: number;
};

export type RoutedScript = ModelScript & {
  /** How many calls each route answered, by name (or index). */
  hits: Record<string, number>;
};

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const test = (pattern: string | RegExp, text: string): boolean =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

export function routeMatches(when: RouteMatch, request: ModelRequest): boolean {
  const offered = new Set(request.tools.map((t) => t.name));
  const outputNames = new Set(request.toolOutputs.map((o) => o.name));
  if (!list(when.offersTool).every((name) => offered.has(name))) return false;
  if (list(when.lacksTool).some((name) => offered.has(name))) return false;
  if (when.hasToolOutputs !== undefined && when.hasToolOutputs !== request.toolOutputs.length > 0) return false;
  if (!list(when.hasToolOutputFrom).every((name) => outputNames.has(name))) return false;
  if (when.instructionsStartWith !== undefined && !request.instructions.trimStart().startsWith(when.instructionsStartWith)) {
    return false;
  }
  if (when.instructions !== undefined && !test(when.instructions, request.instructions)) return false;
  if (when.userText !== undefined && !test(when.userText, request.lastUserText)) return false;
  if (when.api !== undefined && when.api !== request.api) return false;
  if (when.model !== undefined && when.model !== request.model) return false;
  return when.where ? when.where(request) : true;
}

function describe(request: ModelRequest): string {
  const tools = request.tools.map((t) => t.name).join(', ') || 'none';
  return `instructions "${request.instructions.slice(0, 60)}", tools [${tools}], ${request.toolOutputs.length} tool output(s), user "${request.lastUserText.slice(0, 60)}"`;
}

/**
 * First matching route answers. Without a match the call gets a 500 naming the request,
 * unless `fallback` is given.
 */
export function scriptByRoute(routes: ModelRoute[], options: { fallback?: ModelReply | ModelScript } = {}): RoutedScript {
  const hits: Record<string, number> = {};
  const script = async (request: ModelRequest): Promise<ModelReply> => {
    for (const [index, route] of routes.entries()) {
      const key = route.name ?? String(index);
      const used = hits[key] ?? 0;
      if (route.times !== undefined && used >= route.times) continue;
      if (!routeMatches(route.when, request)) continue;
      hits[key] = used + 1;
      return typeof route.reply === 'function' ? route.reply(request) : route.reply;
    }
    const { fallback } = options;
    if (fallback !== undefined) return typeof fallback === 'function' ? fallback(request) : fallback;
    return { error: { status: 500, message: `fake OpenAI: no route matched (${describe(request)})`, type: 'fake_script_error' } };
  };
  return Object.assign(script, { hits });
}

/** Replies in call order; after the last one, keeps answering with the last. */
export function scriptSequence(replies: (ModelReply | ModelScript)[]): ModelScript {
  if (replies.length === 0) throw new Error('scriptSequence needs at least one reply');
  let next = 0;
  return (request) => {
    const reply = replies[Math.min(next++, replies.length - 1)]!;
    return typeof reply === 'function' ? reply(request) : reply;
  };
}
