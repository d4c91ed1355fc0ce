/**
 * The parts of Open-Meteo's replies the weather service reads, checked before use: a
 * reply that does not match is treated as the service being unavailable, never guessed at.
 */
import { z } from 'zod';

export const GeocodingReplySchema = z.object({
  // Open-Meteo leaves `results` out entirely when nothing matches.
  results: z
    .array(
      z.object({
        name: z.string().min(1),
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        country: z.string().optional(),
        country_code: z.string().optional(),
        admin1: z.string().optional(),
        timezone: z.string().optional(),
      }),
    )
    .optional(),
});
export type GeocodingReply = z.infer<typeof GeocodingReplySchema>;
export type GeocodedPlace = NonNullable<GeocodingReply['results']>[number];

const dailyColumn = <T extends z.ZodType>(item: T) => z.array(item).min(2, 'needs today and tomorrow');

export const ForecastReplySchema = z.object({
  timezone: z.string().optional(),
  current: z.object({
    time: z.string(),
    temperature_2m: z.number(),
    apparent_temperature: z.number(),
    relative_humidity_2m: z.number(),
    weather_code: z.number().int(),
    wind_speed_10m: z.number(),
    precipitation: z.number(),
  }),
  daily: z.object({
    time: dailyColumn(z.string()),
    temperature_2m_max: dailyColumn(z.number()),
    temperature_2m_min: dailyColumn(z.number()),
    // Missing for some models and places; null means "no forecast", not 0%.
    precipitation_probability_max: dailyColumn(z.number().nullable()),
    weather_code: dailyColumn(z.number().int()),
  }),
});
export type ForecastReply = z.infer<typeof ForecastReplySchema>;
