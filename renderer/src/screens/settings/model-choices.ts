/** Settings → Provider and models: which listed models each picker offers. */

export type ModelKind = 'text' | 'realtime';

export interface ModelChoice {
  id: string;
  /** False for the saved model when the provider did not list it (kept, so nothing changes by itself). */
  listed: boolean;
}

/** Models that answer neither a typed question nor a voice session: speech, transcription, images, embeddings. */
const NOT_A_TEXT_MODEL = /realtime|transcribe|tts|whisper|embedding|moderation|dall-e|image|audio/iu;

function fits(id: string, kind: ModelKind): boolean {
  return kind === 'realtime' ? id.toLowerCase().includes('realtime') : !NOT_A_TEXT_MODEL.test(id);
}

/**
 * The choices for one picker: the listed models of that kind, sorted, with the saved one
 * always among them. A provider whose names match neither rule (a local server's own
 * names) gets all of its models offered for text.
 */
export function modelChoices(listed: readonly string[], kind: ModelKind, current: string): ModelChoice[] {
  const unique = [...new Set(listed.map((m) => m.trim()).filter(Boolean))];
  let ids = unique.filter((id) => fits(id, kind));
  if (kind === 'text' && ids.length === 0) ids = unique.filter((id) => !id.toLowerCase().includes('realtime'));
  ids.sort((a, b) => a.localeCompare(b));
  const choices: ModelChoice[] = ids.map((id) => ({ id, listed: true }));
  if (current && !ids.includes(current)) choices.unshift({ id: current, listed: false });
  return choices;
}
