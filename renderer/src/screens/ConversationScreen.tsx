/** Placeholder until the conversation issue: the running transcript with FROK. */
export function ConversationScreen() {
  return (
    <section className="screen" data-testid="screen-conversation" aria-labelledby="screen-conversation-title">
      <h1 id="screen-conversation-title" tabIndex={-1}>
        Conversation
      </h1>
      <p className="placeholder">
        Your conversation with FROK will appear here: what you said or typed, FROK's answers, and which
        specialists helped with each one.
      </p>
    </section>
  );
}
