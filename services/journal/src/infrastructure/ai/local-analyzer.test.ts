import { insightContent } from '../../domain/insight';
import { LocalAnalyzer } from './local-analyzer';

const analyzer = new LocalAnalyzer();

test('a happy entry is positive, with themes, a summary and follow-ups from what the writer means to do', () => {
  const insight = analyzer.analyzeNow({
    text:
      'Went for a long walk in the park with Sam. The weather was wonderful and I felt great. ' +
      'Work on the project went well too. I need to call Mum about the trip. Remember to book the train tickets.',
    mood: 5,
    tags: [],
  });
  expect(insightContent.parse(insight)).toEqual(insight);
  expect(insight.sentimentLabel).toBe('positive');
  expect(insight.sentiment).toBeGreaterThan(0.2);
  expect(insight.themes).toEqual(expect.arrayContaining(['park', 'project']));
  expect(insight.suggestions).toEqual(['Call Mum about the trip', 'Book the train tickets']);
  expect(insight.summary.length).toBeGreaterThan(10);
});

test('negation is understood: "not good" is not positive', () => {
  const insight = analyzer.analyzeNow({ text: 'The day was not good. I am not happy at all.', mood: null, tags: [] });
  expect(insight.sentimentLabel).toBe('negative');
});

test('any text gives a valid insight', () => {
  for (const text of ['', '.', '🙂', 'a'.repeat(20_000), '<script>alert(1)</script>']) {
    expect(() => insightContent.parse(analyzer.analyzeNow({ text, mood: null, tags: [] }))).not.toThrow();
  }
});
