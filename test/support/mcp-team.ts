/**
 * What tests of MCP servers on the specialist team share: a local (stdio) server's
 * config, adding it as the person does in Settings → Tools, and a script that delegates
 * one tool call to the server's specialist.
 */
import type { McpServerConfig } from '../../shared/mcp';
import { scriptByRoute } from '../fakes/openai/server';
import { lastOutput, type AgentsWorld } from './agents-world';

export function localServer(id: string, name: string, script: string, args: string[] = []): McpServerConfig {
  return {
    id,
    name,
    enabled: true,
    startAtLaunch: false,
    target: { transport: 'stdio', command: process.execPath, args: [script, ...args], cwd: null, env: {}, secretEnv: [] },
    approval: 'unless-read-only',
    toolApprovals: {},
    disabledTools: [],
    callTimeoutSeconds: 30,
  };
}

/** Adds a server and approves its command line, as the person does in Settings → Tools. */
export async function addServer(world: AgentsWorld, config: McpServerConfig): Promise<void> {
  const view = await world.env.services.mcp.save(config);
  await world.env.services.mcp.approveCommand(config.id, view.commandLine!);
}

/** Manager → the server's specialist → one tool call → the specialist reports → the manager repeats it. */
export function delegateTo(specialistTool: string, serverName: string, toolName: string, args: object) {
  return scriptByRoute([
    { name: 'manager', when: { offersTool: specialistTool, hasToolOutputs: false }, reply: { toolCalls: [{ name: specialistTool, arguments: { input: `Use ${toolName}` } }] } },
    { name: 'call', when: { instructionsStartWith: `You are the "${serverName}" specialist`, hasToolOutputs: false }, reply: { toolCalls: [{ name: toolName, arguments: args }] } },
    { name: 'report', when: { instructionsStartWith: `You are the "${serverName}" specialist`, hasToolOutputFrom: toolName }, reply: (r) => ({ text: `Done: ${lastOutput(r, toolName)}` }) },
    { name: 'answer', when: { hasToolOutputFrom: specialistTool }, reply: (r) => ({ text: `FROK: ${lastOutput(r, specialistTool)}` }) },
  ]);
}
