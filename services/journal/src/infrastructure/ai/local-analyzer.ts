// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- vader-sentiment has no types: ours travel with this file, so every program that compiles it (the root one for tests too) sees them
/// <reference path="../../types/vader-sentiment.d.ts" />
import winkNLP, { type ItemToken, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { labelOf, type InsightContent } from '../../domain/insight';
import type { AnalysisRequest, InsightProvider } from './provider';

const nlp = winkNLP(model);
const its = nlp.its;
// wink-nlp's typings declare its.lemma with the model add-ons' type that ItsFunction omits.
const lemmaOf = its.lemma as ItsFunction<string>;

/** Words that mark a sentence as something the writer means to do. */
const INTENT =
  /\b(?:i|we)\s+(?:really\s+)?(?:need|have|ought|want|plan|must|should|will|'ll|'d like|would like|am going|'m going)\s*(?:to\s+)?(.+)|\b(?:remember|don't forget|do not forget|must not forget)\s+to\s+(.+)|\btodo:?\s+(.+)/i;
const SUMMARY_SENTENCES = 2;
const MAX_THEMES = 5;
const MAX_SUGGESTIONS = 3;
const VADER_SENTENCES = 12;

/**
 * The embedded analyzer: no network, no download. wink-nlp's English model splits
 * sentences, tags parts of speech (themes are the most frequent noun lemmas) and scores
 * sentiment, with VADER's scores beside it (negation and intensifiers), and the summary is extractive: the
 * sentences that carry the most theme words, in the order they were written.
 */
export class LocalAnalyzer implements InsightProvider {
  readonly name = 'local' as const;
  readonly model = 'wink-eng-lite-web-model+vader';
  readonly remote = false;

  constructor() {
    // The first analysis compiles the model's code paths (~100–200 ms): pay it at start, not
    // on someone's first entry.
    this.analyzeNow({ text: 'A first sentence. I need to warm up the analyzer.', mood: null, tags: [] });
  }

  analyze(request: AnalysisRequest): Promise<InsightContent> {
    return Promise.resolve(this.analyzeNow(request));
  }

  analyzeNow({ text }: AnalysisRequest): InsightContent {
    const doc = nlp.readDoc(text);
    const sentences = doc.sentences().out();
    const counts = new Map<string, number>();
    doc
      .tokens()
      .filter((t) => {
        const pos = t.out(its.pos);
        return (pos === 'NOUN' || pos === 'PROPN') && !t.out(its.stopWordFlag) && t.out(its.type) === 'word';
      })
      .each((t: ItemToken) => {
        const lemma = t.out(lemmaOf).toLowerCase();
        if (lemma.length > 2 && lemma.length <= 60) counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
      });
    const themes = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_THEMES)
      .map(([word]) => word);

    // Two negation-aware scorers agree better than either alone: wink's (computed with the
    // document, nearly free) and VADER's per-sentence compound, on at most VADER_SENTENCES
    // sentences spread over the entry (VADER costs ~0.4 ms a sentence).
    const sampled = spread(sentences, VADER_SENTENCES);
    const vader = sampled.length
      ? sampled.reduce((sum, s) => sum + SentimentIntensityAnalyzer.polarity_scores(s).compound, 0) / sampled.length
      : 0;
    const sentiment = sentences.length ? round((vader + Number(doc.out(its.sentiment))) / 2) : 0;

    return {
      summary: summaryOf(sentences, counts) || text.slice(0, 200) || '(empty)',
      sentiment,
      sentimentLabel: labelOf(sentiment),
      themes,
      suggestions: suggestionsOf(sentences),
    };
  }
}

function summaryOf(sentences: string[], counts: Map<string, number>): string {
  if (sentences.length <= SUMMARY_SENTENCES) return clip(sentences.join(' '), 600);
  const scored = sentences.map((sentence, index) => {
    const words = sentence.toLowerCase().match(/[a-z']+/g) ?? [];
    const weight = words.reduce((sum, w) => sum + (counts.get(w) ?? 0), 0) / Math.sqrt(words.length || 1);
    return { sentence, index, weight };
  });
  const chosen = [...scored]
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .slice(0, SUMMARY_SENTENCES)
    .sort((a, b) => a.index - b.index);
  return clip(chosen.map((c) => c.sentence).join(' '), 600);
}

function suggestionsOf(sentences: string[]): string[] {
  const found: string[] = [];
  for (const sentence of sentences) {
    const match = INTENT.exec(sentence);
    const rest = match?.slice(1).find(Boolean);
    if (!rest) continue;
    const action = rest.replace(/[.!?\s]+$/, '').trim();
    if (action.split(/\s+/).length < 2) continue;
    const suggestion = clip(action.charAt(0).toUpperCase() + action.slice(1), 200);
    if (!found.includes(suggestion)) found.push(suggestion);
    if (found.length === MAX_SUGGESTIONS) break;
  }
  return found;
}

/** At most `max` items, evenly spread over the list, in order. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!);
}

const round = (n: number) => Math.max(-1, Math.min(1, Math.round(n * 1000) / 1000));
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
