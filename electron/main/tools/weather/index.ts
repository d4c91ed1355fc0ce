export {
  WeatherService,
  WEATHER_PLACE_NOT_FOUND,
  WEATHER_UNAVAILABLE,
  type WeatherRequest,
  type WeatherServiceOptions,
} from './weather-service';
export {
  UNIT_LABELS,
  type CurrentWeather,
  type DayForecast,
  type WeatherReport,
  type WeatherUnitLabels,
  type WeatherUnits,
} from './weather-report';
export { KNOWN_WEATHER_CODES, weatherCondition, type WeatherCondition } from './weather-codes';
export {
  createWeatherTool,
  getWeatherForTool,
  weatherParameters,
  WEATHER_DESCRIPTION,
  type WeatherToolOptions,
} from './weather-tool';
