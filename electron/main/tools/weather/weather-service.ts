/**
 * Current weather and a short forecast for a named place, from Open-Meteo (no API key):
 * the geocoding API finds the place, the forecast API describes it. Plain TypeScript,
 * given its fetch and base URLs, so it runs (and is tested) in Node.
 */
import type { z } from 'zod';
import { UserFacingError } from '../../errors';
import { ForecastReplySchema, GeocodingReplySchema, type GeocodedPlace } from './open-meteo-replies';
import { buildWeatherReport, type WeatherReport, type WeatherUnits } from './weather-report';

export interface WeatherServiceOptions {
  fetch: typeof fetch;
  /** Default https://geocoding-api.open-meteo.com */
  geocodingBaseUrl?: string;
  /** Default https://api.open-meteo.com */
  forecastBaseUrl?: string;
  /** Per request. Default 8 s: a voice answer cannot wait much longer. */
  timeoutMs?: number;
  /** How long a report for the same place and units is reused. Default 10 minutes. */
  cacheTtlMs?: number;
  now?: () => number;
}

export interface WeatherRequest {
  location: string;
  units?: WeatherUnits;
}

export const WEATHER_PLACE_NOT_FOUND = 'weather_place_not_found';
export const WEATHER_UNAVAILABLE = 'weather_unavailable';

const DEFAULT_GEOCODING_BASE_URL = 'https://geocoding-api.open-meteo.com';
const DEFAULT_FORECAST_BASE_URL = 'https://api.open-meteo.com';
const CACHE_LIMIT = 200;
// With "City, Region" we ask for several candidates and keep the one in that region.
const CANDIDATES_FOR_QUALIFIED_NAMES = 10;

interface CacheEntry {
  report: Promise<WeatherReport>;
  expiresAt: number;
}

export class WeatherService {
  private readonly fetch: typeof fetch;
  private readonly geocodingBaseUrl: string;
  private readonly forecastBaseUrl: string;
  private readonly timeoutMs: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(options: WeatherServiceOptions) {
    this.fetch = options.fetch;
    this.geocodingBaseUrl = options.geocodingBaseUrl ?? DEFAULT_GEOCODING_BASE_URL;
    this.forecastBaseUrl = options.forecastBaseUrl ?? DEFAULT_FORECAST_BASE_URL;
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Throws UserFacingError `weather_place_not_found` when no place matches, and
   * `weather_unavailable` when Open-Meteo fails, is slow, or answers in a shape we do not know.
   */
  getWeather(request: WeatherRequest): Promise<WeatherReport> {
    const location = request.location.trim().replace(/\s+/g, ' ');
    const units = request.units ?? 'metric';
    if (!location) {
      return Promise.reject(new UserFacingError(WEATHER_PLACE_NOT_FOUND, 'Tell me which place you want the weather for.'));
    }
    const key = `${location.toLowerCase()}\u0000${units}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.report;

    // The promise itself is cached, so two questions at once make one set of requests.
    const report = this.fetchReport(location, units);
    this.remember(key, report);
    report.catch(() => {
      if (this.cache.get(key)?.report === report) this.cache.delete(key);
    });
    return report;
  }

  private remember(key: string, report: Promise<WeatherReport>): void {
    const now = this.now();
    this.cache.delete(key);
    this.cache.set(key, { report, expiresAt: now + this.cacheTtlMs });
    if (this.cache.size <= CACHE_LIMIT) return;
    for (const [k, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(k);
    // Still full: drop the oldest; a Map iterates in insertion order.
    for (const k of this.cache.keys()) {
      if (this.cache.size <= CACHE_LIMIT) break;
      this.cache.delete(k);
    }
  }

  private async fetchReport(location: string, units: WeatherUnits): Promise<WeatherReport> {
    const place = await this.findPlace(location);
    const url = endpoint(this.forecastBaseUrl, '/v1/forecast', {
      latitude: String(place.latitude),
      longitude: String(place.longitude),
      current: 'temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,wind_speed_10m,precipitation',
      daily: 'temperature_2m_max,temperature_2m_min,precipitation_probability_max,weather_code',
      timezone: 'auto',
      forecast_days: '3',
      temperature_unit: units === 'imperial' ? 'fahrenheit' : 'celsius',
      wind_speed_unit: units === 'imperial' ? 'mph' : 'kmh',
      precipitation_unit: units === 'imperial' ? 'inch' : 'mm',
    });
    const forecast = await this.getJson(url, ForecastReplySchema);
    return buildWeatherReport(place, forecast, units);
  }

  private async findPlace(location: string): Promise<GeocodedPlace> {
    // Open-Meteo matches the place name only, so "Paris, Texas" searches for "Paris"
    // and the rest picks among the candidates.
    const [name = '', ...rest] = location.split(',').map((part) => part.trim());
    const qualifiers = rest.filter(Boolean).map((part) => part.toLowerCase());
    if (!name) throw new UserFacingError(WEATHER_PLACE_NOT_FOUND, `I couldn't find a place called '${location}'.`);
    const url = endpoint(this.geocodingBaseUrl, '/v1/search', {
      name,
      count: String(qualifiers.length > 0 ? CANDIDATES_FOR_QUALIFIED_NAMES : 1),
      language: 'en',
      format: 'json',
    });
    const { results = [] } = await this.getJson(url, GeocodingReplySchema);
    const match = results.find((place) => qualifiers.some((q) => isIn(place, q))) ?? results[0];
    if (!match) {
      throw new UserFacingError(WEATHER_PLACE_NOT_FOUND, `I couldn't find a place called '${location}'.`);
    }
    return match;
  }

  private async getJson<T>(url: URL, schema: z.ZodType<T>): Promise<T> {
    let body: unknown;
    try {
      const response = await this.fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) throw new Error(`${url.pathname} answered HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw unavailable(error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unavailable(new Error(`${url.pathname} sent an unexpected reply: ${parsed.error.message}`));
    return parsed.data;
  }
}

function isIn(place: GeocodedPlace, qualifier: string): boolean {
  const names = [place.admin1, place.country, place.country_code].filter((n): n is string => Boolean(n));
  return names.some((n) => n.toLowerCase() === qualifier || n.toLowerCase().startsWith(qualifier));
}

function endpoint(baseUrl: string, path: string, query: Record<string, string>): URL {
  // Keeps any path prefix on the base URL (a proxy, a test server mounted under /meteo).
  const url = new URL(path.slice(1), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}

function unavailable(cause: unknown): UserFacingError {
  const error = new UserFacingError(
    WEATHER_UNAVAILABLE,
    'The weather service is not answering right now; try again in a minute.',
  );
  error.cause = cause;
  return error;
}
