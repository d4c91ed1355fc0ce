/** Placeholder until the activity issue: live view of the specialist agents. */
export function ActivityScreen() {
  return (
    <section className="screen" data-testid="screen-activity" aria-labelledby="screen-activity-title">
      <h1 id="screen-activity-title" tabIndex={-1}>
        Activity
      </h1>
      <p className="placeholder">
        Watch the specialist agents work: which ones are running, in what order, for how long and with how many
        tokens, as FROK answers.
      </p>
    </section>
  );
}
