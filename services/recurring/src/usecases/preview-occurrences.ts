import { nextAfterCompletion, occurrencesAfter, type Occurrence, type SeriesRule } from '../domain/next-occurrence';

/**
 * The first dates a rule gives from a local start in a zone, computed exactly as a series
 * will have them: for the recurrence editor to show before saving.
 */
export class PreviewOccurrences {
  execute(rule: SeriesRule, count: number): Occurrence[] {
    return occurrencesAfter({ ...rule, exdates: rule.exdates ?? [] }, undefined, count);
  }

  /**
   * When the next one of an after-completion series is due if it is completed at
   * `completedAt`, exactly as the series will compute it (undefined: the series ends).
   */
  ifCompletedAt(rule: SeriesRule, completedAt: Date): Occurrence | undefined {
    return nextAfterCompletion({ ...rule, exdates: rule.exdates ?? [] }, completedAt);
  }
}
