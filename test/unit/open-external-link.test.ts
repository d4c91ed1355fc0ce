// Which links from an answer FROK hands to the system's browser (shell:openExternal), and
// that main checks again, whatever a page sends.
import { describe, expect, it } from 'vitest';
import { checkExternalLink, externalLinkUrl } from '../../shared/external-link';
import { HEADLESS_SHELL, type DesktopShellPort } from '../../electron/main/desktop/desktop-shell-port';
import { openLink } from '../../electron/main/desktop/open-link';
import { createMemoryLogger } from '../../electron/main/logger';
import { createDispatcher, type Handlers } from '../../electron/main/ipc/dispatcher';
import type { Caller } from '../../electron/main/caller';

function recordingShell(fail?: Error): DesktopShellPort & { opened: string[] } {
  const opened: string[] = [];
  return {
    ...HEADLESS_SHELL,
    opened,
    async openExternal(url) {
      if (fail) throw fail;
      opened.push(url);
    },
  };
}

describe('the external link policy', () => {
  it('opens web and mail addresses, normalised', () => {
    expect(externalLinkUrl('https://example.com')).toBe('https://example.com/');
    expect(externalLinkUrl('  HTTP://Example.com/a b?q=1#top ')).toBe('http://example.com/a%20b?q=1#top');
    expect(externalLinkUrl('mailto:help@example.com?subject=Hi')).toBe('mailto:help@example.com?subject=Hi');
  });

  it('refuses every other scheme, relative and broken addresses, hidden hosts and absurd lengths', () => {
    const refused: [string, string][] = [
      ['javascript:alert(1)', 'scheme'],
      ['JaVaScRiPt:alert(1)', 'scheme'],
      ['vbscript:msgbox(1)', 'scheme'],
      ['data:text/html,<script>alert(1)</script>', 'scheme'],
      ['file:///etc/passwd', 'scheme'],
      ['frok://app/index.html', 'scheme'],
      ['ftp://example.com/', 'scheme'],
      ['chrome://settings', 'scheme'],
      ['/settings', 'invalid'],
      ['#top', 'invalid'],
      ['', 'invalid'],
      ['https://', 'invalid'],
      ['https://bank.example@evil.example/', 'credentials'],
      ['https://user:pass@example.com/', 'credentials'],
      [`https://example.com/${'a'.repeat(9_000)}`, 'too-long'],
    ];
    for (const [url, reason] of refused) expect(checkExternalLink(url), url).toEqual({ ok: false, reason });
  });
});

describe('main opening a link (shell:openExternal)', () => {
  const caller: Caller = { id: 'main-1', kind: 'main' };

  it('hands an allowed address to the shell, and only that', async () => {
    const shell = recordingShell();
    expect(await openLink(shell, 'https://example.com/docs', createMemoryLogger())).toEqual({ ok: true });
    expect(shell.opened).toEqual(['https://example.com/docs']);
  });

  it('refuses anything else with a clear, typed error and never reaches the shell', async () => {
    const shell = recordingShell();
    const log = createMemoryLogger();
    await expect(openLink(shell, 'javascript:alert(1)', log)).rejects.toMatchObject({ code: 'link_refused', message: expect.stringMatching(/only web \(http, https\) and e-mail \(mailto\) links/) });
    await expect(openLink(shell, 'file:///etc/passwd', log)).rejects.toMatchObject({ code: 'link_refused' });
    await expect(openLink(shell, 'https://bank.example@evil.example/', log)).rejects.toMatchObject({ code: 'link_refused', message: expect.stringMatching(/hides where it really goes/) });
    expect(shell.opened).toEqual([]);
    // The address came from a conversation: it stays out of the log.
    expect(JSON.stringify(log.lines)).not.toContain('etc/passwd');
  });

  it('says so when the browser could not be opened, or there is no desktop', async () => {
    await expect(openLink(recordingShell(new Error('no handler for https')), 'https://example.com', createMemoryLogger())).rejects.toMatchObject({
      code: 'link_open_failed',
      message: expect.stringContaining('no handler for https'),
    });
    await expect(openLink(HEADLESS_SHELL, 'https://example.com', createMemoryLogger())).rejects.toMatchObject({ code: 'link_open_failed' });
  });

  it('is validated at the IPC boundary: a payload that is not { url } never reaches the handler', async () => {
    const shell = recordingShell();
    const log = createMemoryLogger();
    // Only this channel's handler: the dispatcher validates against the contract before calling it.
    const handlers: Pick<Handlers, 'shell:openExternal'> = { 'shell:openExternal': ({ url }) => openLink(shell, url, log) };
    const dispatch = createDispatcher(handlers as Handlers, log);
    expect(await dispatch('shell:openExternal', { url: 'https://example.com/' }, caller)).toEqual({ ok: true, data: { ok: true } });
    for (const bad of [undefined, 'https://example.com', { url: 42 }, { url: '' }, { url: 'https://example.com', extra: 1 }]) {
      expect(await dispatch('shell:openExternal', bad, caller), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(await dispatch('shell:openExternal', { url: 'javascript:alert(1)' }, caller)).toMatchObject({ ok: false, error: { code: 'link_refused' } });
    expect(shell.opened).toEqual(['https://example.com/']);
  });
});
