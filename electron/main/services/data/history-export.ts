/**
 * Conversations as files the person asked for: Markdown to read, JSON to keep or move,
 * and one zip archive of everything (fflate: a small, dependency-free zip writer).
 */
import { strToU8, zipSync } from 'fflate';
import type { ConversationRecord, HistoryMessage } from '@shared/history';

const SPEAKER: Record<HistoryMessage['role'], string> = { user: 'You', assistant: 'FROK', tool: 'Tool' };

function when(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(ms));
}

function messageMarkdown(m: HistoryMessage, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(m.at));
  if (m.role === 'tool' && m.tool) {
    const output = m.tool.output === null ? '' : `\n\n\`\`\`\n${m.tool.output}\n\`\`\``;
    return `> **Tool: ${m.tool.name}** (${time})\n>\n> \`${m.tool.arguments.replaceAll('`', "'")}\`${output}`;
  }
  const helpers = m.helpers?.length ? `\n\n_Helped by: ${m.helpers.join(', ')}_` : '';
  const cut = m.cutOff ? '\n\n_The answer stopped here._' : '';
  return `**${SPEAKER[m.role]}** (${time}):\n\n${m.text}${cut}${helpers}`;
}

export function conversationMarkdown(c: ConversationRecord, locale?: string): string {
  const kind = c.kind === 'voice' ? 'Voice conversation' : 'Typed conversation';
  return `# ${c.title}\n\n_${kind} · ${when(c.startedAt, locale)}_\n\n${c.messages.map((m) => messageMarkdown(m, locale)).join('\n\n---\n\n')}\n`;
}

export function conversationsJson(conversations: readonly ConversationRecord[], exportedAt: number): string {
  return `${JSON.stringify({ format: 'frok-conversations', version: 1, exportedAt: new Date(exportedAt).toISOString(), conversations }, null, 2)}\n`;
}

/** A file name from a title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60);
  return `${base || 'conversation'}.${extension}`;
}

export interface ArchiveParts {
  conversations: readonly ConversationRecord[];
  memories: unknown;
  runs: unknown;
  settings: unknown;
  exportedAt: number;
  locale?: string;
}

/** Everything in one zip: each conversation as Markdown, and all of it as JSON. */
export function dataArchive(p: ArchiveParts): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const used = new Set<string>();
  for (const c of p.conversations) {
    let name = fileNameFor(`${new Date(c.startedAt).toISOString().slice(0, 10)} ${c.title}`, 'md');
    for (let n = 2; used.has(name); n++) name = name.replace(/(-\d+)?\.md$/u, `-${n}.md`);
    used.add(name);
    files[`conversations/${name}`] = strToU8(conversationMarkdown(c, p.locale));
  }
  files['conversations.json'] = strToU8(conversationsJson(p.conversations, p.exportedAt));
  files['memories.json'] = strToU8(`${JSON.stringify(p.memories, null, 2)}\n`);
  files['runs.json'] = strToU8(`${JSON.stringify(p.runs, null, 2)}\n`);
  files['settings.json'] = strToU8(`${JSON.stringify(p.settings, null, 2)}\n`);
  files['README.txt'] = strToU8(
    `Everything FROK kept about you, exported ${new Date(p.exportedAt).toISOString()}.\n\nconversations/  each conversation as Markdown\nconversations.json  all conversations\nmemories.json  what FROK remembers about you, with where each memory came from\nruns.json  the Activity timelines of the last 30 days\nsettings.json  your settings (no keys or tokens)\n`,
  );
  return zipSync(files, { level: 6 });
}
