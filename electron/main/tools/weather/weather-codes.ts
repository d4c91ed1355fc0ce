/**
 * WMO weather interpretation codes (WW), as Open-Meteo reports them, in the words a
 * person would use: a label for display and the phrase that follows "it's 14°C" in a
 * spoken summary ("and partly cloudy", "with light rain").
 */
export interface WeatherCondition {
  label: string;
  phrase: string;
  /** What falls, for "20% chance of rain" or "of snow". */
  falls: 'rain' | 'snow' | null;
}

const condition = (label: string, phrase: string, falls: 'rain' | 'snow' | null = null): WeatherCondition => ({
  label,
  phrase,
  falls,
});

const WMO_CODES: ReadonlyMap<number, WeatherCondition> = new Map([
  [0, condition('Clear sky', 'and clear')],
  [1, condition('Mainly clear', 'and mainly clear')],
  [2, condition('Partly cloudy', 'and partly cloudy')],
  [3, condition('Overcast', 'and overcast')],
  [45, condition('Fog', 'with fog')],
  [48, condition('Freezing fog', 'with freezing fog')],
  [51, condition('Light drizzle', 'with light drizzle', 'rain')],
  [53, condition('Drizzle', 'with drizzle', 'rain')],
  [55, condition('Heavy drizzle', 'with heavy drizzle', 'rain')],
  [56, condition('Light freezing drizzle', 'with light freezing drizzle', 'rain')],
  [57, condition('Heavy freezing drizzle', 'with heavy freezing drizzle', 'rain')],
  [61, condition('Light rain', 'with light rain', 'rain')],
  [63, condition('Rain', 'with rain', 'rain')],
  [65, condition('Heavy rain', 'with heavy rain', 'rain')],
  [66, condition('Light freezing rain', 'with light freezing rain', 'rain')],
  [67, condition('Heavy freezing rain', 'with heavy freezing rain', 'rain')],
  [71, condition('Light snow', 'with light snow', 'snow')],
  [73, condition('Snow', 'with snow', 'snow')],
  [75, condition('Heavy snow', 'with heavy snow', 'snow')],
  [77, condition('Snow grains', 'with snow grains', 'snow')],
  [80, condition('Light rain showers', 'with light rain showers', 'rain')],
  [81, condition('Rain showers', 'with rain showers', 'rain')],
  [82, condition('Violent rain showers', 'with violent rain showers', 'rain')],
  [85, condition('Light snow showers', 'with light snow showers', 'snow')],
  [86, condition('Heavy snow showers', 'with heavy snow showers', 'snow')],
  [95, condition('Thunderstorm', 'with a thunderstorm', 'rain')],
  [96, condition('Thunderstorm with light hail', 'with a thunderstorm and light hail', 'rain')],
  [99, condition('Thunderstorm with heavy hail', 'with a thunderstorm and heavy hail', 'rain')],
]);

// A code outside the table still gives a usable summary rather than an error.
const UNKNOWN = condition('Unknown conditions', '');

export function weatherCondition(code: number): WeatherCondition {
  return WMO_CODES.get(code) ?? UNKNOWN;
}

export const KNOWN_WEATHER_CODES: readonly number[] = [...WMO_CODES.keys()];
