/**
 * What each Home Assistant MCP tool is, read once from `tools/list`.
 *
 * Since HA 2026.9 its MCP server names tools `<api>__<tool>` (`intent__HassTurnOn`,
 * `homeassistant__GetLiveContext`, `calendar__get_events`); older HA names them bare
 * (`HassTurnOn`). Names over 64 characters are cut and end in a hash, so they resolve to
 * nothing we know. Everything that cares what a tool *does* (approvals, the device list,
 * the voice tools) uses the resolved intent; calls go out under the name HA gave.
 */
import type { MCPTool } from './home-connection.ts';

export type ResolvedHomeTool = {
  /** The name HA listed, used to call it. */
  name: string;
  /** The intent or tool name without the API prefix, e.g. `HassTurnOff`. */
  intent: string;
  /** Whether its input schema has a slot that picks devices (name, area, floor, domain, device_class). */
  targets: boolean;
};

/** One or more `<api>__` prefixes: with several LLM APIs configured HA prefixes twice (`assist__homeassistant__GetLiveContext`). */
const PREFIX = /^(?:[a-z0-9]+(?:_[a-z0-9]+)*__)+(?=[A-Za-z])/;
export const TARGET_SLOTS = ['name', 'area', 'floor', 'domain', 'device_class'] as const;

export function intentOf(toolName: string): string {
  return toolName.replace(PREFIX, '');
}

function hasTargetSlot(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return true; // Unknown shape: assume it can target.
  const properties = (schema as { properties?: unknown }).properties;
  if (properties === undefined) return false;
  if (!properties || typeof properties !== 'object') return true;
  return TARGET_SLOTS.some((slot) => Object.hasOwn(properties, slot));
}

export function resolveHomeTool(tool: Pick<MCPTool, 'name' | 'inputSchema'>): ResolvedHomeTool {
  return { name: tool.name, intent: intentOf(tool.name), targets: hasTargetSlot(tool.inputSchema) };
}

/** Finds a tool by the name HA gave or by its intent (the voice tools ask by intent). */
export function findHomeTool(tools: readonly ResolvedHomeTool[], nameOrIntent: string): ResolvedHomeTool | undefined {
  return tools.find((t) => t.name === nameOrIntent) ?? tools.find((t) => t.intent === nameOrIntent);
}
