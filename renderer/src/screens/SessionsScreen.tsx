/** Placeholder until the history issue: past conversations. */
export function SessionsScreen() {
  return (
    <section className="screen" data-testid="screen-sessions" aria-labelledby="screen-sessions-title">
      <h1 id="screen-sessions-title" tabIndex={-1}>
        Sessions
      </h1>
      <p className="placeholder">
        Your past conversations will be listed here, to read again, continue or delete.
      </p>
    </section>
  );
}
