/** Shown when the start-up reads fail; nothing else can work without them. */
export interface LoadErrorProps {
  message: string;
  retrying: boolean;
  onRetry(): void;
}

export function LoadError({ message, retrying, onRetry }: LoadErrorProps) {
  return (
    <main className="centered-screen" data-testid="load-error" aria-labelledby="load-error-title">
      <h1 id="load-error-title">FROK couldn't start</h1>
      <p role="alert" data-testid="load-error-message">
        {message}
      </p>
      <button type="button" className="button primary" onClick={onRetry} disabled={retrying} data-testid="load-retry">
        {retrying ? 'Trying again…' : 'Retry'}
      </button>
    </main>
  );
}
