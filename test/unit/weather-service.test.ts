import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { WeatherService, type WeatherServiceOptions } from '../../electron/main/tools/weather';
import { startFakeWeatherServer, type FakeWeatherServer } from '../fakes/weather-server';

const NOW = Date.parse('2026-11-26T08:41:00Z');
let server: FakeWeatherServer;

beforeEach(async () => {
  server = await startFakeWeatherServer({
    now: () => NOW,
    places: {
      bergen: {
        name: 'Bergen',
        latitude: 60.39299,
        longitude: 5.32415,
        country: 'Norway',
        country_code: 'NO',
        admin1: 'Vestland',
        timezone: 'Europe/Oslo',
        weather: {
          temperatureC: 0.4,
          feelsLikeC: -0.3,
          humidity: 95,
          windKmh: 40,
          precipitationMm: 3,
          weatherCode: 99,
          days: [
            { highC: 2, lowC: -0.4, precipitationChance: null, weatherCode: 42 },
            { highC: 3, lowC: 1, precipitationChance: 90, weatherCode: 65 },
          ],
        },
      },
    },
  });
});

afterEach(async () => {
  await server.close();
});

function service(overrides: Partial<WeatherServiceOptions> = {}): WeatherService {
  return new WeatherService({ fetch, geocodingBaseUrl: server.url, forecastBaseUrl: server.url, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the weather request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

const UNAVAILABLE = 'The weather service is not answering right now; try again in a minute.';

describe('WeatherService against an Open-Meteo-shaped server', () => {
  it('reports current weather and the forecast for a city, with a sentence to say', async () => {
    const report = await service().getWeather({ location: 'Paris' });
    expect(report).toEqual({
      location: 'Paris, Île-de-France, France',
      current: {
        time: '2026-11-26T09:30',
        temperature: 14.2,
        feelsLike: 11.8,
        humidity: 72,
        windSpeed: 11.5,
        precipitation: 0,
        condition: 'Partly cloudy',
        units: { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm', humidity: '%' },
      },
      today: { date: '2026-11-26', high: 17.1, low: 8.6, precipitationChance: 20, condition: 'Overcast' },
      tomorrow: { date: '2026-11-27', high: 15.4, low: 7.9, precipitationChance: 65, condition: 'Light rain' },
      summary: "In Paris it's 14°C and partly cloudy, feels like 12°C. Today: high 17°, low 9°, 20% chance of rain.",
    });
  });

  it('sends the geocoding and forecast requests Open-Meteo expects', async () => {
    await service().getWeather({ location: '  Oslo ' });
    expect(server.requests).toEqual([
      { path: '/v1/search', query: { name: 'Oslo', count: '1', language: 'en', format: 'json' } },
      {
        path: '/v1/forecast',
        query: {
          latitude: '59.91273',
          longitude: '10.74609',
          current: 'temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,wind_speed_10m,precipitation',
          daily: 'temperature_2m_max,temperature_2m_min,precipitation_probability_max,weather_code',
          timezone: 'auto',
          forecast_days: '3',
          temperature_unit: 'celsius',
          wind_speed_unit: 'kmh',
          precipitation_unit: 'mm',
        },
      },
    ]);
  });

  it('speaks of snow when snow is forecast, and says "-3", never "minus zero"', async () => {
    const oslo = await service().getWeather({ location: 'oslo' });
    expect(oslo.summary).toBe(
      "In Oslo it's -3°C with light snow, feels like -8°C. Today: high -1°, low -7°, 80% chance of snow.",
    );
    const bergen = await service().getWeather({ location: 'Bergen' });
    expect(bergen.summary).toBe("In Bergen it's 0°C with a thunderstorm and heavy hail. Today: high 2°, low 0°.");
    expect(bergen.today.condition).toBe('Unknown conditions');
    expect(bergen.today.precipitationChance).toBeNull();
  });

  it('answers in °F and mph when asked for imperial units', async () => {
    const report = await service().getWeather({ location: 'Paris', units: 'imperial' });
    expect(report.current).toMatchObject({
      temperature: 57.6,
      feelsLike: 53.2,
      windSpeed: 7.1,
      units: { temperature: '°F', windSpeed: 'mph', precipitation: 'in' },
    });
    expect(report.summary).toBe(
      "In Paris it's 58°F and partly cloudy, feels like 53°F. Today: high 63°, low 48°, 20% chance of rain.",
    );
    expect(server.requests[1]?.query).toMatchObject({
      temperature_unit: 'fahrenheit',
      wind_speed_unit: 'mph',
      precipitation_unit: 'inch',
    });
  });

  it('picks the place in the named region when a qualifier follows a comma', async () => {
    const texas = await service().getWeather({ location: 'Paris, Texas' });
    expect(texas.location).toBe('Paris, Texas, United States');
    expect(server.requests[0]?.query).toMatchObject({ name: 'Paris', count: '10' });
    const france = await service().getWeather({ location: 'Paris, FR' });
    expect(france.location).toBe('Paris, Île-de-France, France');
  });

  it('says plainly when no place matches, without asking for a forecast', async () => {
    const error = await failure(service().getWeather({ location: 'Xyzzyville' }));
    expect(error.code).toBe('weather_place_not_found');
    expect(error.message).toBe("I couldn't find a place called 'Xyzzyville'.");
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/search']);
  });

  it.each([
    ['the geocoding search fails', 500, '/v1/search' as const],
    ['the forecast fails', 503, '/v1/forecast' as const],
    ['the forecast is rate limited', 429, undefined],
  ])('reports the service as unavailable when %s', async (_, status, only) => {
    server.setFailure(status, only);
    const error = await failure(service().getWeather({ location: 'Tokyo' }));
    expect(error.code).toBe('weather_unavailable');
    expect(error.message).toBe(UNAVAILABLE);
    expect(String(error.cause)).toContain(`HTTP ${status}`);
  });

  it('gives up on a slow server after its timeout', async () => {
    server.setDelay(2_000);
    // It fails rather than waiting for the late answer; how promptly: bench/timeouts.bench.ts.
    const error = await failure(service({ timeoutMs: 150 }).getWeather({ location: 'Tokyo' }));
    expect(error.code).toBe('weather_unavailable');
    expect(error.message).toBe(UNAVAILABLE);
  });

  it.each([
    ['JSON that does not parse', 'invalid-json' as const, '/v1/search' as const],
    ['a search reply missing coordinates', 'wrong-shape' as const, '/v1/search' as const],
    ['a forecast reply missing its numbers', 'wrong-shape' as const, '/v1/forecast' as const],
    ['a forecast that is not JSON', 'invalid-json' as const, '/v1/forecast' as const],
  ])('treats %s as the service being unavailable', async (_, kind, only) => {
    server.setMalformed(kind, only);
    const error = await failure(service().getWeather({ location: 'Tokyo' }));
    expect(error.code).toBe('weather_unavailable');
    expect(error.message).toBe(UNAVAILABLE);
  });

  it('reuses a report for the same place and units until the cache time runs out', async () => {
    let now = NOW;
    const weather = service({ now: () => now, cacheTtlMs: 60_000 });
    await weather.getWeather({ location: 'Tokyo' });
    await weather.getWeather({ location: 'tokyo ' });
    expect(server.requests).toHaveLength(2);

    await weather.getWeather({ location: 'Tokyo', units: 'imperial' });
    expect(server.requests).toHaveLength(4);

    now += 61_000;
    await weather.getWeather({ location: 'Tokyo' });
    expect(server.requests).toHaveLength(6);
  });

  it('asks once when the same question arrives twice at the same time', async () => {
    const weather = service();
    const [a, b] = await Promise.all([weather.getWeather({ location: 'Tokyo' }), weather.getWeather({ location: 'Tokyo' })]);
    expect(a).toEqual(b);
    expect(server.requests).toHaveLength(2);
  });

  it('does not remember failures: the next question tries again', async () => {
    const weather = service();
    server.setFailure(500);
    await failure(weather.getWeather({ location: 'Tokyo' }));
    server.setFailure(null);
    const report = await weather.getWeather({ location: 'Tokyo' });
    expect(report.summary).toBe("In Tokyo it's 22°C and clear. Today: high 25°, low 18°.");
  });

  it('describes a place with derived weather consistently', async () => {
    const first = await service().getWeather({ location: 'New York' });
    const second = await service().getWeather({ location: 'New York' });
    expect(first.location).toBe('New York, United States');
    expect(second).toEqual(first);
    expect(first.summary).toMatch(/^In New York it's -?\d+°C/);
  });

  it('refuses an empty place name', async () => {
    const error = await failure(service().getWeather({ location: '   ' }));
    expect(error.code).toBe('weather_place_not_found');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps a path prefix on its base URLs', async () => {
    const urls: string[] = [];
    const weather = new WeatherService({
      // Stands in for a proxy that serves Open-Meteo under /meteo/.
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(String(input).replace('/meteo/', '/'), init);
      },
      geocodingBaseUrl: `${server.url}/meteo`,
      forecastBaseUrl: `${server.url}/meteo/`,
    });
    await weather.getWeather({ location: 'Tokyo' });
    expect(urls.map((u) => new URL(u).pathname)).toEqual(['/meteo/v1/search', '/meteo/v1/forecast']);
  });
});
