/**
 * The little of express 5 that test/support/mcp-oauth-server.ts uses (express comes with the
 * MCP SDK's server side, without type declarations).
 */
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  export interface Request extends IncomingMessage {
    path: string;
    method: string;
    body: unknown;
  }
  export interface Response extends ServerResponse {
    status(code: number): Response;
    set(name: string, value: string): Response;
    redirect(url: string): void;
  }
  export type NextFunction = (err?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router extends RequestHandler {
    use(...handlers: RequestHandler[]): Router;
    get(path: string, ...handlers: RequestHandler[]): Router;
    post(path: string, ...handlers: RequestHandler[]): Router;
    delete(path: string, ...handlers: RequestHandler[]): Router;
  }
  export interface Express extends Router {
    listen(port: number, host: string, callback: () => void): Server;
  }
  interface ExpressFactory {
    (): Express;
    Router(): Router;
    json(): RequestHandler;
  }
  const express: ExpressFactory;
  export default express;
}
