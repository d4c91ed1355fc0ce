/**
 * Turning a server's raw MCP tool listing and call results into what FROK uses: the tool
 * info shown in Settings (with the approval policy that applies), whether a call must wait
 * for the person, and a call's result as text for the model.
 */
import { mcpToolNeedsApproval, type McpServerConfig, type McpToolInfo } from '@shared/mcp';

/** A tool as a server lists it (only the fields FROK reads). */
export interface RawMcpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  annotations?: { title?: string; readOnlyHint?: boolean; destructiveHint?: boolean; [key: string]: unknown };
}

/** A tool for the agents layer: its info plus the JSON schema of its arguments, as the server gave it. */
export type McpToolDetail = McpToolInfo & { inputSchema: Record<string, unknown> };

export function toolInfo(tool: RawMcpTool, config: McpServerConfig): McpToolInfo {
  return {
    name: tool.name,
    title: tool.title || tool.annotations?.title || tool.name,
    description: tool.description ?? '',
    readOnly: tool.annotations?.readOnlyHint === true,
    // MCP's default for destructiveHint is true, but only when readOnlyHint is false; FROK
    // reads it as given, and `unless-read-only` asks for anything not marked read-only anyway.
    destructive: tool.annotations?.destructiveHint === true,
    enabled: !config.disabledTools.includes(tool.name),
    approval: config.toolApprovals[tool.name] ?? config.approval,
  };
}

export function toolDetail(tool: RawMcpTool, config: McpServerConfig): McpToolDetail {
  return { ...toolInfo(tool, config), inputSchema: tool.inputSchema ?? { type: 'object', properties: {} } };
}

/**
 * Whether a call of this tool waits for the person. A tool not (yet) listed is treated as
 * not read-only: without its annotations FROK cannot know it only reads.
 */
export function toolNeedsApproval(config: McpServerConfig, toolName: string, listed: RawMcpTool | undefined): boolean {
  const info = listed ? toolInfo(listed, config) : { approval: config.toolApprovals[toolName] ?? config.approval, readOnly: false, destructive: false };
  return mcpToolNeedsApproval(info);
}

interface ContentBlock {
  type?: string;
  text?: string;
  mimeType?: string;
  uri?: string;
  name?: string;
  resource?: { uri?: string; text?: string; mimeType?: string };
}

/** A call's content as one text: text blocks as they are, other blocks named, structured content when there is nothing else. */
export function resultText(result: { content?: unknown; structuredContent?: unknown }): string {
  const blocks = Array.isArray(result.content) ? (result.content as ContentBlock[]) : [];
  const parts = blocks.map((block) => {
    switch (block.type) {
      case 'text':
        return block.text ?? '';
      case 'image':
      case 'audio':
        return `[${block.type} ${block.mimeType ?? ''}]`.replace(' ]', ']');
      case 'resource':
        return block.resource?.text ?? `[resource ${block.resource?.uri ?? ''}]`;
      case 'resource_link':
        return `[link ${block.name ? `${block.name} ` : ''}${block.uri ?? ''}]`;
      default:
        return `[${block.type ?? 'unknown'} content]`;
    }
  });
  if (parts.length === 0 && result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return parts.join('\n');
}
