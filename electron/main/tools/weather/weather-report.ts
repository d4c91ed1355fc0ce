/**
 * The weather as FROK reports it, and how that report is built from Open-Meteo's place
 * and forecast replies — including the one- or two-sentence summary meant to be spoken.
 */
import type { ForecastReply, GeocodedPlace } from './open-meteo-replies';
import { weatherCondition } from './weather-codes';

export type WeatherUnits = 'metric' | 'imperial';

export interface WeatherUnitLabels {
  temperature: '°C' | '°F';
  windSpeed: 'km/h' | 'mph';
  precipitation: 'mm' | 'in';
  humidity: '%';
}

export interface CurrentWeather {
  /** Local time of the observation at the place, e.g. "2026-11-26T09:45". */
  time: string;
  temperature: number;
  feelsLike: number;
  humidity: number;
  windSpeed: number;
  precipitation: number;
  condition: string;
  units: WeatherUnitLabels;
}

export interface DayForecast {
  date: string;
  high: number;
  low: number;
  /** Percent; null when the forecast has none for this place. */
  precipitationChance: number | null;
  condition: string;
}

export interface WeatherReport {
  /** "Paris, Île-de-France, France" */
  location: string;
  current: CurrentWeather;
  today: DayForecast;
  tomorrow: DayForecast;
  /** "In Paris it's 14°C and partly cloudy, feels like 12°C. Today: high 17°, low 9°, 20% chance of rain." */
  summary: string;
}

export const UNIT_LABELS: Record<WeatherUnits, WeatherUnitLabels> = {
  metric: { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm', humidity: '%' },
  imperial: { temperature: '°F', windSpeed: 'mph', precipitation: 'in', humidity: '%' },
};

export function describePlace(place: GeocodedPlace): string {
  const parts = [place.name];
  if (place.admin1 && place.admin1 !== place.name) parts.push(place.admin1);
  if (place.country && place.country !== place.name) parts.push(place.country);
  return parts.join(', ');
}

export function buildWeatherReport(place: GeocodedPlace, forecast: ForecastReply, units: WeatherUnits): WeatherReport {
  const { current, daily } = forecast;
  const day = (index: number): DayForecast => ({
    date: daily.time[index]!,
    high: daily.temperature_2m_max[index]!,
    low: daily.temperature_2m_min[index]!,
    precipitationChance: daily.precipitation_probability_max[index] ?? null,
    condition: weatherCondition(daily.weather_code[index]!).label,
  });
  const report: Omit<WeatherReport, 'summary'> = {
    location: describePlace(place),
    current: {
      time: current.time,
      temperature: current.temperature_2m,
      feelsLike: current.apparent_temperature,
      humidity: current.relative_humidity_2m,
      windSpeed: current.wind_speed_10m,
      precipitation: current.precipitation,
      condition: weatherCondition(current.weather_code).label,
      units: UNIT_LABELS[units],
    },
    today: day(0),
    tomorrow: day(1),
  };
  return { ...report, summary: speakableSummary(place.name, forecast, units) };
}

function speakableSummary(placeName: string, forecast: ForecastReply, units: WeatherUnits): string {
  const unit = UNIT_LABELS[units].temperature;
  const { current, daily } = forecast;
  const now = weatherCondition(current.weather_code);
  const temperature = wholeDegrees(current.temperature_2m);
  const feelsLike = wholeDegrees(current.apparent_temperature);
  let first = `In ${placeName} it's ${temperature}${unit}`;
  if (now.phrase) first += ` ${now.phrase}`;
  // "feels like" only earns its words when it differs from the thermometer.
  if (feelsLike !== temperature) first += `, feels like ${feelsLike}${unit}`;

  let second = `Today: high ${wholeDegrees(daily.temperature_2m_max[0]!)}°, low ${wholeDegrees(daily.temperature_2m_min[0]!)}°`;
  const chance = daily.precipitation_probability_max[0];
  if (chance !== null && chance !== undefined) {
    const falls = weatherCondition(daily.weather_code[0]!).falls ?? 'rain';
    second += `, ${Math.round(chance)}% chance of ${falls}`;
  }
  return `${first}. ${second}.`;
}

// Half away from zero, so -6.5° and 6.5° round alike; + 0 turns -0 into 0 so nobody
// hears "minus zero".
function wholeDegrees(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) + 0;
}
