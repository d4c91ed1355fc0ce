// Reading Home Assistant's GetLiveContext reply into devices, and the config that points at HA.
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../electron/main/services/home/home-config.ts';
import { parseLiveContextReply, parseLiveContextYaml } from '../../electron/main/services/home/live-context.ts';
import { createDevices } from '../fakes/home-assistant/devices.ts';
import { renderLiveContext } from '../fakes/home-assistant/live-context.ts';

// The shape HA's GetLiveContext emits (PyYAML dump after a preamble line).
const HA_SAMPLE = `Live Context: An overview of the areas and the devices in this smart home:
- names: Kitchen Lamp, Counter light
  domain: light
  state: 'on'
  areas: Kitchen
  attributes:
    brightness: '73'
- names: Freezer Plug
  domain: switch
  state: unavailable
  areas: Garage
- names: 'It''s: quoted'
  domain: cover
  state: closed
  attributes:
    device_class: garage
    current_position: '0'
- names: Orphan
  domain: sensor
  state: unknown
`;

describe('parseLiveContextYaml', () => {
  it('reads what PyYAML folds over 80 columns and quotes (long alias lists, colons, quotes)', () => {
    const folded = `Live Context: An overview of the areas and the devices in this smart home:
- names: Front Door, Main entrance lock, The big door by the stairs, Porch lock, Door
    to the street
  domain: lock
  state: locked
  areas: Hallway, Entrance hall, The long corridor downstairs, Ground floor passage,
    Lobby
- names: 'Café "Corner" light'
  domain: light
  state: 'off'
`;
    expect(parseLiveContextYaml(folded)).toEqual([
      {
        names: ['Front Door', 'Main entrance lock', 'The big door by the stairs', 'Porch lock', 'Door to the street'],
        domain: 'lock',
        areas: ['Hallway', 'Entrance hall', 'The long corridor downstairs', 'Ground floor passage', 'Lobby'],
        deviceClass: null,
        state: 'locked',
      },
      { names: ['Café "Corner" light'], domain: 'light', areas: [], deviceClass: null, state: 'off' },
    ]);
  });

  it('reads nothing from text that is not the entity list, rather than guessing', () => {
    expect(parseLiveContextYaml('Live Context: nothing exposed')).toEqual([]);
    expect(parseLiveContextYaml('- names: [unclosed\n  domain: light')).toEqual([]);
  });

  it('reads names, aliases, areas, state and device class', () => {
    expect(parseLiveContextYaml(HA_SAMPLE)).toEqual([
      { names: ['Kitchen Lamp', 'Counter light'], domain: 'light', areas: ['Kitchen'], deviceClass: null, state: 'on' },
      { names: ['Freezer Plug'], domain: 'switch', areas: ['Garage'], deviceClass: null, state: 'unavailable' },
      { names: ["It's: quoted"], domain: 'cover', areas: [], deviceClass: 'garage', state: 'closed' },
      { names: ['Orphan'], domain: 'sensor', areas: [], deviceClass: null, state: 'unknown' },
    ]);
  });

  it('skips what is not an entity', () => {
    expect(parseLiveContextYaml('nothing to see\n- just a line\n')).toEqual([]);
    expect(parseLiveContextYaml('- names: No Domain\n  state: on\n')).toEqual([]);
  });

  it('reads what the fake Home Assistant renders, device for device', () => {
    const devices = createDevices();
    const parsed = parseLiveContextYaml(renderLiveContext(devices.values()));
    expect(parsed.map((d) => [d.names[0], d.domain, d.state, d.deviceClass])).toEqual(
      [...devices.values()].map((d) => [d.name, d.domain, d.state, d.domain === 'cover' ? d.deviceClass : null]),
    );
  });
});

describe('parseLiveContextReply', () => {
  it('unwraps the JSON envelope HA sends over MCP', () => {
    const reply = parseLiveContextReply(JSON.stringify({ success: true, result: HA_SAMPLE }));
    expect(reply).toMatchObject({ ok: true, devices: { length: 4 } });
  });

  it('passes on HA’s own failure text', () => {
    const reply = parseLiveContextReply(JSON.stringify({ success: false, error: 'No entities exposed' }));
    expect(reply).toEqual({ ok: false, error: 'No entities exposed' });
  });

  it('refuses JSON of another shape and reads bare YAML', () => {
    expect(parseLiveContextReply('{"devices": []}')).toMatchObject({ ok: false });
    expect(parseLiveContextReply(HA_SAMPLE)).toMatchObject({ ok: true, devices: { length: 4 } });
  });
});

describe('resolveEndpoint', () => {
  it.each([
    ['http://homeassistant.local:8123', 'http://homeassistant.local:8123'],
    ['http://homeassistant.local:8123/', 'http://homeassistant.local:8123'],
    ['  https://ha.example.com/api/mcp  ', 'https://ha.example.com'],
    ['https://example.com/ha/', 'https://example.com/ha'],
  ])('%s → %s', (url, baseUrl) => {
    expect(resolveEndpoint({ url, token: ' t ' })).toEqual({ baseUrl, mcpUrl: `${baseUrl}/api/mcp`, token: 't' });
  });

  it('is null while a part is missing', () => {
    expect(resolveEndpoint({ url: null, token: 't' })).toBeNull();
    expect(resolveEndpoint({ url: 'http://ha', token: '  ' })).toBeNull();
  });

  it('says how to write the URL when it is not one', () => {
    expect(() => resolveEndpoint({ url: 'homeassistant.local:8123', token: 't' })).toThrow(/not a web address — enter it like http/);
    expect(() => resolveEndpoint({ url: 'ftp://ha', token: 't' })).toThrow(expect.objectContaining({ code: 'home_not_configured' }));
  });
});
