/** A one-line result next to a form: errors interrupt (alert), confirmations wait their turn (status). */
export interface FormMessageValue {
  tone: 'error' | 'success';
  text: string;
}

export function FormMessage({ value, testId, id }: { value: FormMessageValue | null; testId: string; id?: string }) {
  if (!value) return null;
  return (
    <p
      id={id}
      className={`message ${value.tone}`}
      role={value.tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {value.text}
    </p>
  );
}
