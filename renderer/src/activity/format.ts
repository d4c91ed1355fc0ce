/** How durations, token counts, costs and tool calls read in the window. */

export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 1000) return `${Math.round(safe)} ms`;
  // Rounded before choosing the unit, so 59.96 s reads "1 min 0 s" rather than "60.0 s".
  const tenths = Math.round(safe / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(safe / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatTokens(count: number, locale?: string): string {
  return `${count.toLocaleString(locale)} ${count === 1 ? 'token' : 'tokens'}`;
}

/** Small runs cost fractions of a cent: four decimals keep them distinguishable. */
export function formatCost(usd: number): string {
  if (usd <= 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

const ARGUMENT_ORDER = ['name', 'domain', 'device_class', 'area', 'floor'];
const ARGUMENT_PREFIX: Record<string, string> = { area: 'in ', floor: 'on ' };

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return JSON.stringify(value) ?? String(value);
}

/**
 * A tool call as a person reads it: "HassTurnOff · Front Door" rather than the JSON the
 * model sent. Arguments that are not JSON (or were cut short) are shown as they are.
 */
export function describeToolCall(tool: string, input: string): string {
  const trimmed = input.trim();
  if (!trimmed || trimmed === '{}') return tool;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    const name = /"name"\s*:\s*"([^"]+)"/.exec(trimmed)?.[1];
    return name ? `${tool} · ${name}` : `${tool} · ${trimmed}`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return `${tool} · ${describeValue(parsed)}`;
  const entries = Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '');
  entries.sort(([a], [b]) => rank(a) - rank(b));
  const parts = entries.map(([key, value]) =>
    ARGUMENT_ORDER.includes(key) ? `${ARGUMENT_PREFIX[key] ?? ''}${describeValue(value)}` : `${key}: ${describeValue(value)}`,
  );
  return parts.length ? `${tool} · ${parts.join(' · ')}` : tool;
}

function rank(key: string): number {
  const at = ARGUMENT_ORDER.indexOf(key);
  return at < 0 ? ARGUMENT_ORDER.length : at;
}
