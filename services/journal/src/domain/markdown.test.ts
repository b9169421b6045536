import { plainText, wordCount } from './markdown';

test('markup goes, words stay', () => {
  expect(plainText('# A day\n\n- **walked** to the [park](https://x.test)\n> _calm_')).toBe(
    'A day\n\nwalked to the park\ncalm',
  );
  expect(wordCount('```\ncode here\n```\nTwo words')).toBe(2);
});
