/**
 * An Open-Meteo-shaped weather server on 127.0.0.1 for tests: the geocoding search
 * (`/v1/search`) and the forecast (`/v1/forecast`) on one origin, so a WeatherService can
 * use its URL as both base URLs. Like the real API it returns only the variables asked
 * for, converts units, answers 400 with `{ error: true, reason }` for a bad request, and
 * leaves `results` out when no place matches. Weather is deterministic per place.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDay {
  highC: number;
  lowC: number;
  precipitationChance: number | null;
  weatherCode: number;
}

export interface FakeWeather {
  temperatureC: number;
  feelsLikeC: number;
  humidity: number;
  windKmh: number;
  precipitationMm: number;
  weatherCode: number;
  /** Today first; days beyond these repeat the last one. */
  days: FakeDay[];
}

export interface FakePlace {
  name: string;
  latitude: number;
  longitude: number;
  country: string;
  country_code: string;
  admin1?: string;
  timezone: string;
  /** Without it, the weather is derived from the place's name and coordinates. */
  weather?: FakeWeather;
}

export const BUILT_IN_PLACES: Record<string, FakePlace> = {
  paris: {
    name: 'Paris',
    latitude: 48.85341,
    longitude: 2.3488,
    country: 'France',
    country_code: 'FR',
    admin1: 'Île-de-France',
    timezone: 'Europe/Paris',
    weather: {
      temperatureC: 14.2,
      feelsLikeC: 11.8,
      humidity: 72,
      windKmh: 11.5,
      precipitationMm: 0,
      weatherCode: 2,
      days: [
        { highC: 17.1, lowC: 8.6, precipitationChance: 20, weatherCode: 3 },
        { highC: 15.4, lowC: 7.9, precipitationChance: 65, weatherCode: 61 },
      ],
    },
  },
  // A second Paris, so a search for "Paris" has more than one candidate.
  'paris-texas': {
    name: 'Paris',
    latitude: 33.66094,
    longitude: -95.55551,
    country: 'United States',
    country_code: 'US',
    admin1: 'Texas',
    timezone: 'America/Chicago',
    weather: {
      temperatureC: 24,
      feelsLikeC: 24.3,
      humidity: 40,
      windKmh: 16,
      precipitationMm: 0,
      weatherCode: 0,
      days: [
        { highC: 28, lowC: 15, precipitationChance: 0, weatherCode: 0 },
        { highC: 27, lowC: 16, precipitationChance: 5, weatherCode: 1 },
      ],
    },
  },
  oslo: {
    name: 'Oslo',
    latitude: 59.91273,
    longitude: 10.74609,
    country: 'Norway',
    country_code: 'NO',
    admin1: 'Oslo',
    timezone: 'Europe/Oslo',
    weather: {
      temperatureC: -3.4,
      feelsLikeC: -8.2,
      humidity: 91,
      windKmh: 14.8,
      precipitationMm: 0.6,
      weatherCode: 71,
      days: [
        { highC: -1.2, lowC: -6.5, precipitationChance: 80, weatherCode: 73 },
        { highC: 0.4, lowC: -4.1, precipitationChance: 35, weatherCode: 3 },
      ],
    },
  },
  tokyo: {
    name: 'Tokyo',
    latitude: 35.6895,
    longitude: 139.69171,
    country: 'Japan',
    country_code: 'JP',
    admin1: 'Tokyo',
    timezone: 'Asia/Tokyo',
    weather: {
      temperatureC: 22,
      feelsLikeC: 22.2,
      humidity: 55,
      windKmh: 9,
      precipitationMm: 0,
      weatherCode: 0,
      days: [
        { highC: 25, lowC: 18, precipitationChance: null, weatherCode: 1 },
        { highC: 23, lowC: 17, precipitationChance: 10, weatherCode: 2 },
      ],
    },
  },
  'new-york': {
    name: 'New York',
    latitude: 40.71427,
    longitude: -74.00597,
    country: 'United States',
    country_code: 'US',
    admin1: 'New York',
    timezone: 'America/New_York',
  },
};

export interface FakeWeatherServerOptions {
  /** Added to (or replacing, by key) the built-in places. */
  places?: Record<string, FakePlace>;
  /** Every request answers with this HTTP status. */
  failWith?: number;
  /** Every request waits this long before answering. */
  delayMs?: number;
  /** Local times in replies are computed from this clock. */
  now?: () => number;
}

export type FakeEndpoint = '/v1/search' | '/v1/forecast';
export type MalformedReply = 'invalid-json' | 'wrong-shape';

