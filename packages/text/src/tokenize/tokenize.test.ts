import { describe, expect, it } from 'vitest';
import { createTokenizer } from './tokenize.js';

describe('createTokenizer', () => {
  const tokenize = createTokenizer();

  it("splits like scikit-learn's (?u)\\b\\w\\w+\\b|\\w after lower-casing", () => {
    // Expected tokens printed by Python 3.11: re.findall(r'(?u)\b\w\w+\b|\w', text.lower())
    const text = "E\u0301T\u00c9 a_b x² 3.14 don't ŉ \u0915\u093f\u0924\u093e\u092c";
    expect(tokenize(text)).toEqual([
      'e',
      'té',
      'a_b',
      'x²',
      '3',
      '14',
      'don',
      't',
      'ŉ',
      'क',
      'त',
      'ब',
    ]);
  });

  it('takes the same tokens from ASCII text on its fast path', () => {
    expect(tokenize('Subject: FREE $$$ Money!!! e-mail me_now 2day')).toEqual([
      'subject',
      'free',
      'money',
      'e',
      'mail',
      'me_now',
      '2day',
    ]);
  });

  it('returns no tokens for text without word characters', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ,.;!? ')).toEqual([]);
  });

  it('stems with the Porter stemmer only when asked', () => {
    expect(createTokenizer({ stem: true })('Running runners ran')).toEqual([
      'run',
      'runner',
      'ran',
    ]);
    expect(tokenize('Running runners')).toEqual(['running', 'runners']);
  });
});
