/** Placeholder until the voice issue: start/stop talking and voice options. */
export function VoiceScreen() {
  return (
    <section className="screen" data-testid="screen-voice" aria-labelledby="screen-voice-title">
      <h1 id="screen-voice-title" tabIndex={-1}>
        Voice
      </h1>
      <p className="placeholder">
        Talk to FROK from here: start and stop listening, see when FROK is listening or speaking, and choose the
        voice, microphone and turn-taking style.
      </p>
    </section>
  );
}
