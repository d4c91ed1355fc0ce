import { RunContext } from '@openai/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KNOWN_WEATHER_CODES,
  WeatherService,
  createWeatherTool,
  getWeatherForTool,
  weatherCondition,
} from '../../electron/main/tools/weather';
import { startFakeWeatherServer, type FakeWeatherServer } from '../fakes/weather-server';

let server: FakeWeatherServer;
let service: WeatherService;

beforeEach(async () => {
  server = await startFakeWeatherServer({ now: () => Date.parse('2026-11-26T08:41:00Z') });
  service = new WeatherService({ fetch, geocodingBaseUrl: server.url, forecastBaseUrl: server.url });
});

afterEach(async () => {
  await server.close();
});

describe('get_weather tool', () => {
  it('has a strict schema where units is required but may be null', () => {
    const weatherTool = createWeatherTool(service);
    expect(weatherTool.name).toBe('get_weather');
    expect(weatherTool.strict).toBe(true);
    expect(weatherTool.parameters).toMatchObject({
      type: 'object',
      required: ['location', 'units'],
      additionalProperties: false,
      properties: { location: { type: 'string' } },
    });
  });

  it('returns the sentence to say, then compact details for follow-up questions', async () => {
    const output = await createWeatherTool(service).invoke(
      new RunContext(),
      JSON.stringify({ location: 'Paris', units: null }),
    );
    const [summary, details] = String(output).split('\nDetails: ');
    expect(summary).toBe("In Paris it's 14°C and partly cloudy, feels like 12°C. Today: high 17°, low 9°, 20% chance of rain.");
    expect(JSON.parse(details!)).toMatchObject({
      location: 'Paris, Île-de-France, France',
      current: { humidity: 72, windSpeed: 11.5, condition: 'Partly cloudy' },
      tomorrow: { high: 15.4, low: 7.9, precipitationChance: 65, condition: 'Light rain' },
    });
  });

  it("uses the person's usual units when the model passes null, and the model's choice otherwise", async () => {
    const weatherTool = createWeatherTool(service, { defaultUnits: () => 'imperial' });
    const usual = await weatherTool.invoke(new RunContext(), JSON.stringify({ location: 'Tokyo', units: null }));
    expect(String(usual)).toMatch(/^In Tokyo it's 72°F and clear\./);
    const chosen = await weatherTool.invoke(new RunContext(), JSON.stringify({ location: 'Tokyo', units: 'metric' }));
    expect(String(chosen)).toMatch(/^In Tokyo it's 22°C and clear\./);
  });

  it('tells the model when the place does not exist or the service is down', async () => {
    const weatherTool = createWeatherTool(service);
    expect(await weatherTool.invoke(new RunContext(), JSON.stringify({ location: 'Atlantis', units: null }))).toBe(
      "I couldn't find a place called 'Atlantis'.",
    );
    server.setFailure(502);
    expect(await weatherTool.invoke(new RunContext(), JSON.stringify({ location: 'Oslo', units: null }))).toBe(
      'The weather service is not answering right now; try again in a minute.',
    );
  });
});

describe('getWeatherForTool (used by the voice tool runner)', () => {
  it('accepts arguments with units left out', async () => {
    expect(await getWeatherForTool(service, { location: 'Oslo' })).toMatch(/^In Oslo it's -3°C with light snow/);
  });

  it('asks for a place name when the location is blank', async () => {
    expect(await getWeatherForTool(service, { location: '  ' })).toBe('The weather tool needs a place name of 1 to 200 characters.');
    expect(server.requests).toHaveLength(0);
  });

  it.each([[{}], [{ location: 'Oslo', units: 'kelvin' }], [null]])(
    'answers malformed arguments %j with what it needs',
    async (args) => {
      expect(await getWeatherForTool(service, args)).toBe(
        'The weather tool needs a "location" of 1 to 200 characters, and "units" of "metric", "imperial" or null.',
      );
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('WMO weather codes', () => {
  it('names every code Open-Meteo documents', () => {
    expect(KNOWN_WEATHER_CODES).toEqual([
      0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99,
    ]);
    for (const code of KNOWN_WEATHER_CODES) expect(weatherCondition(code).label).not.toBe('Unknown conditions');
  });

  it.each([
    [0, 'Clear sky', null],
    [48, 'Freezing fog', null],
    [57, 'Heavy freezing drizzle', 'rain'],
    [75, 'Heavy snow', 'snow'],
    [86, 'Heavy snow showers', 'snow'],
    [96, 'Thunderstorm with light hail', 'rain'],
    [4, 'Unknown conditions', null],
  ])('code %i is "%s"', (code, label, falls) => {
    expect(weatherCondition(code)).toMatchObject({ label, falls });
  });
});
