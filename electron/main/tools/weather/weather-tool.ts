/**
 * The `get_weather` tool. A place that cannot be found, or Open-Meteo being down, is an
 * answer the person should hear, so the tool returns that UserFacingError's message as
 * its result; anything else is a bug and is thrown for the SDK's error handling.
 */
import { tool } from '@openai/agents';
import { z } from 'zod';
import { UserFacingError } from '../../errors';
import type { WeatherUnits } from './weather-report';
import { WEATHER_PLACE_NOT_FOUND, WEATHER_UNAVAILABLE, type WeatherService } from './weather-service';

const UnitsSchema = z.enum(['metric', 'imperial']);

// Strict tool schemas need every field present, so "no preference" is null, not absent.
// No min/max on strings (OpenAI's strict schemas reject them): describeWeather checks the length.
export const weatherParameters = z.object({
  location: z
    .string()
    .describe('The place, as a city name, optionally with region or country: "Oslo", "Portland, Oregon".'),
  units: UnitsSchema.nullable().describe(
    '"metric" (°C, km/h) or "imperial" (°F, mph); null to use the person\'s usual units.',
  ),
});

export const WEATHER_DESCRIPTION =
  'Current weather and the forecast for today and tomorrow at a named place: temperature, ' +
  'feels-like, conditions, humidity, wind, chance of rain. Returns a sentence to say plus details.';

export interface WeatherToolOptions {
  /** Units when the model passes null; read on every call so a settings change applies. Default metric. */
  defaultUnits?: () => WeatherUnits;
}

/** Runs the weather lookup on tool arguments (units may be left out) and returns the text for the model. */
export async function getWeatherForTool(
  service: WeatherService,
  args: unknown,
  options: WeatherToolOptions = {},
): Promise<string> {
  const parsed = weatherParameters.extend({ units: UnitsSchema.nullish() }).safeParse(args);
  if (!parsed.success) {
    return 'The weather tool needs a "location" of 1 to 200 characters, and "units" of "metric", "imperial" or null.';
  }
  return describeWeather(service, parsed.data.location, parsed.data.units ?? null, options);
}

export function createWeatherTool(service: WeatherService, options: WeatherToolOptions = {}) {
  return tool({
    name: 'get_weather',
    description: WEATHER_DESCRIPTION,
    parameters: weatherParameters,
    execute: ({ location, units }) => describeWeather(service, location, units, options),
  });
}

async function describeWeather(
  service: WeatherService,
  location: string,
  units: WeatherUnits | null,
  options: WeatherToolOptions,
): Promise<string> {
  const place = location.trim();
  if (place.length === 0 || place.length > 200) return 'The weather tool needs a place name of 1 to 200 characters.';
  try {
    const report = await service.getWeather({ location: place, units: units ?? options.defaultUnits?.() ?? 'metric' });
    const { summary, ...details } = report;
    return `${summary}\nDetails: ${JSON.stringify(details)}`;
  } catch (error) {
    if (error instanceof UserFacingError && (error.code === WEATHER_PLACE_NOT_FOUND || error.code === WEATHER_UNAVAILABLE)) {
      return error.message;
    }
    throw error;
  }
}
