import { occurrencesAfter, type Occurrence, type SeriesRule } from '../domain/next-occurrence';

/**
 * The first dates a rule gives from a local start in a zone, computed exactly as a series
 * will have them: for the recurrence editor to show before saving.
 */
export class PreviewOccurrences {
  execute(rule: SeriesRule, count: number): Occurrence[] {
    return occurrencesAfter({ ...rule, exdates: rule.exdates ?? [] }, undefined, count);
  }
}
