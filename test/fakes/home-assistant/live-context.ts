// GetLiveContext's text, shaped like Home Assistant's: a preamble line, then a YAML list
// of exposed entities (`names`, `domain`, `state`, `areas`, `attributes`), wrapped by the
// MCP server in `{"success": true, "result": "..."}`.
import { AREA_ALIASES, type DeviceState } from './devices.ts';

export const LIVE_CONTEXT_PREAMBLE = 'Live Context: An overview of the areas and the devices in this smart home:';

// YAML would read these bare words as booleans/null, so HA's dumper quotes them.
const YAML_SPECIAL = /^(?:on|off|yes|no|true|false|null|~|y|n)$/i;

/** Quotes a scalar the way PyYAML does for strings that would otherwise change type. */
export function yamlScalar(value: string | number): string {
  const text = String(value);
  if (text === '' || YAML_SPECIAL.test(text) || /^[-+]?[\d.]+$/.test(text) || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |\s#/.test(text)) {
    return `'${text.replaceAll("'", "''")}'`;
  }
  return text;
}

function attributesOf(device: DeviceState): [string, string | number][] {
  switch (device.domain) {
    case 'light':
      // HA stores brightness as 0–255 and only while the light is on.
      return device.state === 'on' ? [['brightness', String(Math.round((device.brightness * 255) / 100))]] : [];
    case 'climate':
      return [
        ['current_temperature', String(device.currentTemperature)],
        ['temperature', String(device.targetTemperature)],
      ];
    case 'cover':
      return [...(device.deviceClass ? [['device_class', device.deviceClass] as [string, string]] : []), ['current_position', String(device.position)]];
    default:
      return [];
  }
}

export function renderLiveContext(devices: Iterable<DeviceState>): string {
  const lines = [LIVE_CONTEXT_PREAMBLE];
  for (const device of devices) {
    const names = [device.name, ...(device.aliases ?? [])].join(', ');
    const areas = [device.area, ...(AREA_ALIASES[device.area] ?? [])].join(', ');
    lines.push(`- names: ${yamlScalar(names)}`, `  domain: ${device.domain}`, `  state: ${yamlScalar(device.state)}`, `  areas: ${yamlScalar(areas)}`);
    const attributes = attributesOf(device);
    if (attributes.length > 0) {
      lines.push('  attributes:');
      for (const [key, value] of attributes) lines.push(`    ${key}: ${yamlScalar(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
