// Bearer-key checks with OpenAI's real 401 wording (the app shows it to the user).
import type { IncomingMessage } from 'node:http';
import type { OpenAIErrorBody } from './errors.ts';

/** OpenAI echoes a redacted key: first 3 and last 4 characters. */
export function redactKey(key: string): string {
  return key.length <= 7 ? key : `${key.slice(0, 3)}...${key.slice(-4)}`;
}

export function bearerKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1]?.trim();
}

export function unauthorizedBody(key: string | undefined): OpenAIErrorBody {
  if (!key) {
    return {
      error: {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    };
  }
  return {
    error: {
      message: `Incorrect API key provided: ${redactKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  };
}