export interface FakeWeatherServer {
  url: string;
  requests: { path: string; query: Record<string, string> }[];
  /** A status for every request (or only for one endpoint); null answers normally again. */
  setFailure(status: number | null, only?: FakeEndpoint): void;
  /** Answer with JSON that does not parse, or that parses but lacks what a client needs. */
  setMalformed(kind: MalformedReply | null, only?: FakeEndpoint): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const CURRENT_UNITS_METRIC: Record<string, string> = {
  temperature_2m: '°C',
  apparent_temperature: '°C',
  relative_humidity_2m: '%',
  weather_code: 'wmo code',
  wind_speed_10m: 'km/h',
  precipitation: 'mm',
};

const DAILY_VARIABLES = new Set([
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_probability_max',
  'weather_code',
]);

export async function startFakeWeatherServer(options: FakeWeatherServerOptions = {}): Promise<FakeWeatherServer> {
  const places: FakePlace[] = Object.values({ ...BUILT_IN_PLACES, ...options.places });
  const now = options.now ?? Date.now;
  const requests: FakeWeatherServer['requests'] = [];
  let failure: { status: number; only?: FakeEndpoint } | null =
    options.failWith === undefined ? null : { status: options.failWith };
  let malformed: { kind: MalformedReply; only?: FakeEndpoint } | null = null;
  let delayMs = options.delayMs ?? 0;
  const pendingTimers = new Set<NodeJS.Timeout>();

  const applies = (rule: { only?: FakeEndpoint } | null, path: string): boolean =>
    rule !== null && (rule.only === undefined || rule.only === path);

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    if (failure && applies(failure, url.pathname)) {
      return send(res, failure.status, { error: true, reason: `Fake weather server failing with ${failure.status}` });
    }
    if (malformed && applies(malformed, url.pathname)) {
      if (malformed.kind === 'invalid-json') return sendRaw(res, 200, '{"results": [{"name": "Par');
      return send(res, 200, url.pathname === '/v1/search' ? { results: [{ name: 'Paris' }] } : { current: {} });
    }
    if (req.method !== 'GET') return send(res, 405, { error: true, reason: 'Only GET is supported' });
    if (url.pathname === '/v1/search') return send(res, 200, search(places, url.searchParams));
    if (url.pathname === '/v1/forecast') {
      const reply = forecast(places, url.searchParams, now());
      return send(res, 'error' in reply ? 400 : 200, reply);
    }
    return send(res, 404, { error: true, reason: `Not found: ${url.pathname}` });
  };

