/**
 * The real keytar against a real Secret Service (gnome-keyring over D-Bus). `npm test` runs
 * the integration tests inside such a session; run alone, this needs one too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadKeytarSecretStore } from '../../electron/main/services/secrets/keytar-secret-store';
import type { SecretStore } from '../../electron/main/services/secrets/secret-store';

const HOW_TO_RUN =
  'This test needs a D-Bus session with an unlocked gnome-keyring, and DBUS_SESSION_BUS_ADDRESS is not set. Run it with:\n' +
  "  H=$(mktemp -d); HOME=$H dbus-run-session -- sh -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; " +
  "npx vitest run --project integration test/integration/keychain-keytar.test.ts'";

// A name of its own per run, so the test never touches a real FROK entry or a parallel run's.
const service = `FROK-test-${process.pid}-${Date.now()}`;
let store: SecretStore | null = null;

afterAll(async () => {
  await store?.delete('openaiApiKey').catch(() => {});
  await store?.delete('homeAssistantToken').catch(() => {});
});

describe('keytar against the real Secret Service', () => {
  it('stores, reads back and deletes secrets', async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error(HOW_TO_RUN);
    store = await loadKeytarSecretStore({ service });
    expect(store, 'keytar did not load: is the native module built (npm rebuild keytar) and libsecret installed?').not.toBeNull();
    expect(store!.kind).toBe('keychain');

    expect(await store!.get('openaiApiKey')).toBeNull();
    await store!.set('openaiApiKey', 'sk-integration-0123456789');
    await store!.set('homeAssistantToken', 'ha-token-é✓-unicode');
    expect(await store!.get('openaiApiKey')).toBe('sk-integration-0123456789');
    expect(await store!.get('homeAssistantToken')).toBe('ha-token-é✓-unicode');

    // Overwriting replaces rather than adds.
    await store!.set('openaiApiKey', 'sk-integration-replaced');
    expect(await store!.get('openaiApiKey')).toBe('sk-integration-replaced');

    await store!.delete('openaiApiKey');
    expect(await store!.get('openaiApiKey')).toBeNull();
    expect(await store!.get('homeAssistantToken')).toBe('ha-token-é✓-unicode');
    // Deleting what is not there is not an error.
    await store!.delete('openaiApiKey');
  });
});
