/** What quick ask shows before anything is asked: a few questions that show what FROK can do; choosing one asks it. */
import { useTranslation } from 'react-i18next';

/** One each for the weather, a calculation and memory: tools FROK has without any setup. */
export const EXAMPLE_KEYS = ['weather', 'maths', 'memory'] as const;

export function QuickAskExamples({ onPick }: { onPick(question: string): void }) {
  const { t } = useTranslation('quickAsk');
  return (
    <section className="qa-examples" aria-labelledby="qa-examples-title" data-testid="qa-examples">
      <h2 id="qa-examples-title" className="qa-examples-title">
        {t('examples.title')}
      </h2>
      <p className="hint qa-examples-hint">{t('examples.hint')}</p>
      <ul className="qa-example-list">
        {EXAMPLE_KEYS.map((key) => {
          const question = t(`examples.${key}`);
          return (
            <li key={key}>
              <button type="button" className="qa-example" onClick={() => onPick(question)} data-testid="qa-example">
                {question}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