  const server = createServer((req, res) => {
    if (delayMs <= 0) return answer(req, res);
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      // The client may have given up (timed out) while we waited.
      if (!res.destroyed) answer(req, res);
    }, delayMs);
    pendingTimers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFailure(status, only) {
      failure = status === null ? null : { status, ...(only ? { only } : {}) };
    },
    setMalformed(kind, only) {
      malformed = kind === null ? null : { kind, ...(only ? { only } : {}) };
    },
    setDelay(ms) {
      delayMs = ms;
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function search(places: FakePlace[], params: URLSearchParams): object {
  const name = (params.get('name') ?? '').trim().toLowerCase();
  const count = Math.min(Math.max(Number(params.get('count') ?? 10) || 10, 1), 100);
  // Open-Meteo returns nothing for one-letter names, exact matches before prefix matches.
  const matches =
    name.length < 2
      ? []
      : [
          ...places.filter((p) => p.name.toLowerCase() === name),
          ...places.filter((p) => p.name.toLowerCase() !== name && p.name.toLowerCase().startsWith(name)),
        ];
  const results = matches.slice(0, count).map((place) => ({
    id: Math.abs(hash(`${place.name}${place.latitude}${place.longitude}`)),
    name: place.name,
    latitude: place.latitude,
    longitude: place.longitude,
    elevation: 42,
    feature_code: 'PPLC',
    country_code: place.country_code,
    timezone: place.timezone,
    country: place.country,
    ...(place.admin1 ? { admin1: place.admin1 } : {}),
  }));
  return results.length > 0 ? { results, generationtime_ms: 0.4 } : { generationtime_ms: 0.4 };
}

function forecast(places: FakePlace[], params: URLSearchParams, nowMs: number): object {
  const latitude = Number(params.get('latitude'));
  const longitude = Number(params.get('longitude'));
  if (!params.has('latitude') || !params.has('longitude') || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return { error: true, reason: "Value of type 'Float' required for keys 'latitude' and 'longitude'." };
  }
  const currentVariables = list(params.get('current'));
  const dailyVariables = list(params.get('daily'));
  const unknown = [
    ...currentVariables.filter((v) => !(v in CURRENT_UNITS_METRIC)),
    ...dailyVariables.filter((v) => !DAILY_VARIABLES.has(v)),
  ];
  if (unknown.length > 0) {
    return { error: true, reason: `Cannot initialize WeatherVariable from invalid String value ${unknown[0]}` };
  }
  const days = Number(params.get('forecast_days') ?? 7);
  if (!Number.isInteger(days) || days < 1 || days > 16) {
    return { error: true, reason: 'Forecast days is invalid. Allowed range 0 to 16.' };
  }
  const fahrenheit = params.get('temperature_unit') === 'fahrenheit';
  const windUnit = params.get('wind_speed_unit') ?? 'kmh';
  const inches = params.get('precipitation_unit') === 'inch';
  const temperature = (c: number) => (fahrenheit ? round(c * 1.8 + 32, 1) : c);
  const wind = (kmh: number) =>
    windUnit === 'mph' ? round(kmh / 1.609344, 1) : windUnit === 'ms' ? round(kmh / 3.6, 1) : kmh;
  const rain = (mm: number) => (inches ? round(mm / 25.4, 3) : mm);

  const place = places.find(
    (p) => Math.abs(p.latitude - latitude) < 0.01 && Math.abs(p.longitude - longitude) < 0.01,
  );
  const requestedZone = params.get('timezone');
  const timezone = !requestedZone || requestedZone === 'auto' ? (place?.timezone ?? 'GMT') : requestedZone;
  const weather = place?.weather ?? derivedWeather(place?.name ?? '', latitude, longitude);
  const currentValues: Record<string, number> = {
    temperature_2m: temperature(weather.temperatureC),
    apparent_temperature: temperature(weather.feelsLikeC),
    relative_humidity_2m: weather.humidity,
    weather_code: weather.weatherCode,
    wind_speed_10m: wind(weather.windKmh),
    precipitation: rain(weather.precipitationMm),
  };
  const currentUnits: Record<string, string> = {
    ...CURRENT_UNITS_METRIC,
    temperature_2m: fahrenheit ? '°F' : '°C',
    apparent_temperature: fahrenheit ? '°F' : '°C',
    wind_speed_10m: windUnit === 'mph' ? 'mp/h' : windUnit === 'ms' ? 'm/s' : 'km/h',
    precipitation: inches ? 'inch' : 'mm',
  };
  const local = localTime(nowMs, timezone);
  const dayList = Array.from({ length: days }, (_, i) => weather.days[Math.min(i, weather.days.length - 1)]!);
  const dailyColumns: Record<string, (number | null)[]> = {
    temperature_2m_max: dayList.map((d) => temperature(d.highC)),
    temperature_2m_min: dayList.map((d) => temperature(d.lowC)),
    precipitation_probability_max: dayList.map((d) => d.precipitationChance),
    weather_code: dayList.map((d) => d.weatherCode),
  };
  return {
    latitude: round(latitude, 4),
    longitude: round(longitude, 4),
    generationtime_ms: 0.1,
    utc_offset_seconds: local.offsetSeconds,
    timezone,
    timezone_abbreviation: timezone,
    elevation: 42,
    ...(currentVariables.length > 0
      ? {
          current_units: { time: 'iso8601', interval: 'seconds', ...pick(currentUnits, currentVariables) },
          current: { time: local.quarterHour, interval: 900, ...pick(currentValues, currentVariables) },
        }
      : {}),
    ...(dailyVariables.length > 0
      ? {
          daily_units: {
            time: 'iso8601',
            ...pick(
              {
                temperature_2m_max: currentUnits.temperature_2m!,
                temperature_2m_min: currentUnits.temperature_2m!,
                precipitation_probability_max: '%',
                weather_code: 'wmo code',
              },
              dailyVariables,
            ),
          },
          daily: {
            time: dayList.map((_, i) => addDays(local.date, i)),
            ...pick(dailyColumns, dailyVariables),
          },
        }
      : {}),
  };
}

/** Plausible, repeatable weather for a place without scripted weather. */
function derivedWeather(name: string, latitude: number, longitude: number): FakeWeather {
  const seed = Math.abs(hash(`${name}|${latitude.toFixed(2)}|${longitude.toFixed(2)}`));
  const codes = [0, 1, 2, 3, 45, 61, 63, 80, 95];
  const temperatureC = round(28 - 0.45 * Math.abs(latitude) + (seed % 7), 1);
  const weatherCode = codes[seed % codes.length]!;
  const wet = weatherCode >= 51;
  return {
    temperatureC,
    feelsLikeC: round(temperatureC - 1 - (seed % 3), 1),
    humidity: 45 + (seed % 45),
    windKmh: round(4 + (seed % 25) + 0.5, 1),
    precipitationMm: wet ? round(0.2 + (seed % 5) * 0.4, 1) : 0,
    weatherCode,
    days: [0, 1, 2].map((i) => ({
      highC: round(temperatureC + 3 + i, 1),
      lowC: round(temperatureC - 6 + i, 1),
      precipitationChance: wet ? 60 + i * 10 : (seed + i * 13) % 30,
      weatherCode: codes[(seed + i) % codes.length]!,
    })),
  };
}

function localTime(nowMs: number, timeZone: string): { date: string; quarterHour: string; offsetSeconds: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(nowMs))
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minute = String(Math.floor(Number(parts.minute) / 15) * 15).padStart(2, '0');
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offsetSeconds = Math.round((asUtc - Math.floor(nowMs / 60_000) * 60_000) / 1000);
  return { date, quarterHour: `${date}T${parts.hour}:${minute}`, offsetSeconds };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function pick<T>(record: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.map((k) => [k, record[k]!]));
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + ch.codePointAt(0)!) | 0;
  return h;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, JSON.stringify(body));
}

function sendRaw(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}
