/**
 * Which origin each secret was last confirmed against (a key check, a connection test).
 * Not secret itself, so it is kept in a small JSON file next to FROK's data. A secret is
 * only ever sent to the origin recorded here: changing a base URL or a Home Assistant
 * address in settings never sends an existing secret to the new host.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { OPENAI_API_BASE_URL, type SecretName } from '@shared/domain';

const OriginsFileSchema = z.object({ version: z.literal(1), origins: z.record(z.string(), z.string().nullable()) });

export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export class SecretOrigins {
  private origins: Partial<Record<SecretName, string | null>>;

  /** `migrate` gives the origins of secrets saved before origins were recorded. */
  constructor(
    private readonly filePath: string | null,
    migrate: () => { homeAssistantUrl: string | null },
  ) {
    let loaded: Partial<Record<SecretName, string | null>> | null = null;
    if (filePath) {
      try {
        const parsed = OriginsFileSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
        if (parsed.success) loaded = parsed.data.origins as Partial<Record<SecretName, string | null>>;
      } catch {
        loaded = null;
      }
    }
    if (loaded) {
      this.origins = loaded;
    } else {
      // Saved before origins were recorded: the OpenAI key counts as checked with OpenAI only,
      // and the Home Assistant token with the address it was saved together with.
      this.origins = { openaiApiKey: originOf(OPENAI_API_BASE_URL), homeAssistantToken: originOf(migrate().homeAssistantUrl) };
      this.save();
    }
  }

  get(name: SecretName): string | null {
    return this.origins[name] ?? null;
  }

  set(name: SecretName, url: string | null): void {
    this.origins[name] = originOf(url);
    this.save();
  }

  private save(): void {
    if (!this.filePath) return;
    try {
      mkdirSync(dirname(this.filePath), { recursive: true, mode: 0o700 });
      const tmp = `${this.filePath}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: 1, origins: this.origins }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.filePath);
    } catch {
      // Kept in memory; the worst case after a restart is being asked to check a key again.
    }
  }
}
