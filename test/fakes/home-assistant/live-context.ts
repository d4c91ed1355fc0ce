// GetLiveContext's text, shaped like Home Assistant's (components/homeassistant/llm.py
// `async_get_exposed_entities` + `GetLiveContextTool`): a preamble line, a newline, then a
// PyYAML dump of the exposed entities sorted by name (`names`, `domain`, `state`, `areas`,
// `attributes`), wrapped by the MCP server in `{"success": true, "result": "..."}`.
import { AREA_ALIASES, type DeviceState } from './devices.ts';

export const LIVE_CONTEXT_PREAMBLE = 'Live Context: An overview of the areas and the devices in this smart home:';

// YAML would read these bare words as booleans/null, so HA's dumper quotes them.
const YAML_SPECIAL = /^(?:on|off|yes|no|true|false|null|~|y|n)$/i;

/**
 * A scalar the way PyYAML writes it: strings that would read back as another type (or
 * that start or contain YAML syntax) in single quotes; numbers and null bare.
 */
export function yamlScalar(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  const text = value;
  if (text === '' || YAML_SPECIAL.test(text) || /^[-+]?[\d.]+(?:e[-+]?\d+)?$/i.test(text) || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |\s#|:$|\s$/.test(text)) {
    return `'${text.replaceAll("'", "''")}'`;
  }
  return text;
}

/**
 * The "interesting" attributes HA keeps, in the order the entity writes them. HA turns
 * ints (and enums, Decimals) into strings and leaves floats and None as they are.
 */
function attributesOf(device: DeviceState): [string, string | number | null][] {
  const int = (n: number): string | number => (Number.isInteger(n) ? String(n) : n);
  switch (device.domain) {
    case 'light':
      // A light that is off reports its supported attributes as None.
      return [['brightness', device.state === 'on' ? String(Math.round((device.brightness * 255) / 100)) : null]];
    case 'climate':
      return [
        ['current_temperature', int(device.currentTemperature)],
        ['temperature', int(device.targetTemperature)],
      ];
    case 'cover':
      // state_attributes (current_position) come before the device_class the entity adds last.
      return [['current_position', String(device.position)], ...(device.deviceClass ? [['device_class', device.deviceClass] as [string, string]] : [])];
    default:
      return [];
  }
}

/** One entity's `info` dict, as HA builds it. */
function entityYaml(device: DeviceState): string[] {
  const names = [device.name, ...(device.aliases ?? [])].join(', ');
  // The area's name, then its aliases sorted.
  const areas = [device.area, ...[...(AREA_ALIASES[device.area] ?? [])].sort()].join(', ');
  const lines = [`- names: ${yamlScalar(names)}`, `  domain: ${device.domain}`, `  state: ${yamlScalar(device.state)}`, `  areas: ${yamlScalar(areas)}`];
  const attributes = attributesOf(device);
  if (attributes.length > 0) {
    lines.push('  attributes:');
    for (const [key, value] of attributes) lines.push(`    ${key}: ${yamlScalar(value)}`);
  }
  return lines;
}

/** Python's `sorted(states, key=attrgetter("name"))`: plain code-point order. */
export function sortByName(devices: Iterable<DeviceState>): DeviceState[] {
  return [...devices].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `"\n".join([preamble, yaml_util.dump(entities)])`; the dump ends in a newline. */
export function renderLiveContext(devices: Iterable<DeviceState>): string {
  return `${LIVE_CONTEXT_PREAMBLE}\n${[...devices].flatMap(entityYaml).join('\n')}\n`;
}
